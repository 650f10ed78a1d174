package io.tempo.tokener.support;

import static org.awaitility.Awaitility.await;

import io.tempo.tokener.token.TokenService;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every test against the running service starts from: no fetch in flight, an empty cache, the
 * real time, and a fake web player in its normal scenario with zeroed counters.
 */
public abstract class TokenerTestBase {

    @Inject
    protected TokenService tokens;

    @Inject
    protected AdjustableClock clock;

    @ConfigProperty(name = "tokener.web-player-url")
    protected String webPlayerUrl;

    protected FakeWebPlayerControl fake;

    @BeforeEach
    void startFromAKnownState() {
        fake = new FakeWebPlayerControl(webPlayerUrl);
        // A refresh left running by an earlier test would otherwise load the page during this one.
        await().atMost(Duration.ofSeconds(40)).until(() -> tokens.status().fetchesInFlight() == 0);
        fake.reset();
        tokens.clear();
        clock.reset();
    }
}
