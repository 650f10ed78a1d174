package io.tempo.sync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static io.tempo.sync.testing.SpotifyPlays.localFilePlay;
import static io.tempo.sync.testing.SpotifyPlays.play;
import static io.tempo.sync.testing.SpotifyStubs.firstRequest;
import static io.tempo.sync.testing.SpotifyStubs.json;
import static io.tempo.sync.testing.SpotifyStubs.nextAfter;
import static io.tempo.sync.testing.SpotifyStubs.nextBefore;
import static io.tempo.sync.testing.SpotifyStubs.page;
import static io.tempo.sync.testing.SpotifyStubs.recentlyPlayedOf;
import static io.tempo.sync.testing.SpotifyStubs.recentlyPlayedRequestsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.sync.testing.PostgresTestResource;
import io.tempo.sync.testing.SpotifyTestBase;
import io.tempo.sync.testing.SyncApi;
import io.tempo.sync.testing.WireMockResource;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A run end to end: the response contract, what lands in every table, paging and per-user isolation. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WireMockResource.class)
class SyncRunTest extends SpotifyTestBase {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void runOfSeveralUsersAnswersTheContractJsonAndFillsEveryTable() {
        UUID alice = db.insertUserWithTokens("alice-access", "alice-refresh");
        UUID bob = db.insertUserWithTokens("bob-access", "bob-refresh");
        UUID carol = db.insertUser();
        spotify.givenHistory("alice-access", List.of(play("t1", T0.plusSeconds(180)), play("t2", T0.plusSeconds(120))));
        spotify.givenHistory("bob-access", List.of(play("t2", T0.plusSeconds(300)),
                play("t3", "album-2", List.of("artist-3"), T0.plusSeconds(60))));

        String body = SyncApi.sync().extract().asString();

        assertThat(body).matches("\\{\"success\":true,\"duration_ms\":\\d+,\"result\":\\{.*}}");
        JsonObject result = new JsonObject(body).getJsonObject("result");
        assertThat(result.encode()).isEqualTo("{\"totalUsers\":3,\"successful\":2,\"failed\":1,\"playsSynced\":4,"
                + "\"errors\":[{\"userId\":\"" + carol + "\",\"error\":\"No Spotify tokens available\"}]}");

        assertThat(db.count("plays")).isEqualTo(4);
        assertThat(db.count("tracks")).isEqualTo(3);
        assertThat(db.count("albums")).isEqualTo(2);
        assertThat(db.count("artists")).isEqualTo(3);
        assertThat(db.count("track_artists")).isEqualTo(5);
        assertThat(db.count("auth.users")).isEqualTo(3);
        assertThat(db.rows("select count(*) from plays where user_id = $1", alice).get(0).getLong(0)).isEqualTo(2);
        Row bobsNewest = db.rows("select track_id, context_type, context_uri from plays where user_id = $1 "
                + "order by played_at desc limit 1", bob).get(0);
        assertThat(bobsNewest.getString("track_id")).isEqualTo("t2");
        assertThat(bobsNewest.getString("context_uri")).isEqualTo("spotify:playlist:mix");

        Row run = db.rows("select shard, trigger, status, total_users, successful, failed, plays_synced, "
                + "errors::text as errors, finished_at from tempo.sync_runs").get(0);
        assertThat(run.getString("shard")).isEqualTo("all");
        assertThat(run.getString("trigger")).isEqualTo("http");
        assertThat(run.getString("status")).isEqualTo("succeeded");
        assertThat(List.of(run.getInteger("total_users"), run.getInteger("successful"), run.getInteger("failed"),
                run.getInteger("plays_synced"))).containsExactly(3, 2, 1, 4);
        assertThat(run.getString("errors")).contains(carol.toString(), "No Spotify tokens available");
        assertThat(run.getValue("finished_at")).isNotNull();
        assertThat(db.count("tempo.sync_run_leases")).as("the lease is given back").isZero();

        // A first sync asks for the newest plays: no cursor.
        wireMock.verify(1, firstRequest("alice-access", null));
    }

