package io.tempo.sync;

import io.tempo.common.testing.PackageDirectionTest;
import io.tempo.common.testing.PackageGraph;
import io.tempo.sync.config.SyncConfig;
import java.util.Map;
import java.util.Set;

/**
 * The service's packages depend one way: the REST layer ({@code api}, {@code onboarding}) on the orchestration
 * ({@code run}), the orchestration on the outside world ({@code spotify}, {@code store}), and everything may read
 * {@code config}; nothing points back up, and {@code spotify} and {@code store} do not know each other.
 */
class ArchitectureTest extends PackageDirectionTest {

    /** {@code config.database} is start-up wiring below everything. */
    @Override
    protected Map<String, Set<String>> allowed() {
        return Map.of(
                "api", Set.of("run", "store", "config"),
                "onboarding", Set.of("api", "spotify", "store", "config"),
                "run", Set.of("spotify", "store", "config"),
                "spotify", Set.of("config"),
                "store", Set.of(),
                "config", Set.of("config.database"),
                "config.database", Set.of());
    }

    @Override
    protected PackageGraph read() {
        return PackageGraph.of(SyncConfig.class, "io.tempo.sync");
    }

    @Override
    protected Map.Entry<String, Set<String>> knownUse() {
        return Map.entry("run", Set.of("spotify", "store"));
    }
}
