package io.tempo.tokener.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.tokener.support.FakeWebPlayer.Scenario;
import io.tempo.tokener.support.FakeWebPlayerResource;
import io.tempo.tokener.support.LavaSrcClient;
import io.tempo.tokener.support.TokenerTestBase;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LavaSrc's whole life with the tokener, with LavaSrc's real limits ({@link LavaSrcClient}) and tokens that live
 * 10 s instead of an hour: the cache thresholds are scaled down alike (served while more than 3 s are left,
 * renewed ahead from 6 s before expiry, checked every second), and the real clock runs.
 */
@QuarkusTest
@WithTestResource(value = FakeWebPlayerResource.class, initArgs = {
        @ResourceArg(name = "tokener.cache.min-validity", value = "3s"),
        @ResourceArg(name = "tokener.cache.refresh-ahead", value = "6s"),
        @ResourceArg(name = "tokener.cache.min-fetch-interval", value = "1s"),
        @ResourceArg(name = "tokener.cache.fallback-min-validity", value = "1s"),
        @ResourceArg(name = "tokener.cache.check-interval", value = "1s"),
        @ResourceArg(name = "tokener.request.max-wait", value = "2s")})
class LavaSrcClientTest extends TokenerTestBase {

    private static final long TOKEN_LIFETIME_MS = 10_000;

    @TestHTTPResource("/api/token")
    URI endpoint;

    @BeforeEach
    void shortLivedTokens() {
        fake.scenario(Scenario.NORMAL, 0, TOKEN_LIFETIME_MS, -1);
    }

    @Test
    void rightAfterReadinessTheFirstCallIsAnsweredFromTheCache() throws Exception {
        given().get("/q/health/ready").then().statusCode(503);
        tokens.warmUp(); // what the start-up does

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));
        int loads = fake.pageLoads();
        LavaSrcClient.Answer answer = LavaSrcClient.anonymous(endpoint, clock).token();

        assertThat(answer.accessToken()).startsWith("anonymous-token-");
        assertThat(answer.cached()).isTrue();
        assertThat(fake.pageLoads()).as("no fetch on the call itself").isEqualTo(loads);
    }

    @Test
    void atTheExpiryOfAnAnonymousTokenTheNextCallGetsATokenRenewedAhead() throws Exception {
        assertRenewedAheadOfItsExpiry(LavaSrcClient.anonymous(endpoint, clock), "anonymous-token-");
    }

    @Test
    void atTheExpiryOfAnAccountTokenTheNextCallGetsATokenRenewedAhead() throws Exception {
        assertRenewedAheadOfItsExpiry(LavaSrcClient.account(endpoint, "lavasrc-account", clock),
                "account-token-lavasrc-account-");
    }

    @Test
    void withAFailingPageAndNothingCachedTheCallGetsTheErrorEnvelopeWithinThreeSeconds() throws Exception {
        fake.scenario(Scenario.ERROR_500);

        LavaSrcClient.Answer answer = LavaSrcClient.anonymous(endpoint, clock).request();

        assertThat(answer.tookMs()).as("inside LavaSrc's read timeout").isLessThan(LavaSrcClient.READ_TIMEOUT_MS);
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.json().path("success").asBoolean(true)).isFalse();
        assertThat(answer.json().path("error").asText()).isEqualTo("Token generation failed");
        assertThat(answer.json().path("timestamp").asLong()).isPositive();
    }

    @Test
    void aFetchSlowerThanTheBoundAnswersTheEnvelopeAndCachesItsTokenForTheNextCall() throws Exception {
        fake.scenario(Scenario.SLOW, 3_500, 60_000, -1);
        LavaSrcClient lavaSrc = LavaSrcClient.anonymous(endpoint, clock);

        LavaSrcClient.Answer first = lavaSrc.request();
        assertThat(first.status()).isEqualTo(500);
        assertThat(first.tookMs()).isLessThan(LavaSrcClient.READ_TIMEOUT_MS);

        await().atMost(Duration.ofSeconds(15)).until(() -> tokens.status().hasToken());
        LavaSrcClient.Answer next = lavaSrc.token();
        assertThat(next.cached()).isTrue();
        assertThat(fake.pageLoads()).as("the first call's fetch, not a new one").isEqualTo(1);
    }

    private void assertRenewedAheadOfItsExpiry(LavaSrcClient lavaSrc, String tokenPrefix) throws Exception {
        // Setting the scene (not what is proved): a starved CI machine may keep the very first call of a cold
        // JVM past LavaSrc's 3 s, so it is asked until it has its token.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> lavaSrc.token().ok());
        LavaSrcClient.Answer first = lavaSrc.token();
        assertThat(first.accessToken()).startsWith(tokenPrefix);
        assertThat(first.expiresAtMs() - clock.millis()).isBetween(5_000L, TOKEN_LIFETIME_MS);

        // LavaSrc keeps its token to the exact millisecond and asks nothing until then.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(lavaSrc::tokenExpired);
        int loadsBeforeTheCall = fake.pageLoads();
        LavaSrcClient.Answer next = lavaSrc.token();

        assertThat(next.accessToken()).startsWith(tokenPrefix).isNotEqualTo(first.accessToken());
        assertThat(next.cached()).as("renewed ahead, not fetched for this call").isTrue();
        assertThat(next.expiresAtMs()).isGreaterThan(first.expiresAtMs());
        assertThat(next.tookMs()).isLessThan(1_000);
        assertThat(fake.pageLoads()).isEqualTo(loadsBeforeTheCall);
    }
}
