package io.tempo.sync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.tempo.sync.testing.SpotifyPlays.play;
import static io.tempo.sync.testing.SpotifyStubs.RECENTLY_PLAYED;
import static io.tempo.sync.testing.SpotifyStubs.json;
import static io.tempo.sync.testing.SpotifyStubs.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.tempo.sync.spotify.SpotifyCallPacer;
import io.tempo.sync.spotify.SpotifyException;
import io.tempo.sync.store.UserError;
import io.tempo.sync.testing.PostgresTestResource;
import io.tempo.sync.testing.SpotifyTestBase;
import io.tempo.sync.testing.WireMockResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The app-wide pace, wired into runs: a 2-second rate window (instead of Spotify's 30) and a cap of 40 Web API calls a
 * second, so what takes Spotify half a minute takes seconds here.
 */
@QuarkusTest
@TestProfile(SpotifyPacingTest.ShortWindowAndCap.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WireMockResource.class)
class SpotifyPacingTest extends SpotifyTestBase {

    static final int CAP = 40;
    static final Duration WINDOW = Duration.ofSeconds(2);

    public static class ShortWindowAndCap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sync.spotify.rate-window", "2s", "sync.spotify.max-calls-per-second", Integer.toString(CAP));
        }
    }

    @Inject
    GatedSpotifyCalls calls;

    @Inject
    SpotifyCallPacer pacer;

    @Inject
    SyncRunner runner;

    @BeforeEach
    void clean() {
        wireMock.stubFor(get(urlPathEqualTo(RECENTLY_PLAYED))
                .willReturn(json(page(List.of(play("t1", Instant.parse("2024-05-01T10:00:00Z"))), null))));
    }

    @Test
    void everyUsersCallsTogetherStayUnderTheCap() {
        for (int i = 0; i < 60; i++) {
            db.insertUserWithTokens("capped-access-" + i, "capped-refresh-" + i);
        }

        SyncRun run = runner.run(Shard.ALL, "http", Duration.ofSeconds(30)).await().atMost(Duration.ofSeconds(30));

        assertThat(run.result().successful()).isEqualTo(60);
        List<Long> times = requestTimesMs();
        assertThat(times).hasSize(60);
        // 40 a second: any 41 consecutive calls span a second, less what a late timer or the HTTP hop can shift one
        // call by on a busy machine (the exact spacing is SpotifyCallPacerTest's).
        for (int i = 0; i + CAP < times.size(); i++) {
            assertThat(times.get(i + CAP) - times.get(i)).as("ms spanned by calls %d..%d", i, i + CAP)
                    .isGreaterThanOrEqualTo(900);
        }
    }

    @Test
    void aFullWindowIsLearnedAndTheCallsItHeldBackLeaveAtItsRate() throws Exception {
        RollingWindow spotify = new RollingWindow(20, WINDOW);
        Instant deadline = Instant.now().plusSeconds(30);
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            results.add(calls.webApi(spotify::call, deadline).subscribeAsCompletionStage());
        }

        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(results).allSatisfy(result -> assertThat(result.join()).isEqualTo("page"));
        // 20 calls a window of 2 s, paced 3 % under it: 9.7 a second. The 40 calls held back by the first 429 then
        // went out at that rate: at most a late timer's worth of further 429s (each re-learns about the same window).
        assertThat(pacer.callsPerSecond()).isCloseTo(0.97 * 20 / 2, within(1.0));
        assertThat(spotify.refused.get()).as("429s").isBetween(1, 3);
    }

    @Test
    void usersWaitingForTheirTurnStillEndAtTheDeadline() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            tokens.add("late-access-" + i);
            db.insertUserWithTokens(tokens.get(i), "late-refresh-" + i);
        }
        Duration deadline = Duration.ofSeconds(1);
        long startMs = System.currentTimeMillis();

        SyncRun run = runner.run(Shard.ALL, "http", deadline).await().atMost(Duration.ofSeconds(10));

        long tookMs = System.currentTimeMillis() - startMs;
        assertThat(run.status()).isEqualTo(SyncRun.DEADLINE_EXCEEDED);
        assertThat(run.result().totalUsers()).isEqualTo(100);
        assertThat(run.result().successful()).as("a second at 40 calls a second").isBetween(20, CAP + 1);
        assertThat(run.result().errors()).extracting(UserError::error).containsOnly("Sync deadline exceeded");
        assertThat(requestTimesMs()).allSatisfy(at -> assertThat(at).isLessThanOrEqualTo(startMs + 1_100));
        assertThat(tookMs).as("ms the run took").isLessThan(3_000);
    }

    private List<Long> requestTimesMs() {
        return wireMock.findAll(getRequestedFor(urlPathEqualTo(RECENTLY_PLAYED))).stream()
                .map(request -> request.getLoggedDate().getTime())
                .sorted()
                .toList();
    }

    /** Spotify's kind of limit in miniature: {@code limit} calls per rolling window, then 429 until one drops out. */
    private static final class RollingWindow {
        final int limit;
        final Duration window;
        final Deque<Instant> accepted = new ArrayDeque<>();
        final AtomicInteger refused = new AtomicInteger();

        RollingWindow(int limit, Duration window) {
            this.limit = limit;
            this.window = window;
        }

        synchronized Uni<String> call() {
            Instant now = Instant.now();
            while (!accepted.isEmpty() && !accepted.peekFirst().plus(window).isAfter(now)) {
                accepted.removeFirst();
            }
            if (accepted.size() >= limit) {
                refused.incrementAndGet();
                long untilRoomMs = Duration.between(now, accepted.peekFirst().plus(window)).toMillis();
                return Uni.createFrom().failure(new SpotifyException.RateLimited(Duration.ofSeconds((untilRoomMs + 999) / 1000)));
            }
            accepted.addLast(now);
            return Uni.createFrom().item("page");
        }
    }
}
