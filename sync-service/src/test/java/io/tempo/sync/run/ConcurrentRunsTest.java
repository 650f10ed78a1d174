package io.tempo.sync.run;

import static io.tempo.sync.testing.SpotifyPlays.play;
import static io.tempo.sync.testing.SpotifyStubs.json;
import static io.tempo.sync.testing.SpotifyStubs.page;
import static io.tempo.sync.testing.SpotifyStubs.recentlyPlayedOf;
import static io.tempo.sync.testing.SpotifyStubs.recentlyPlayedRequestsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.tempo.sync.testing.PostgresTestResource;
import io.tempo.sync.testing.SpotifyTestBase;
import io.tempo.sync.testing.SyncApi;
import io.tempo.sync.testing.WireMockResource;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Runs against each other: one run per shard at a time, and many users ingesting the same catalogue at once. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WireMockResource.class)
class ConcurrentRunsTest extends SpotifyTestBase {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void twoRunsAtOnceGiveExactlyOneConflict() {
        db.insertUserWithTokens("slow-access", "slow-refresh");
        wireMock.stubFor(recentlyPlayedOf("slow-access")
                .willReturn(json(page(List.of(play("t1", T0)), null)).withFixedDelay(1_500)));

        List<Response> responses = both(() -> SyncApi.authorized().get(SyncApi.SYNC),
                () -> SyncApi.authorized().post(SyncApi.SYNC));

        assertThat(responses).extracting(Response::statusCode).containsExactlyInAnyOrder(200, 409);
        Response conflict = responses.stream().filter(response -> response.statusCode() == 409).findFirst().orElseThrow();
        assertThat(conflict.asString())
                .isEqualTo("{\"success\":false,\"error\":\"A sync run is already in progress for shard all\"}");
        assertThat(db.count("tempo.sync_runs")).as("the refused run leaves no history row").isEqualTo(1);
        assertThat(db.count("tempo.sync_run_leases")).isZero();
    }

    @Test
    void differentShardsRunAtTheSameTime() {
        for (int i = 0; i < 6; i++) {
            String token = "sharded-access-" + i;
            db.insertUserWithTokens(token, "sharded-refresh-" + i);
            wireMock.stubFor(recentlyPlayedOf(token)
                    .willReturn(json(page(List.of(play("t" + i, T0)), null)).withFixedDelay(500)));
        }

        List<Response> responses = both(() -> SyncApi.authorized().queryParam("shard", 0).queryParam("shards", 2).get(SyncApi.SYNC),
                () -> SyncApi.authorized().queryParam("shard", 1).queryParam("shards", 2).get(SyncApi.SYNC));

        assertThat(responses).extracting(Response::statusCode).containsExactly(200, 200);
        int users = responses.stream()
                .mapToInt(response -> new JsonObject(response.asString()).getJsonObject("result").getInteger("totalUsers"))
                .sum();
        assertThat(users).as("each user belongs to exactly one shard").isEqualTo(6);
        assertThat(db.count("plays")).isEqualTo(6);
        assertThat(db.rows("select shard from tempo.sync_runs order by shard")).extracting(row -> row.getString("shard"))
                .containsExactly("0/2", "1/2");
    }

    @Test
    void twentyUsersWithTheSameTracksIngestConcurrentlyWithoutDeadlock() {
        int users = 20;
        int tracks = 30;
        for (int u = 0; u < users; u++) {
            List<JsonObject> history = new ArrayList<>();
            for (int t = tracks - 1; t >= 0; t--) {
                // Same tracks, albums and artists for everyone, in a different order per user.
                int track = (t + u) % tracks;
                history.add(play("shared-" + track, "album-" + (track % 3),
                        List.of("artist-" + (track % 5), "artist-" + ((track + 1) % 5)), T0.plusSeconds(t)));
            }
            String token = "crowd-access-" + u;
            db.insertUserWithTokens(token, "crowd-refresh-" + u);
            spotify.givenHistory(token, history);
        }

        JsonObject result = new JsonObject(SyncApi.sync().extract().asString()).getJsonObject("result");

        assertThat(result.encode()).isEqualTo("{\"totalUsers\":20,\"successful\":20,\"failed\":0,\"playsSynced\":600,\"errors\":[]}");
        assertThat(db.count("plays")).isEqualTo(users * tracks);
        assertThat(db.count("tracks")).isEqualTo(tracks);
        assertThat(db.count("albums")).isEqualTo(3);
        assertThat(db.count("artists")).isEqualTo(5);
        assertThat(db.count("track_artists")).isEqualTo(tracks * 2);
    }

    @Test
    void runGoesOnAndIsRecordedWhenTheCallerHangsUp() throws Exception {
        db.insertUserWithTokens("patient-access", "patient-refresh");
        wireMock.stubFor(recentlyPlayedOf("patient-access")
                .willReturn(json(page(List.of(play("t1", T0)), null)).withFixedDelay(1_000)));

        // A cron client that gives up while the run is talking to Spotify.
        try (Socket caller = new Socket("localhost", RestAssured.port)) {
            caller.getOutputStream().write(("GET " + SyncApi.SYNC + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + SyncApi.SECRET + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            caller.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !wireMock.findAll(recentlyPlayedRequestsOf("patient-access")).isEmpty());
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(db.rows("select status, plays_synced from tempo.sync_runs"))
                        .extracting(row -> row.getString("status") + "/" + row.getInteger("plays_synced"))
                        .containsExactly("succeeded/1"));
        assertThat(db.count("plays")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> db.count("tempo.sync_run_leases") == 0);
    }

    private static List<Response> both(Supplier<Response> first, Supplier<Response> second) {
        CompletableFuture<Response> a = CompletableFuture.supplyAsync(first);
        CompletableFuture<Response> b = CompletableFuture.supplyAsync(second);
        return List.of(a.join(), b.join());
    }
}
