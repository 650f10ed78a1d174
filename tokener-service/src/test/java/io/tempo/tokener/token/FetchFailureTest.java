package io.tempo.tokener.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.common.testing.LogCapture;
import io.tempo.tokener.support.FakeWebPlayer.Scenario;
import io.tempo.tokener.support.FakeWebPlayerResource;
import io.tempo.tokener.support.TokenerTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Failed fetches: retries with backoff, the failure envelope, and which cached token may still be served.
 * Each failing attempt waits the whole per-attempt timeout (2.5 s here), as a page may still ask again; a
 * caller waits at most the 2 s bound, so the retries go on after it was answered.
 */
@QuarkusTest
@WithTestResource(value = FakeWebPlayerResource.class, initArgs = {
        @ResourceArg(name = "tokener.fetch.timeout", value = "2500ms"),
        @ResourceArg(name = "tokener.request.max-wait", value = "2s")})
class FetchFailureTest extends TokenerTestBase {

    private static final long TWELVE_MINUTES_MS = Duration.ofMinutes(12).toMillis();

    @Test
    void retriesWithBackoffInTheBackgroundThenCachesTheToken() {
        fake.scenario(Scenario.ERROR_500, 0, 3_600_000, 2);

        try (LogCapture logs = LogCapture.start()) {
            given().get("/api/token").then().statusCode(500).body("error", equalTo("Token generation failed"));

            await().atMost(Duration.ofSeconds(20)).until(() -> tokens.status().hasToken());
            given().get("/api/token").then().statusCode(200)
                    .body("success", equalTo(true))
                    .body("cached", equalTo(true));
            assertThat(fake.pageLoads()).isEqualTo(3);
            // The test backoff: 150 ms, doubled to 300 ms.
            assertThat(logs.lines())
                    .anyMatch(line -> line.contains("attempt 1/3 failed; next attempt in 150 ms"))
                    .anyMatch(line -> line.contains("attempt 2/3 failed; next attempt in 300 ms"));
        }
        List<Long> loads = fake.pageLoadTimes();
        assertThat(loads.get(1) - loads.get(0)).isGreaterThanOrEqualTo(150);
        assertThat(loads.get(2) - loads.get(1)).isGreaterThanOrEqualTo(300);
    }

    @Test
    void allAttemptsFailingGivesTheFailureEnvelope() {
        fake.scenario(Scenario.ERROR_500);
        long failedBefore = tokens.status().refreshesFailed();

        Map<String, Object> body = given().get("/api/token").then().statusCode(500)
                .contentType("application/json")
                .body("success", equalTo(false))
                .body("error", equalTo("Token generation failed"))
                .body("timestamp", greaterThan(0L))
                .extract().jsonPath().getMap("");

        assertThat(body).containsOnlyKeys("success", "error", "timestamp");
        awaitRefreshesFailed(failedBefore + 1);
        assertThat(fake.pageLoads()).as("three attempts").isEqualTo(3);
        FetchError lastError = tokens.status().lastError();
        assertThat(lastError).isNotNull();
        assertThat(lastError.message()).contains("500");
        given().get("/api/token").then().statusCode(500).body("success", equalTo(false));
    }

    @Test
    void errorJsonAnswersDoNotCountAsTokens() {
        fake.scenario(Scenario.ERROR_JSON_400, 0, 3_600_000, 1);
        given().get("/api/token");
        await().atMost(Duration.ofSeconds(20)).until(() -> tokens.status().hasToken());
        given().get("/api/token").then().statusCode(200).body("accessToken", startsWith("anonymous-token-"));
        assertThat(fake.pageLoads()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(31));
        fake.scenario(Scenario.ERROR_JSON_200, 0, 3_600_000, 1);
        String before = tokens.status().lastFetchedAt().toString();
        given().queryParam("force", "1").get("/api/token").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> fake.pageLoads() == 4 && tokens.status().fetchesInFlight() == 0);
        assertThat(tokens.status().lastFetchedAt().toString()).isNotEqualTo(before);
        given().get("/api/token").then().statusCode(200).body("accessToken", startsWith("anonymous-token-"));
    }

    @Test
    void aPageThatNeverAsksForATokenFailsTheAttempt() {
        fake.scenario(Scenario.NO_TOKEN_CALL, 0, 3_600_000, 1);

        given().get("/api/token");
        await().atMost(Duration.ofSeconds(20)).until(() -> tokens.status().hasToken());

        assertThat(fake.pageLoads()).isEqualTo(2);
        assertThat(fake.tokenQueries()).allMatch(query -> query.endsWith("load=2"));
    }

    @Test
    void stillValidTokenKeepsBeingServedWhileRefreshesFailButAnExpiredOneNeverIs() {
        fake.scenario(Scenario.NORMAL, 0, TWELVE_MINUTES_MS, -1);
        String token = given().get("/api/token").then().statusCode(200).extract().path("accessToken");
        fake.scenario(Scenario.ERROR_500, 0, TWELVE_MINUTES_MS, -1);
        long failedBefore = tokens.status().refreshesFailed();

        // 9 minutes left: served, and a background refresh starts and fails.
        clock.advance(Duration.ofMinutes(3));
        given().get("/api/token").then().statusCode(200).body("accessToken", equalTo(token));
        awaitRefreshesFailed(failedBefore + 1);
        given().get("/api/token").then().statusCode(200)
                .body("cached", equalTo(true))
                .body("accessToken", equalTo(token));

        // 2 minutes left: below the 5-minute floor, so a fetch is needed; the caller gets the still-valid token.
        clock.advance(Duration.ofMinutes(7));
        given().get("/api/token").then().statusCode(200)
                .body("cached", equalTo(true))
                .body("accessToken", equalTo(token));
        awaitRefreshesFailed(failedBefore + 2);

        // Expired: never served.
        clock.advance(Duration.ofMinutes(3));
        given().get("/api/token").then().statusCode(500)
                .body("success", equalTo(false))
                .body("error", equalTo("Token generation failed"));
        awaitRefreshesFailed(failedBefore + 3);
    }

    private void awaitRefreshesFailed(long count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> tokens.status().refreshesFailed() == count
                && tokens.status().fetchesInFlight() == 0);
    }
}
