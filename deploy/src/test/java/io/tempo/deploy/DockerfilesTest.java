package io.tempo.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container files agree with the code and the manifests: they copy their own module's Maven output (and the
 * .dockerignore lets exactly that through), run as the numeric user the pods run as, expose the service's port,
 * and the tokener's image launches Debian's Chromium without Playwright downloading one.
 */
class DockerfilesTest {

    private static final Pattern INSTRUCTION = Pattern.compile("^(FROM|RUN|COPY|USER|EXPOSE|ENV)\\s+(.*)$");

    /** Every Dockerfile under a module's src/main/docker. */
    static List<Path> dockerfiles() {
        try (Stream<Path> modules = Files.list(Repo.root())) {
            List<Path> found = new ArrayList<>();
            for (Path docker : modules.map(m -> m.resolve("src/main/docker")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(docker)) {
                    files.filter(f -> f.getFileName().toString().startsWith("Dockerfile")).forEach(found::add);
                }
            }
            return found.stream().sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theThreeImagesHaveTheirDockerfiles() {
        assertThat(dockerfiles()).extracting(p -> Repo.root().relativize(p).toString()).containsExactly(
                "sync-service/src/main/docker/Dockerfile.jvm",
                "sync-service/src/main/docker/Dockerfile.native",
                "tokener-service/src/main/docker/Dockerfile.jvm");
    }

    @ParameterizedTest
    @MethodSource("dockerfiles")
    void copiesOnlyItsOwnModulesMavenOutputAndTheDockerignoreLetsItThrough(Path dockerfile) throws IOException {
        String module = Repo.root().relativize(dockerfile).getName(0).toString();
        List<String> allowed = Files.readAllLines(Repo.root().resolve(".dockerignore")).stream()
                .map(String::strip).filter(line -> line.startsWith("!")).map(line -> line.substring(1)).toList();
        List<String> sources = copySources(dockerfile);

        assertThat(sources).isNotEmpty().allSatisfy(source -> {
            assertThat(source).startsWith(module + "/target/");
            assertThat(allowed).as(".dockerignore re-includes %s", source)
                    .anySatisfy(pattern -> assertThat(source.equals(pattern) || source.startsWith(pattern + "/"))
                            .isTrue());
        });
    }

    @Test
    void theDockerignoreSendsNothingButWhatTheDockerfilesCopy() throws IOException {
        List<String> lines = Files.readAllLines(Repo.root().resolve(".dockerignore")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();

        assertThat(lines.get(0)).isEqualTo("*");
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).matches("!\\S+/target/\\S+"));
    }

    @Test
    void theNativeSyncImageRunsAsThePodsUserOnTheServicesPort() throws IOException {
        Path dockerfile = Repo.module("sync-service").resolve("src/main/docker/Dockerfile.native");

        assertThat(last(dockerfile, "FROM")).startsWith("quay.io/quarkus/quarkus-micro-image:");
        assertRunsAsPodUserOnPort(dockerfile, "sync-service", "sync-service");
    }

    @Test
    void theTokenerImageRunsAsThePodsUserOnTheServicesPort() throws IOException {
        assertRunsAsPodUserOnPort(Repo.module("tokener-service").resolve("src/main/docker/Dockerfile.jvm"),
                "tokener-service", "tokener-service");
    }

    @Test
    void theJvmSyncImageExposesTheServicesPortAsANonRootUser() throws IOException {
        Path dockerfile = Repo.module("sync-service").resolve("src/main/docker/Dockerfile.jvm");

        assertThat(Integer.parseInt(last(dockerfile, "USER"))).isPositive();
        assertThat(Integer.parseInt(last(dockerfile, "EXPOSE"))).isEqualTo(ServiceFacts.of("sync-service").httpPort());
    }

    @Test
    void theTokenerImageInstallsDebiansChromiumAndNeverDownloadsPlaywrightsOwn() throws IOException {
        Path dockerfile = Repo.module("tokener-service").resolve("src/main/docker/Dockerfile.jvm");
        String text = Files.readString(dockerfile);
        String env = String.join(" ", all(dockerfile, "ENV"));

        assertThat(last(dockerfile, "FROM")).startsWith("debian:");
        assertThat(all(dockerfile, "RUN")).anySatisfy(run ->
                assertThat(run).contains("apt-get install").containsPattern("\\schromium\\s"));
        assertThat(env).contains("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1", "CHROMIUM_PATH=/usr/bin/chromium");
        assertThat(ServiceFacts.of("tokener-service").required("tokener.browser.executable-path"))
                .as("the service reads CHROMIUM_PATH").contains("${CHROMIUM_PATH");
        assertThat(text).contains("--shm-size");
    }

    private static void assertRunsAsPodUserOnPort(Path dockerfile, String deployment, String module)
            throws IOException {
        long imageUser = Long.parseLong(last(dockerfile, "USER"));
        for (String overlay : Rendered.overlays()) {
            Long podUser = Rendered.of(overlay).deployment(deployment).getSpec().getTemplate().getSpec()
                    .getSecurityContext().getRunAsUser();
            assertThat(podUser).as("%s runAsUser in %s", deployment, overlay).isEqualTo(imageUser);
        }
        assertThat(imageUser).isPositive();
        assertThat(Integer.parseInt(last(dockerfile, "EXPOSE"))).isEqualTo(ServiceFacts.of(module).httpPort());
    }

    /** The source paths of every COPY without --from (what comes from the build context). */
    private static List<String> copySources(Path dockerfile) throws IOException {
        List<String> sources = new ArrayList<>();
        for (String arguments : all(dockerfile, "COPY")) {
            List<String> words = Arrays.stream(arguments.split("\\s+")).toList();
            if (words.stream().anyMatch(w -> w.startsWith("--from"))) {
                continue;
            }
            List<String> paths = words.stream().filter(w -> !w.startsWith("--")).toList();
            sources.addAll(paths.subList(0, paths.size() - 1).stream()
                    .map(p -> p.endsWith("/") ? p.substring(0, p.length() - 1) : p).toList());
        }
        return sources;
    }

    private static String last(Path dockerfile, String instruction) throws IOException {
        List<String> values = all(dockerfile, instruction);
        assertThat(values).as("%s in %s", instruction, dockerfile.getFileName()).isNotEmpty();
        return values.get(values.size() - 1);
    }

    /** Arguments of every instruction of one kind, with continuation lines joined. */
    private static List<String> all(Path dockerfile, String instruction) throws IOException {
        String joined = Files.readString(dockerfile).replaceAll("\\\\\\n\\s*", " ");
        List<String> values = new ArrayList<>();
        for (String line : joined.split("\n")) {
            Matcher m = INSTRUCTION.matcher(line.strip());
            if (m.matches() && m.group(1).equals(instruction)) {
                values.add(m.group(2).strip());
            }
        }
        return values;
    }
}
