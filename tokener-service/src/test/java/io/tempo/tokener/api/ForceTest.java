package io.tempo.tokener.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.tokener.support.Concurrently;
import io.tempo.tokener.support.FakeWebPlayer;
import io.tempo.tokener.support.FakeWebPlayerResource;
import io.tempo.tokener.support.TokenerTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(FakeWebPlayerResource.class)
class ForceTest extends TokenerTestBase {

    /** Longer than the default min-fetch-interval of 30 s. */
    private static final Duration PAST_THE_INTERVAL = Duration.ofSeconds(31);

    @Test
    void notForcedValuesServeTheCachedToken() {
        String token = given().get("/api/token").then().statusCode(200).extract().path("accessToken");

        for (String notForced : List.of("0", "false", "no", "FALSE")) {
            given().queryParam("force", notForced).get("/api/token").then().statusCode(200)
                    .body("cached", equalTo(true))
                    .body("accessToken", equalTo(token));
        }
        assertThat(fake.pageLoads()).isEqualTo(1);
    }

    @Test
    void forcedValuesFetchANewToken() {
        String previous = given().get("/api/token").then().statusCode(200).extract().path("accessToken");

        int expectedLoads = 1;
        for (String forced : List.of("1", "true", "yes", "TRUE")) {
            clock.advance(PAST_THE_INTERVAL);
            String token = given().queryParam("force", forced).get("/api/token").then().statusCode(200)
                    .body("cached", equalTo(false))
                    .extract().path("accessToken");
            assertThat(token).as("force=%s", forced).isNotEqualTo(previous);
            assertThat(fake.pageLoads()).isEqualTo(++expectedLoads);
            previous = token;
        }
    }

    @Test
    void anyOtherForceValueIsAValidationError() {
        for (String bad : List.of("maybe", "", "2", "on")) {
            Map<String, Object> body = given().queryParam("force", bad).get("/api/token").then()
                    .statusCode(400)
                    .contentType("application/json")
                    .body("error", equalTo("Validation error"))
                    .body("details", containsString("force"))
                    .body("timestamp", greaterThan(0L))
                    .extract().jsonPath().getMap("");
            assertThat(body).containsOnlyKeys("error", "details", "timestamp");
        }
        assertThat(fake.pageLoads()).isZero();
    }

    @Test
    void aBurstOfForcedCallsMakesAtMostOneFetchPerInterval() throws Exception {
        String first = given().get("/api/token").then().statusCode(200).extract().path("accessToken");

        List<String> tooSoon = Concurrently.run(10, () -> given().queryParam("force", "1").get("/api/token")
                .then().statusCode(200).extract().<String>path("accessToken"));
        assertThat(tooSoon).as("within the interval of the first fetch").containsOnly(first);
        assertThat(fake.pageLoads()).isEqualTo(1);

        clock.advance(PAST_THE_INTERVAL);
        fake.scenario(FakeWebPlayer.Scenario.SLOW, 500, 3_600_000, -1);
        List<String> burst = Concurrently.run(10, () -> given().queryParam("force", "true").get("/api/token")
                .then().statusCode(200).extract().<String>path("accessToken"));
        assertThat(burst).as("one coalesced fetch for the whole burst").containsOnly(burst.get(0));
        assertThat(burst.get(0)).isNotEqualTo(first);
        assertThat(fake.pageLoads()).isEqualTo(2);

        List<String> again = Concurrently.run(10, () -> given().queryParam("force", "yes").get("/api/token")
                .then().statusCode(200).extract().<String>path("accessToken"));
        assertThat(again).as("the newest token, no new fetch").containsOnly(burst.get(0));
        assertThat(fake.pageLoads()).isEqualTo(2);
    }

    @Test
    void refreshEndpointForcesAFetchWithTheSameLimit() {
        String first = given().get("/api/token").then().statusCode(200).extract().path("accessToken");

        given().post("/api/token/refresh").then().statusCode(200)
                .body("cached", equalTo(true))
                .body("accessToken", equalTo(first));
        assertThat(fake.pageLoads()).as("rate-limited right after the first fetch").isEqualTo(1);

        clock.advance(PAST_THE_INTERVAL);
        String refreshed = given().post("/api/token/refresh").then().statusCode(200)
                .body("success", equalTo(true))
                .body("cached", equalTo(false))
                .extract().path("accessToken");
        assertThat(refreshed).isNotEqualTo(first);
        assertThat(fake.pageLoads()).isEqualTo(2);

        given().get("/api/token").then().statusCode(200)
                .body("cached", equalTo(true))
                .body("accessToken", equalTo(refreshed));
    }
}
