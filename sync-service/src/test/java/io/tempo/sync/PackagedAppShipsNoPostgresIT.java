package io.tempo.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The JVM image copies {@code target/quarkus-app/lib} as it is: the PostgreSQL that ./run and the tests start
 * ({@code dev-postgres}, zonky and its binaries) must never be in it. Runs after {@code package} (failsafe).
 */
class PackagedAppShipsNoPostgresIT {

    @Test
    void theFastJarsLibrariesHoldNeitherTheLauncherNorZonkyNorItsBinaries() throws IOException {
        Path lib = Path.of("target/quarkus-app/lib");
        Assumptions.assumeTrue(Files.isDirectory(lib), "no fast-jar was built (the native profile builds none)");
        List<String> jars;
        try (Stream<Path> files = Files.walk(lib)) {
            jars = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".jar")).toList();
        }

        assertThat(jars).as("the libraries of %s", lib)
                .anySatisfy(jar -> assertThat(jar).startsWith("org.postgresql.postgresql-"))
                .noneSatisfy(jar -> assertThat(jar).containsAnyOf("io.zonky", "dev-postgres"));
    }
}
