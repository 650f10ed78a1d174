package io.tempo.sync.testing;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.tempo.sync.spotify.SpotifyCallPacer;

/**
 * Every {@code @QuarkusTest} starts with a pacer that has learned nothing: what one test's 429s taught the
 * app-wide pacer must not slow the next test that shares the application. Registered through
 * {@code META-INF/services}, so no test has to remember it.
 */
public class UnpacedSpotifyForEachTest implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        var pacer = Arc.container().instance(SpotifyCallPacer.class);
        if (pacer.isAvailable()) {
            pacer.get().reset();
        }
    }
}
