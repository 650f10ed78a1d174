package io.tempo.tokener.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.tokener.support.FakeWebPlayer;
import io.tempo.tokener.support.FakeWebPlayerResource;
import io.tempo.tokener.support.TokenerTestBase;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The refresh rules, driven by short-lived tokens and a clock the test moves forward. */
@QuarkusTest
@WithTestResource(FakeWebPlayerResource.class)
class RefreshAheadTest extends TokenerTestBase {

    private static final long TWELVE_MINUTES_MS = Duration.ofMinutes(12).toMillis();

    @Inject
    TokenRefreshScheduler scheduler;

    @Test
    void refreshesAheadOfExpiryWhileServingTheCachedToken() {
        fake.scenario(FakeWebPlayer.Scenario.NORMAL, 0, TWELVE_MINUTES_MS, -1);
        String first = given().get("/api/token").then().statusCode(200).extract().path("accessToken");

        clock.advance(Duration.ofMinutes(3)); // 9 minutes left: inside the 10-minute window, above the 5-minute floor
        given().get("/api/token").then().statusCode(200)
                .body("cached", equalTo(true))
                .body("accessToken", equalTo(first));

        await().atMost(Duration.ofSeconds(30)).until(() -> fake.pageLoads() == 2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/api/token").then().statusCode(200)
                        .body("cached", equalTo(true))
                        .body("accessToken", not(equalTo(first))));
        assertThat(fake.pageLoads()).as("no further refresh within the min fetch interval").isEqualTo(2);
    }

    @Test
    void tokenWithLessThanFiveMinutesLeftIsNotServedFromCache() {
        fake.scenario(FakeWebPlayer.Scenario.NORMAL, 0, TWELVE_MINUTES_MS, -1);
        String first = given().get("/api/token").then().statusCode(200).extract().path("accessToken");

        clock.advance(Duration.ofMinutes(8)); // 4 minutes left
        String second = given().get("/api/token").then().statusCode(200)
                .body("cached", equalTo(false))
                .extract().path("accessToken");

        assertThat(second).isNotEqualTo(first);
        assertThat(fake.pageLoads()).isEqualTo(2);
    }

    @Test
    void scheduledCheckRefreshesADueTokenWithoutACaller() {
        fake.scenario(FakeWebPlayer.Scenario.NORMAL, 0, TWELVE_MINUTES_MS, -1);
        given().get("/api/token").then().statusCode(200);
        long firstExpiry = tokens.status().expiresAt();

        scheduler.checkTokens();
        assertThat(tokens.status().isRefreshing()).as("12 minutes left: not due yet").isFalse();

        clock.advance(Duration.ofMinutes(3));
        scheduler.checkTokens();
        assertThat(tokens.status().isRefreshing()).as("9 minutes left: due").isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> !tokens.status().isRefreshing());
        assertThat(fake.pageLoads()).isEqualTo(2);
        assertThat(tokens.status().expiresAt()).isGreaterThan(firstExpiry);
    }

    @Test
    void scheduledCheckDropsExpiredAccountTokensNobodyAskedFor() {
        fake.scenario(FakeWebPlayer.Scenario.NORMAL, 0, TWELVE_MINUTES_MS, -1);
        given().header("Cookie", "sp_dc=idle-account").get("/api/token").then().statusCode(200);
        assertThat(tokens.status().accountTokens()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(13));
        scheduler.checkTokens();

        assertThat(tokens.status().accountTokens()).isZero();
        assertThat(fake.pageLoads()).as("an idle account is not refreshed").isEqualTo(1);
    }

    @Test
    void anAccountTokenHandedOutOnceIsRenewedAheadButItsUnusedSuccessorIsNot() {
        fake.scenario(FakeWebPlayer.Scenario.NORMAL, 0, TWELVE_MINUTES_MS, -1);
        // LavaSrc's pattern: one request, then nothing until the token's exact expiry.
        given().header("Cookie", "sp_dc=once").get("/api/token").then().statusCode(200);

        clock.advance(Duration.ofMinutes(3));
        assertThat(tokens.refreshDueTokens()).as("handed out: renewed ahead").isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> tokens.status().fetchesInFlight() == 0);
        assertThat(fake.pageLoads()).isEqualTo(2);

        // The renewed token (9 minutes left at this clock) was never asked for: it is not renewed again.
        clock.advance(Duration.ofSeconds(31));
        assertThat(tokens.refreshDueTokens()).isZero();
        assertThat(fake.pageLoads()).isEqualTo(2);
        assertThat(tokens.status().accountTokensInUse()).isZero();
    }
}
