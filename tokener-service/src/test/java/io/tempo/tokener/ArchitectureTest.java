package io.tempo.tokener;

import io.tempo.common.testing.PackageDirectionTest;
import io.tempo.common.testing.PackageGraph;
import io.tempo.tokener.config.TokenerConfig;
import java.util.Map;
import java.util.Set;

/**
 * The tokener's packages depend one way: the REST layer ({@code api}) on the token cache ({@code token}), the cache
 * on the browser that fetches ({@code browser}), and everything may read {@code config}; the entry point (the root
 * package) only starts the browser early. Nothing points back up.
 */
class ArchitectureTest extends PackageDirectionTest {

    @Override
    protected Map<String, Set<String>> allowed() {
        return Map.of(
                "", Set.of("browser"),
                "api", Set.of("token", "browser", "config"),
                "token", Set.of("browser", "config"),
                "browser", Set.of("config"),
                "config", Set.of());
    }

    @Override
    protected PackageGraph read() {
        return PackageGraph.of(TokenerConfig.class, "io.tempo.tokener");
    }

    @Override
    protected Map.Entry<String, Set<String>> knownUse() {
        return Map.entry("token", Set.of("browser", "config"));
    }
}
