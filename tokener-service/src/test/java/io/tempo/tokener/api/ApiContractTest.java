package io.tempo.tokener.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tempo.tokener.support.FakeWebPlayerResource;
import io.tempo.tokener.support.TokenerTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The endpoints around the token: status, health, probes, metrics, OpenAPI and the error envelopes. */
@QuarkusTest
@WithTestResource(FakeWebPlayerResource.class)
class ApiContractTest extends TokenerTestBase {

    private static final List<String> SEED_STATUS_FIELDS = List.of("hasToken", "isValid", "shouldProactivelyRefresh",
            "expiresAt", "isRefreshing", "timeUntilExpiry", "timeUntilProactiveRefresh");

    @Test
    void statusHasEveryFieldOfTheOriginalTokenerWithItsMeanings() {
        JsonPath empty = given().get("/api/token/status").then().statusCode(200).extract().jsonPath();
        assertThat(empty.getMap("")).containsKeys("success", "status", "timestamp");
        assertThat(empty.getMap("status")).containsKeys(SEED_STATUS_FIELDS.toArray(String[]::new));
        assertThat(empty.getBoolean("status.hasToken")).isFalse();
        assertThat(empty.getBoolean("status.isValid")).isFalse();
        assertThat(empty.getLong("status.expiresAt")).as("the original's 0 without a token").isZero();

        JsonPath token = given().get("/api/token").then().statusCode(200).extract().jsonPath();
        given().get("/api/token").then().statusCode(200);
        long expiresAt = token.getLong("accessTokenExpirationTimestampMs");

        String body = given().get("/api/token/status").then().statusCode(200)
                .contentType("application/json")
                .body("success", equalTo(true))
                .body("status.hasToken", equalTo(true))
                .body("status.isValid", equalTo(true))
                .body("status.shouldProactivelyRefresh", equalTo(false))
                .body("status.expiresAt", equalTo(expiresAt))
                .body("status.isRefreshing", equalTo(false))
                .body("status.lastFetchedAt", notNullValue())
                .body("status.lastError", nullValue())
                .body("status.accountTokens.cached", equalTo(0))
                .body("status.accountTokens.max", equalTo(3))
                .body("status.fetches.inFlight", equalTo(0))
                .body("status.fetches.succeeded", greaterThan(0))
                .body("status.cache.hits", greaterThan(0))
                .body("status.cache.misses", greaterThan(0))
                .body("status.browser.connected", equalTo(true))
                .body("timestamp", greaterThan(0L))
                .extract().asString();
        assertThat(body).doesNotContain(token.getString("accessToken"));
        JsonPath status = JsonPath.from(body);
        long now = status.getLong("timestamp");
        assertThat(status.getLong("status.timeUntilExpiry")).isEqualTo(expiresAt - now);
        assertThat(status.getLong("status.timeUntilProactiveRefresh"))
                .as("the 10 minutes of the proactive refresh").isEqualTo(expiresAt - now - 600_000);
        assertThat(status.getMap("status").keySet()).as("the original's fields come first")
                .startsWith(SEED_STATUS_FIELDS.toArray(String[]::new));

        clock.advance(Duration.ofMinutes(52)); // 8 minutes left: due for the proactive refresh, still valid
        given().get("/api/token/status").then().statusCode(200)
                .body("status.isValid", equalTo(true))
                .body("status.shouldProactivelyRefresh", equalTo(true));
        clock.advance(Duration.ofMinutes(4)); // 4 minutes left: below the 5-minute buffer
        given().get("/api/token/status").then().statusCode(200)
                .body("status.isValid", equalTo(false))
                .body("status.shouldProactivelyRefresh", equalTo(true));
    }

    @Test
    void healthHasEveryFieldOfTheOriginalTokenerAndTheBrowserBesideThem() {
        given().get("/api/token").then().statusCode(200);

        JsonPath health = given().get("/health").then().statusCode(200)
                .contentType("application/json")
                .body("status", equalTo("healthy"))
                .body("browser.connected", equalTo(true))
                .body("browser.launches", greaterThan(0))
                .body("browser.pid", greaterThan(0))
                .body("browser.version", notNullValue())
                .body("browser.executablePath", equalTo("/usr/bin/chromium"))
                .body("browser.lastLaunchError", nullValue())
                .extract().jsonPath();
        assertThat(health.getMap("")).containsKeys("status", "uptime", "memory", "timestamp");
        assertThat(health.getMap("memory")).containsKeys("rss", "heapTotal", "heapUsed");
        double uptimeSeconds = health.getDouble("uptime");
        long jvmUptimeMs = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        assertThat(uptimeSeconds).as("seconds, like process.uptime()").isPositive()
                .isLessThanOrEqualTo(jvmUptimeMs / 1000.0 + 1);
        long rss = health.getLong("memory.rss");
        long heapTotal = health.getLong("memory.heapTotal");
        long heapUsed = health.getLong("memory.heapUsed");
        assertThat(heapUsed).isPositive().isLessThanOrEqualTo(heapTotal);
        assertThat(rss).as("the resident set holds the heap in use and more").isGreaterThan(heapUsed);
        assertThat(health.getLong("timestamp")).isGreaterThan(0L);
    }

    @Test
    void probesAreUpOnceATokenIsCached() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(503).body("checks.name", hasItem("anonymous-token"));

        given().get("/api/token").then().statusCode(200);

        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("anonymous-token"));
    }

    @Test
    void unknownPathsGetTheNotFoundEnvelope() {
        for (String path : List.of("/nope", "/api/tokens", "/api/token/unknown", "/")) {
            Map<String, Object> body = given().get(path).then().statusCode(404)
                    .contentType("application/json")
                    .body("error", equalTo("Endpoint not found"))
                    .body("timestamp", greaterThan(0L))
                    .extract().jsonPath().getMap("");
            assertThat(body).as(path).containsOnlyKeys("error", "timestamp");
        }
    }

    @Test
    void aWrongMethodGetsAJsonErrorNotAPage() {
        given().delete("/api/token").then().statusCode(405)
                .contentType("application/json")
                .body("error", notNullValue())
                .body("timestamp", greaterThan(0L));
    }

    @Test
    void metricsExposeFetchLatencyFailuresCacheAndRelaunches() {
        given().get("/api/token").then().statusCode(200);
        given().get("/api/token").then().statusCode(200);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics)
                .containsPattern("tokener_fetch_duration_seconds_count\\{[^}]*outcome=\"success\"[^}]*} [1-9]")
                .contains("tokener_fetch_failures_total")
                .containsPattern("tokener_cache_requests_total\\{[^}]*result=\"hit\"[^}]*} [1-9]")
                .containsPattern("tokener_cache_requests_total\\{[^}]*result=\"miss\"[^}]*} [1-9]")
                .contains("tokener_browser_relaunches_total")
                .containsPattern("tokener_browser_launches_total(\\{[^}]*})? [1-9]")
                .containsPattern("tokener_browser_connected(\\{[^}]*})? 1");
    }

    @Test
    void openApiDescribesTheEndpoints() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Tempo Tokener API"))
                .body("paths.'/api/token'.get", notNullValue())
                .body("paths.'/api/token/status'.get", notNullValue())
                .body("paths.'/api/token/refresh'.post", notNullValue())
                .body("paths.'/health'.get", notNullValue());
    }
}
