package io.tempo.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.tempo.common.testing.PackageGraph;
import io.tempo.sync.config.SyncConfig;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service's packages depend one way: the REST layer ({@code api}, {@code onboarding}) on the orchestration
 * ({@code run}), the orchestration on the outside world ({@code spotify}, {@code store}), and everything may read
 * {@code config}; nothing points back up, and {@code spotify} and {@code store} do not know each other.
 */
class ArchitectureTest {

    /** What each package may use besides itself; {@code config.database} is start-up wiring below everything. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "api", Set.of("run", "store", "config"),
            "onboarding", Set.of("api", "spotify", "store", "config"),
            "run", Set.of("spotify", "store", "config"),
            "spotify", Set.of("config"),
            "store", Set.of(),
            "config", Set.of("config.database"),
            "config.database", Set.of());

    private static PackageGraph graph;

    @BeforeAll
    static void readCompiledClasses() {
        graph = PackageGraph.of(SyncConfig.class, "io.tempo.sync");
    }

    @Test
    void everyPackageOfTheServiceIsKnown() {
        assertThat(graph.uses().keySet()).containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
    }

    @Test
    void packagesDependOnlyDownwards() {
        assertThat(graph.usesOutside(ALLOWED)).as("dependencies against the direction").isEmpty();
        assertThat(graph.uses().get("run")).as("the scan sees real references").contains("spotify", "store");
    }

    @Test
    void packagesFormNoCycle() {
        for (String start : graph.uses().keySet()) {
            assertThat(graph.reachableFrom(start)).as("packages reachable from %s", start).doesNotContain(start);
        }
    }
}
