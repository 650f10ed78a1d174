package io.tempo.sync.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the {@code @QuarkusTest}s that sync against {@link WireMockResource}'s Spotify and the test database: every
 * test starts from empty tables, no stubs and closed circuit breakers, since what one test's failing Spotify opened
 * would fail the next test's users. (The pacer is reset for every test by {@link UnpacedSpotifyForEachTest}.)
 */
public abstract class SpotifyTestBase extends DatabaseTestBase {

    @InjectWireMock
    protected WireMockServer wireMock;

    @Inject
    protected CircuitBreakerMaintenance breakers;

    /** Stubs Spotify's answers on {@link #wireMock}. */
    protected SpotifyStubs spotify;

    @BeforeEach
    void startFromAFreshSpotify() {
        wireMock.resetAll();
        breakers.resetAll();
        spotify = new SpotifyStubs(wireMock);
    }
}
