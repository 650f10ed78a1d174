package io.tempo.tokener.support;

import static io.restassured.RestAssured.given;
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
        // A refresh left running by an earlier test (or the start-up fetch) would otherwise load the page now.
        await().atMost(Duration.ofSeconds(60)).until(() -> tokens.status().fetchesInFlight() == 0);
        fake.reset();
        tokens.clear();
        clock.reset();
    }

    /** Chromium's main process, as {@code /health} reports it. */
    protected static ProcessHandle chromium() {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get("/health").then().extract().path("browser.pid") != null);
        long pid = ((Number) given().get("/health").then().extract().path("browser.pid")).longValue();
        return ProcessHandle.of(pid).orElseThrow();
    }

    /** Kills Chromium the way the OOM killer would, and waits until it is gone. */
    protected static void killChromium(ProcessHandle chromium) {
        chromium.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !chromium.isAlive());
    }
}
