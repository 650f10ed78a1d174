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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The endpoints around the token: status, health, probes, metrics, OpenAPI and the error envelopes. */
@QuarkusTest
@WithTestResource(FakeWebPlayerResource.class)
class ApiContractTest extends TokenerTestBase {

    @Test
    void statusReportsTheCacheStateWithoutTheToken() {
        given().get("/api/token/status").then().statusCode(200)
                .body("hasToken", equalTo(false))
                .body("expiresAt", nullValue());

        JsonPath token = given().get("/api/token").then().statusCode(200).extract().jsonPath();
        given().get("/api/token").then().statusCode(200);

        String body = given().get("/api/token/status").then().statusCode(200)
                .contentType("application/json")
                .body("hasToken", equalTo(true))
                .body("expiresAt", equalTo(token.getLong("accessTokenExpirationTimestampMs")))
                .body("expiresInMs", greaterThan(3_000_000))
                .body("refreshing", equalTo(false))
                .body("lastFetchedAt", notNullValue())
                .body("lastError", nullValue())
                .body("accountTokens.cached", equalTo(0))
                .body("accountTokens.max", equalTo(3))
                .body("fetches.inFlight", equalTo(0))
                .body("fetches.succeeded", greaterThan(0))
                .body("cache.hits", greaterThan(0))
                .body("cache.misses", greaterThan(0))
                .body("browserConnected", equalTo(true))
                .body("timestamp", greaterThan(0L))
                .extract().asString();
        assertThat(body).doesNotContain(token.getString("accessToken"));
    }

    @Test
    void healthReportsUptimeMemoryAndTheBrowser() {
        given().get("/api/token").then().statusCode(200);

        given().get("/health").then().statusCode(200)
                .contentType("application/json")
                .body("status", equalTo("ok"))
                .body("uptimeMs", greaterThan(0))
                .body("memory.heapUsed", greaterThan(0))
                .body("memory.heapMax", notNullValue())
                .body("browser.connected", equalTo(true))
                .body("browser.launches", greaterThan(0))
                .body("browser.pid", greaterThan(0))
                .body("browser.version", notNullValue())
                .body("browser.executablePath", equalTo("/usr/bin/chromium"))
                .body("browser.lastLaunchError", nullValue())
                .body("timestamp", greaterThan(0L));
    }

    @Test
    void probesAreUpWhileChromiumRuns() {
        given().get("/api/token").then().statusCode(200);

        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("chromium"));
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
