package io.tempo.sync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.tempo.sync.testing.SpotifyPlays.play;
import static io.tempo.sync.testing.SpotifyStubs.RECENTLY_PLAYED;
import static io.tempo.sync.testing.SpotifyStubs.json;
import static io.tempo.sync.testing.SpotifyStubs.page;
import static io.tempo.sync.testing.SpotifyStubs.recentlyPlayedOf;
import static io.tempo.sync.testing.SpotifyStubs.recentlyPlayedRequestsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;
import io.tempo.sync.spotify.SpotifyClient;
import io.tempo.sync.spotify.SpotifyException;
import io.tempo.sync.spotify.SpotifyRateLimitGate;
import io.tempo.sync.store.UserError;
import io.tempo.sync.testing.PostgresTestResource;
import io.tempo.sync.testing.SpotifyTestBase;
import io.tempo.sync.testing.SyncApi;
import io.tempo.sync.testing.WireMockResource;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rate limits, server errors, an unreachable Spotify and the run deadline: the run always ends, and says why. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WireMockResource.class)
class SpotifyResilienceTest extends SpotifyTestBase {

    private static final Instant PLAYED = Instant.parse("2024-05-01T10:00:00Z");

    @Inject
    SpotifyRateLimitGate gate;

    @Inject
    GatedSpotifyCalls calls;

    @Inject
    SyncRunner runner;

    @AfterEach
    void letTheRateLimitPass() {
        await().atMost(Duration.ofSeconds(5)).until(() -> gate.waitTime().isZero());
    }

    @Test
    void rateLimitRetryAfterIsHonouredBeforeTheNextCall() {
        db.insertUserWithTokens("limited-access", "limited-refresh");
        wireMock.stubFor(recentlyPlayedOf("limited-access").inScenario("rate limit").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("open"));
        wireMock.stubFor(recentlyPlayedOf("limited-access").inScenario("rate limit").whenScenarioStateIs("open")
                .willReturn(json(page(List.of(play("t1", PLAYED)), null))));

        JsonObject result = new JsonObject(SyncApi.sync().extract().asString()).getJsonObject("result");

        assertThat(result.getInteger("playsSynced")).isEqualTo(1);
        List<Long> callTimes = callTimesMs(wireMock);
        assertThat(callTimes).hasSize(2);
        assertThat(callTimes.get(1) - callTimes.get(0)).as("ms between the 429 and the retry").isGreaterThanOrEqualTo(950);
    }

    @Test
    void aRateLimitSeenByOneUserHoldsBackTheCallsOfEveryOtherUser() {
        Instant deadline = Instant.now().plusSeconds(30);
        AtomicLong rateLimitedAt = new AtomicLong();
        AtomicInteger firstUserAttempts = new AtomicInteger();
        calls.webApi(() -> {
            if (firstUserAttempts.getAndIncrement() == 0) {
                rateLimitedAt.set(System.nanoTime());
                return Uni.createFrom().failure(new SpotifyException.RateLimited(Duration.ofSeconds(1)));
            }
            return Uni.createFrom().item("first user's page");
        }, deadline).subscribe().with(page -> { }, failure -> { });
        await().until(() -> rateLimitedAt.get() != 0);

        long otherUserCalledAt = calls.webApi(() -> Uni.createFrom().item(System.nanoTime()), deadline)
                .await().atMost(Duration.ofSeconds(10));

        assertThat(Duration.ofNanos(otherUserCalledAt - rateLimitedAt.get()).toMillis()).isGreaterThanOrEqualTo(950);
        await().atMost(Duration.ofSeconds(5)).until(() -> firstUserAttempts.get() == 2);
    }

    @Test
    void userWhoKeepsGettingRateLimitedFailsAfterBoundedAttempts() {
        UUID user = db.insertUserWithTokens("always-limited-access", "refresh");
        wireMock.stubFor(recentlyPlayedOf("always-limited-access")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));

        JsonObject result = new JsonObject(SyncApi.sync().extract().asString()).getJsonObject("result");

