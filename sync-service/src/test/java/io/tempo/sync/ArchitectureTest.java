package io.tempo.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.tempo.sync.config.SyncConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * The service's packages depend one way: the REST layer ({@code api}, {@code onboarding}) on the orchestration
 * ({@code run}), the orchestration on the outside world ({@code spotify}, {@code store}), and everything may read
 * {@code config}; nothing points back up, and {@code spotify} and {@code store} do not know each other. Read from the
 * compiled classes with ASM (which the Quarkus test framework already brings), so every reference counts: imports,
 * signatures, method bodies, annotations.
 */
class ArchitectureTest {

    private static final String ROOT = "io.tempo.sync";

    /** What each package may use besides itself; {@code config.database} is start-up wiring below everything. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "api", Set.of("run", "store", "config"),
            "onboarding", Set.of("api", "spotify", "store", "config"),
            "run", Set.of("spotify", "store", "config"),
            "spotify", Set.of("config"),
            "store", Set.of(),
            "config", Set.of("config.database"),
            "config.database", Set.of());

    private static Map<String, Set<String>> dependencies;

    @BeforeAll
    static void readCompiledClasses() throws IOException, URISyntaxException {
        Path classes = Path.of(SyncConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        dependencies = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes.resolve(ROOT.replace('.', '/')))) {
            files.filter(file -> file.toString().endsWith(".class")).forEach(ArchitectureTest::read);
        }
    }

    @Test
    void everyPackageOfTheServiceIsKnown() {
        assertThat(dependencies.keySet()).containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
    }

    @Test
    void packagesDependOnlyDownwards() {
        List<String> violations = new ArrayList<>();
        dependencies.forEach((from, targets) -> targets.stream()
                .filter(to -> !ALLOWED.getOrDefault(from, Set.of()).contains(to))
                .forEach(to -> violations.add(from + " -> " + to)));

        assertThat(violations).as("dependencies against the direction").isEmpty();
        assertThat(dependencies.get("run")).as("the scan sees real references").contains("spotify", "store");
    }

    @Test
    void packagesFormNoCycle() {
        for (String start : dependencies.keySet()) {
            assertThat(reachableFrom(start)).as("packages reachable from %s", start).doesNotContain(start);
        }
    }

    private static Set<String> reachableFrom(String start) {
        Set<String> seen = new TreeSet<>();
        List<String> next = new ArrayList<>(dependencies.getOrDefault(start, Set.of()));
        while (!next.isEmpty()) {
            String current = next.remove(next.size() - 1);
            if (seen.add(current)) {
                next.addAll(dependencies.getOrDefault(current, Set.of()));
            }
        }
        return seen;
    }

    private static void read(Path classFile) {
        try (InputStream in = Files.newInputStream(classFile)) {
            ClassReader reader = new ClassReader(in);
            String from = packageOf(reader.getClassName());
            Set<String> targets = dependencies.computeIfAbsent(from, key -> new TreeSet<>());
            Remapper collector = new Remapper(Opcodes.ASM9) {
                @Override
                public String map(String internalName) {
                    String to = packageOf(internalName);
                    if (to != null && !to.equals(from)) {
                        targets.add(to);
                    }
                    return internalName;
                }
            };
            // A writer underneath, because a remapper only walks what its delegate asks for (method bodies included).
            reader.accept(new ClassRemapper(new ClassWriter(0), collector), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The package of a class below the root, relative to it ({@code run}, {@code config.database}); else null. */
    private static String packageOf(String internalName) {
        String name = internalName.replace('/', '.');
        if (!name.startsWith(ROOT + ".")) {
            return null;
        }
        int lastDot = name.lastIndexOf('.');
        return lastDot <= ROOT.length() ? null : name.substring(ROOT.length() + 1, lastDot);
    }
}