    @Test
    void secondRunIngestsNothingNew() {
        db.insertUserWithTokens("alice-access", "alice-refresh");
        Instant newest = T0.plusSeconds(180);
        spotify.givenHistory("alice-access", List.of(play("t1", newest), play("t2", T0.plusSeconds(120))));
        SyncApi.sync();
        wireMock.resetRequests();

        String result = new JsonObject(SyncApi.sync().extract().asString()).getJsonObject("result").encode();

        assertThat(result).isEqualTo("{\"totalUsers\":1,\"successful\":1,\"failed\":0,\"playsSynced\":0,\"errors\":[]}");
        assertThat(db.count("plays")).isEqualTo(2);
        // The second run asks only for plays after the newest stored one.
        wireMock.verify(1, firstRequest("alice-access", newest));
    }

    @Test
    void moreThanFiftyNewPlaysArePagedThroughBackwardsUntilTheStoredOnes() {
        UUID user = db.insertUserWithTokens("heavy-access", "heavy-refresh");
        Instant last = T0;
        db.insertPlay(user, "old-track", last);
        // 120 new plays, one a second after the stored one; Spotify pages them newest first.
        List<com.github.tomakehurst.wiremock.client.MappingBuilder> stubs = new ArrayList<>();
        stubs.add(recentlyPlayedOf("heavy-access").withQueryParam("after", equalTo(ms(last)))
                .willReturn(json(page(plays(120, 71), nextBefore(last.plusSeconds(71))))));
        stubs.add(recentlyPlayedOf("heavy-access").withQueryParam("before", equalTo(ms(last.plusSeconds(71))))
                .willReturn(json(page(plays(70, 21), nextBefore(last.plusSeconds(21))))));
        List<JsonObject> lastPage = new ArrayList<>(plays(20, 1));
        lastPage.add(play("old-track", last));
        lastPage.add(play("older-track", last.minusSeconds(30)));
        stubs.add(recentlyPlayedOf("heavy-access").withQueryParam("before", equalTo(ms(last.plusSeconds(21))))
                .willReturn(json(page(lastPage, nextBefore(last.minusSeconds(30))))));
        stubs.forEach(wireMock::stubFor);

        JsonObject result = new JsonObject(SyncApi.sync().extract().asString()).getJsonObject("result");

        assertThat(result.getInteger("playsSynced")).isEqualTo(120);
        assertThat(result.getInteger("successful")).isEqualTo(1);
        assertThat(db.rows("select count(*) from plays where user_id = $1", user).get(0).getLong(0)).isEqualTo(121);
        assertThat(db.count("tracks")).as("the play already stored is not sent again").isEqualTo(121);
        wireMock.verify(3, recentlyPlayedRequestsOf("heavy-access"));
    }

    @Test
    void moreThanFiftyNewPlaysArePagedThroughForwardsWhenSpotifyLinksWithAfter() {
        UUID user = db.insertUserWithTokens("forward-access", "forward-refresh");
        Instant last = T0;
        db.insertPlay(user, "old-track", last);
        wireMock.stubFor(recentlyPlayedOf("forward-access").withQueryParam("after", equalTo(ms(last)))
                .willReturn(json(page(plays(50, 1), nextAfter(last.plusSeconds(50))))));
        wireMock.stubFor(recentlyPlayedOf("forward-access").withQueryParam("after", equalTo(ms(last.plusSeconds(50))))
                .willReturn(json(page(plays(100, 51), nextAfter(last.plusSeconds(100))))));
        wireMock.stubFor(recentlyPlayedOf("forward-access").withQueryParam("after", equalTo(ms(last.plusSeconds(100))))
                .willReturn(json(page(plays(110, 101), null))));

        JsonObject result = new JsonObject(SyncApi.sync().extract().asString()).getJsonObject("result");

        assertThat(result.getInteger("playsSynced")).isEqualTo(110);
        wireMock.verify(3, recentlyPlayedRequestsOf("forward-access"));
    }

    @Test
    void localFilesAreSkipped() {
        UUID user = db.insertUserWithTokens("local-access", "local-refresh");
        spotify.givenHistory("local-access", List.of(play("t1", T0.plusSeconds(300)), localFilePlay(T0.plusSeconds(200)),
                play("t2", T0.plusSeconds(100))));

        JsonObject result = new JsonObject(SyncApi.sync().extract().asString()).getJsonObject("result");

        assertThat(result.getInteger("playsSynced")).isEqualTo(2);
        assertThat(result.getInteger("failed")).isZero();
        assertThat(db.rows("select track_id from plays where user_id = $1 order by played_at", user))
                .extracting(row -> row.getString("track_id")).containsExactly("t2", "t1");
    }

