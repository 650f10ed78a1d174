package io.tempo.tokener;

import static org.assertj.core.api.Assertions.assertThat;

import io.tempo.common.testing.PackageGraph;
import io.tempo.tokener.config.TokenerConfig;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tokener's packages depend one way: the REST layer ({@code api}) on the token cache ({@code token}), the cache
 * on the browser that fetches ({@code browser}), and everything may read {@code config}; the entry point (the root
 * package) only starts the browser early. Nothing points back up.
 */
class ArchitectureTest {

    /** What each package may use besides itself; {@code ""} is the root package. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "", Set.of("browser"),
            "api", Set.of("token", "browser", "config"),
            "token", Set.of("browser", "config"),
            "browser", Set.of("config"),
            "config", Set.of());

    private static PackageGraph graph;

    @BeforeAll
    static void readCompiledClasses() {
        graph = PackageGraph.of(TokenerConfig.class, "io.tempo.tokener");
    }

    @Test
    void everyPackageOfTheServiceIsKnown() {
        assertThat(graph.uses().keySet()).containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
    }

    @Test
    void packagesDependOnlyDownwards() {
        assertThat(graph.usesOutside(ALLOWED)).as("dependencies against the direction").isEmpty();
        assertThat(graph.uses().get("token")).as("the scan sees real references").contains("browser", "config");
    }

    @Test
    void packagesFormNoCycle() {
        for (String start : graph.uses().keySet()) {
            assertThat(graph.reachableFrom(start)).as("packages reachable from %s", start).doesNotContain(start);
        }
    }
}
