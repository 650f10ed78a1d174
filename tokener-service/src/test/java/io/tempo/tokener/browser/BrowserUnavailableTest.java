package io.tempo.tokener.browser;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chromium cannot be launched: the service still starts, says so, and answers with the envelope. */
@QuarkusTest
@TestProfile(BrowserUnavailableTest.NoChromium.class)
class BrowserUnavailableTest {

    public static class NoChromium implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tokener.browser.executable-path", "/nonexistent/chromium",
                    "tokener.browser.relaunch-delay", "300ms",
                    "tokener.fetch.initial-backoff", "50ms",
                    "tokener.fetch.max-backoff", "100ms",
                    "tokener.cache.check-interval", "off",
                    "tokener.cache.warm-up-retry-interval", "off");
        }
    }

    @Test
    void serviceStartsNotReadyAndKeepsRetryingTheLaunch() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/health").then().statusCode(200)
                        .body("status", equalTo("healthy"))
                        .body("browser.connected", equalTo(false))
                        .body("browser.launches", equalTo(0))
                        .body("browser.lastLaunchError", notNullValue()));

        given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks[0].name", equalTo("anonymous-token"))
                .body("checks[0].data.browserConnected", equalTo(false));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void tokenCallsGetTheFailureEnvelope() {
        given().get("/api/token").then().statusCode(500)
                .contentType("application/json")
                .body("success", equalTo(false))
                .body("error", equalTo("Token generation failed"));
        given().get("/api/token/status").then().statusCode(200)
                .body("status.hasToken", equalTo(false))
                .body("status.browser.connected", equalTo(false))
                .body("status.lastError.message", notNullValue());
    }
}
