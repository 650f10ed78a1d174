package io.tempo.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * Which of a service's packages use which, read from its compiled classes with ASM (which the Quarkus test framework
 * already brings), so every reference counts: imports, signatures, method bodies, annotations. Packages are named
 * relative to the service's root ({@code run}, {@code config.database}); classes in the root itself are {@code ""}.
 * Both services' architecture tests read their graph with it.
 */
public final class PackageGraph {

    private final String root;
    private final Map<String, Set<String>> uses = new TreeMap<>();

    private PackageGraph(String root) {
        this.root = root;
    }

    /** The graph of the classes below {@code root} in the class-path entry that holds {@code anyMainClass}. */
    public static PackageGraph of(Class<?> anyMainClass, String root) {
        PackageGraph graph = new PackageGraph(root);
        try {
            Path classes = Path.of(anyMainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (Stream<Path> files = Files.walk(classes.resolve(root.replace('.', '/')))) {
                files.filter(file -> file.toString().endsWith(".class")).forEach(graph::read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return graph;
    }

    /** Every package that holds a class, each with the other packages it uses. */
    public Map<String, Set<String>> uses() {
        return Collections.unmodifiableMap(uses);
    }

    /** {@code "from -> to"} for every use that {@code allowed} (package to the packages it may use) does not list. */
    public List<String> usesOutside(Map<String, Set<String>> allowed) {
        List<String> violations = new ArrayList<>();
        uses.forEach((from, targets) -> targets.stream()
                .filter(to -> !allowed.getOrDefault(from, Set.of()).contains(to))
                .forEach(to -> violations.add(from + " -> " + to)));
        return violations;
    }

    /** The packages {@code start} reaches, directly or through others; it is in a cycle when it reaches itself. */
    public Set<String> reachableFrom(String start) {
        Set<String> seen = new TreeSet<>();
        List<String> next = new ArrayList<>(uses.getOrDefault(start, Set.of()));
        while (!next.isEmpty()) {
            String current = next.remove(next.size() - 1);
            if (seen.add(current)) {
                next.addAll(uses.getOrDefault(current, Set.of()));
            }
        }
        return seen;
    }

    private void read(Path classFile) {
        try (InputStream in = Files.newInputStream(classFile)) {
            ClassReader reader = new ClassReader(in);
            String from = packageOf(reader.getClassName());
            Set<String> targets = uses.computeIfAbsent(from, key -> new TreeSet<>());
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

    /** The package of a class below the root, relative to it; {@code ""} for the root's own; null outside it. */
    private String packageOf(String internalName) {
        String name = internalName.replace('/', '.');
        if (!name.startsWith(root + ".")) {
            return null;
        }
        int lastDot = name.lastIndexOf('.');
        return lastDot <= root.length() ? "" : name.substring(root.length() + 1, lastDot);
    }
}