    @Test
    void malformedJsonFailsOnlyThatUserWithAClearMessage() {
        UUID broken = db.insertUserWithTokens("broken-access", "broken-refresh");
        UUID odd = db.insertUserWithTokens("odd-access", "odd-refresh");
        UUID nameless = db.insertUserWithTokens("nameless-access", "nameless-refresh");
        db.insertUserWithTokens("fine-access", "fine-refresh");
        wireMock.stubFor(recentlyPlayedOf("broken-access").willReturn(json("{\"items\": [{\"track\": ")));
        wireMock.stubFor(recentlyPlayedOf("odd-access").willReturn(json("{\"items\": \"not a list\"}")));
        JsonObject namelessTrack = play("t9", T0);
        namelessTrack.getJsonObject("track").remove("name");
        spotify.givenHistory("nameless-access", List.of(play("t8", T0.plusSeconds(1)), namelessTrack));
        spotify.givenHistory("fine-access", List.of(play("t1", T0)));

        JsonObject result = new JsonObject(SyncApi.sync().extract().asString()).getJsonObject("result");

        assertThat(result.getInteger("successful")).isEqualTo(1);
        assertThat(result.getInteger("playsSynced")).isEqualTo(1);
        assertThat(errorsByUser(result)).containsExactlyInAnyOrder(
                broken + ": Unexpected response from Spotify: body is not a JSON object",
                odd + ": Unexpected response from Spotify: recently played page without an items array",
                nameless + ": Unexpected response from Spotify: Malformed Spotify play history: item 1: track name is missing");
        assertThat(db.rows("select count(*) from plays where user_id = $1", nameless).get(0).getLong(0))
                .as("a malformed item stores nothing of that user's page").isZero();
        // Not a transient failure: no retry.
        wireMock.verify(1, recentlyPlayedRequestsOf("broken-access"));
    }

    @Test
    void oneUsersFailureDoesNotAffectTheOthers() {
        UUID refused = db.insertUserWithTokens("refused-access", "refused-refresh");
        UUID first = db.insertUserWithTokens("first-access", "first-refresh");
        UUID second = db.insertUserWithTokens("second-access", "second-refresh");
        wireMock.stubFor(recentlyPlayedOf("refused-access").willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"status\":403,\"message\":\"Insufficient client scope\"}}")));
        spotify.givenHistory("first-access", List.of(play("t1", T0)));
        spotify.givenHistory("second-access", List.of(play("t2", T0)));

        JsonObject result = new JsonObject(SyncApi.sync().extract().asString()).getJsonObject("result");

        assertThat(result.getInteger("successful")).isEqualTo(2);
        assertThat(result.getInteger("playsSynced")).isEqualTo(2);
        assertThat(errorsByUser(result)).containsExactly(
                refused + ": Spotify refused the request (HTTP 403: Insufficient client scope)");
        assertThat(db.rows("select distinct user_id from plays")).extracting(row -> row.getUUID("user_id"))
                .containsExactlyInAnyOrder(first, second);
        wireMock.verify(1, recentlyPlayedRequestsOf("refused-access"));
    }

    static List<String> errorsByUser(JsonObject result) {
        List<String> errors = new ArrayList<>();
        result.getJsonArray("errors").forEach(error -> {
            JsonObject e = (JsonObject) error;
            errors.add(e.getString("userId") + ": " + e.getString("error"));
        });
        return errors;
    }

    /** Plays {@code newest}..{@code oldest} seconds after T0, newest first, one track each. */
    private static List<JsonObject> plays(int newest, int oldest) {
        List<JsonObject> plays = new ArrayList<>();
        for (int second = newest; second >= oldest; second--) {
            plays.add(play("track-" + second, T0.plusSeconds(second)));
        }
        return plays;
    }

    private static String ms(Instant instant) {
        return String.valueOf(instant.toEpochMilli());
    }
}
