package io.tempo.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What each service's architecture test proves: its packages are the known ones, they depend only in the allowed
 * direction, and none reaches itself again. A service names its root, a class of its main code, what each package may
 * use and one dependency the scan must see (so an empty scan cannot pass).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PackageDirectionTest {

    private PackageGraph graph;

    /** Package (relative to the root, {@code ""} for the root itself) to the packages it may use besides itself. */
    protected abstract Map<String, Set<String>> allowed();

    protected abstract PackageGraph read();

    /** A package and packages it is known to use: proof that the scan sees real references. */
    protected abstract Map.Entry<String, Set<String>> knownUse();

    private PackageGraph graph() {
        if (graph == null) {
            graph = read();
        }
        return graph;
    }

    @Test
    void everyPackageOfTheServiceIsKnown() {
        assertThat(graph().uses().keySet()).containsExactlyInAnyOrderElementsOf(allowed().keySet());
    }

    @Test
    void packagesDependOnlyDownwards() {
        assertThat(graph().usesOutside(allowed())).as("dependencies against the direction").isEmpty();
        assertThat(graph().uses().get(knownUse().getKey())).as("the scan sees real references")
                .containsAll(knownUse().getValue());
    }

    @Test
    void packagesFormNoCycle() {
        for (String start : graph().uses().keySet()) {
            assertThat(graph().reachableFrom(start)).as("packages reachable from %s", start).doesNotContain(start);
        }
    }
}