        assertThat(SyncRunTest.errorsByUser(result)).containsExactly(user + ": Spotify rate limit exceeded");
        wireMock.verify(10, recentlyPlayedRequestsOf("always-limited-access"));
    }

    @Test
    void rateLimitWaitBeyondTheDeadlineFailsUsersAtOnceWithoutCallingSpotify() {
        UUID first = db.insertUserWithTokens("first-access", "first-refresh");
        UUID second = db.insertUserWithTokens("second-access", "second-refresh");
        wireMock.stubFor(recentlyPlayedOf("first-access")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));
        wireMock.stubFor(recentlyPlayedOf("second-access")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));

        SyncRun run = runner.run(Shard.ALL, "http", Duration.ofSeconds(1)).await().atMost(Duration.ofSeconds(10));

        assertThat(run.result().errors()).extracting(UserError::error)
                .containsExactly("Spotify rate limit exceeded", "Spotify rate limit exceeded");
        assertThat(run.result().errors()).extracting(UserError::userId).containsExactlyInAnyOrder(first, second);
        assertThat(wireMock.findAll(getRequestedFor(urlPathEqualTo(RECENTLY_PLAYED))))
                .as("no call after the gate closed past the deadline").hasSizeBetween(1, 2);
    }

    @Test
    void serverErrorsAreRetriedUntilSpotifyAnswers() {
        db.insertUserWithTokens("flaky-access", "flaky-refresh");
        wireMock.stubFor(recentlyPlayedOf("flaky-access").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("still down"));
        wireMock.stubFor(recentlyPlayedOf("flaky-access").inScenario("flaky").whenScenarioStateIs("still down")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        wireMock.stubFor(recentlyPlayedOf("flaky-access").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(json(page(List.of(play("t1", PLAYED)), null))));

        JsonObject result = new JsonObject(SyncApi.sync().extract().asString()).getJsonObject("result");

        assertThat(result.getInteger("successful")).isEqualTo(1);
        assertThat(result.getInteger("playsSynced")).isEqualTo(1);
        wireMock.verify(3, recentlyPlayedRequestsOf("flaky-access"));
    }

    @Test
    void spotifyDownFailsEveryUserQuicklyAndOpensTheBreaker() {
        int users = 20; // 80 calls with retries, while the breaker opens after 50 failed ones
        for (int i = 0; i < users; i++) {
            db.insertUserWithTokens("down-access-" + i, "down-refresh-" + i);
        }
        wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(RECENTLY_PLAYED))
                .willReturn(aResponse().withStatus(503)));

        JsonObject result = new JsonObject(SyncApi.sync().extract().asString()).getJsonObject("result");

        assertThat(result.getInteger("totalUsers")).isEqualTo(users);
        assertThat(result.getInteger("failed")).isEqualTo(users);
        List<String> messages = result.getJsonArray("errors").stream()
                .map(error -> ((JsonObject) error).getString("error")).toList();
        assertThat(messages).allMatch(message -> message.equals("Spotify is unavailable (HTTP 503)")
                || message.equals("Spotify is unavailable (circuit breaker open, calls paused)"));
        assertThat(messages).filteredOn(message -> message.contains("circuit breaker open")).isNotEmpty();
        assertThat(breakers.currentState(SpotifyClient.API_BREAKER)).isEqualTo(CircuitBreakerState.OPEN);
        // Without the breaker every user would make 1 + 3 retried calls.
        assertThat(wireMock.findAll(getRequestedFor(urlPathEqualTo(RECENTLY_PLAYED)))).hasSizeLessThan(users * 4);
    }

    @Test
    void deadlineReportsEveryUnfinishedUserIncludingThoseNeverReached() {
        int users = 10;
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            ids.add(db.insertUserWithTokens("slow-access-" + i, "slow-refresh-" + i));
        }
        wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(RECENTLY_PLAYED))
                .willReturn(json(page(List.of(play("t1", PLAYED)), null)).withFixedDelay(2_000)));

        SyncRun run = runner.run(Shard.ALL, "http", Duration.ofMillis(700)).await().atMost(Duration.ofSeconds(10));

        assertThat(run.status()).isEqualTo(SyncRun.DEADLINE_EXCEEDED);
        assertThat(run.result().totalUsers()).isEqualTo(users);
        assertThat(run.result().failed()).isEqualTo(users);
        assertThat(run.result().errors()).extracting(UserError::error).containsOnly("Sync deadline exceeded");
        assertThat(run.result().errors()).extracting(UserError::userId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(db.rows("select status from tempo.sync_runs where id = $1", run.runId()).get(0).getString("status"))
                .isEqualTo("deadline_exceeded");
        // Concurrency 8: the last users were never sent to Spotify, yet they are reported.
        assertThat(wireMock.findAll(getRequestedFor(urlPathEqualTo(RECENTLY_PLAYED)))).hasSizeLessThanOrEqualTo(8);
        assertThat(db.count("plays")).isZero();
    }

    private static List<Long> callTimesMs(WireMockServer wireMock) {
        return wireMock.getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .map(request -> request.getLoggedDate().getTime())
                .sorted(Comparator.naturalOrder())
                .toList();
    }
}
