package io.tempo.sync.store;

import static io.tempo.sync.testing.SpotifyPlays.album;
import static io.tempo.sync.testing.SpotifyPlays.artist;
import static io.tempo.sync.testing.SpotifyPlays.localFilePlay;
import static io.tempo.sync.testing.SpotifyPlays.play;
import static io.tempo.sync.testing.SpotifyPlays.playlistContext;
import static io.tempo.sync.testing.SpotifyPlays.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.tempo.sync.testing.DatabaseTestBase;
import io.tempo.sync.testing.PostgresTestResource;
import io.tempo.sync.testing.TestDatabase;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class PlayStoreTest extends DatabaseTestBase {

    static final JsonObject ALPHA = artist("a1", "Alpha");
    static final JsonObject BETA = artist("b2", "Beta");
    static final JsonObject GAMMA = artist("c3", "Gamma");
    static final JsonObject FIRST = album("al1", "First", "2019", ALPHA, GAMMA);
    static final JsonObject SECOND = album("al2", "Second", "2019-05-03", BETA);
    static final JsonObject ONE = track("t1", "One", FIRST, BETA, ALPHA).put("explicit", true).put("popularity", 73);
    static final JsonObject TWO = track("t2", "Two", SECOND, BETA);
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123Z");

    @Inject
    PlayStore plays;

    static JsonArray history() {
        // Newest first, as Spotify sends it.
        return new JsonArray()
                .add(play(ONE, T0.plusSeconds(600), playlistContext("p1")))
                .add(play(TWO, T0.plusSeconds(300), null))
                .add(play(ONE, T0, playlistContext("p1")));
    }

    @Test
    void ingestFillsEveryTableWithSpotifysValues() {
        UUID user = db.insertUserWithTokens("access", "refresh");

        int inserted = ingest(user, history());

        assertThat(inserted).isEqualTo(3);
        assertThat(strings("select id || '|' || name from artists order by id"))
                .containsExactly("a1|Alpha", "b2|Beta", "c3|Gamma");
        assertThat(strings("""
                select id || '|' || name || '|' || album_type || '|' || release_date || '|' || image_url
                from albums order by id"""))
                .containsExactly("al1|First|album|2019|https://i.scdn.co/image/al1-640",
                        "al2|Second|album|2019-05-03|https://i.scdn.co/image/al2-640");
        assertThat(strings("""
                select concat_ws('|', id, name, duration_ms, explicit::text, popularity, isrc, album_id)
                from tracks order by id"""))
                .containsExactly("t1|One|200002|true|73|UST1|al1", "t2|Two|200002|false|50|UST2|al2");
        assertThat(strings("select concat_ws('|', track_id, artist_id, position) from track_artists order by 1"))
                .containsExactly("t1|a1|1", "t1|b2|0", "t2|b2|0");
        assertThat(strings("""
                select concat_ws('|', user_id, track_id, to_char(played_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS'),
                                 coalesce(context_type, '-'), coalesce(context_uri, '-'))
                from plays order by played_at"""))
                .containsExactly(
                        user + "|t1|2024-05-01T10:00:00.123|playlist|spotify:playlist:p1",
                        user + "|t2|2024-05-01T10:05:00.123|-|-",
                        user + "|t1|2024-05-01T10:10:00.123|playlist|spotify:playlist:p1");
    }

    @Test
    void reIngestReturnsZeroAndTouchesNoRow() {
        UUID user = db.insertUserWithTokens("access", "refresh");
        ingest(user, history());
        List<String> before = rowVersions();

        int inserted = ingest(user, history());

        assertThat(inserted).isZero();
        // xmin changes when a row is rewritten, xmax when it is locked, ctid when it moves.
        assertThat(rowVersions()).isEqualTo(before);
    }

    @Test
    void changedCatalogueValuesAreUpdatedAndNewPlaysAdded() {
        UUID user = db.insertUserWithTokens("access", "refresh");
        ingest(user, history());

        JsonObject renamed = track("t2", "Two (Remastered)", SECOND, BETA);
        int inserted = ingest(user, new JsonArray().add(play(renamed, T0.plusSeconds(900), null)));

        assertThat(inserted).isEqualTo(1);
        assertThat(strings("select name from tracks where id = 't2'")).containsExactly("Two (Remastered)");
        assertThat(db.count("plays")).isEqualTo(4);
    }

    @Test
    void localFilesAreSkipped() {
        UUID user = db.insertUserWithTokens("access", "refresh");
        JsonArray items = history().add(localFilePlay(T0.plusSeconds(1200)));

        int inserted = ingest(user, items);

        assertThat(inserted).isEqualTo(3);
        assertThat(db.count("plays")).isEqualTo(3);
        assertThat(strings("select name from artists order by name")).containsExactly("Alpha", "Beta", "Gamma");
        assertThat(strings("select name from tracks order by name")).containsExactly("One", "Two");
    }

    @Test
    void onlyLocalFilesIngestNothing() {
        UUID user = db.insertUserWithTokens("access", "refresh");

        assertThat(ingest(user, new JsonArray().add(localFilePlay(T0)))).isZero();
        assertThat(ingest(user, new JsonArray())).isZero();
        assertThat(db.count("tracks")).isZero();
    }

    @Test
    void malformedItemFailsWithAClearMessageAndWritesNothing() {
        UUID user = db.insertUserWithTokens("access", "refresh");
        JsonArray items = history();
        items.getJsonObject(1).remove("played_at");

        assertThatThrownBy(() -> ingest(user, items))
                .isInstanceOf(MalformedPlaysException.class)
                .hasMessage("Malformed Spotify play history: item 1: played_at is missing");
        for (String table : TestDatabase.LISTENING_DATA) {
            assertThat(db.count(table)).as(table).isZero();
        }
    }

    @Test
    void otherMalformationsAreNamed() {
        UUID user = db.insertUserWithTokens("access", "refresh");
        JsonObject textDuration = track("t9", "Nine", FIRST, ALPHA).put("duration_ms", "long");

        assertThatThrownBy(() -> ingest(user, new JsonArray().add(play(textDuration, T0, null))))
                .hasMessage("Malformed Spotify play history: item 0: track duration_ms is not a number");
        assertThatThrownBy(() -> ingest(user, new JsonArray().add(new JsonObject().put("played_at", T0.toString()))))
                .hasMessage("Malformed Spotify play history: item 0: track is missing");
        assertThatThrownBy(() -> ingest(user, new JsonArray().add(play(ONE, T0, null).put("played_at", "yesterday"))))
                .hasMessage("Malformed Spotify play history: item 0: played_at is not an ISO-8601 timestamp with a time zone");
        assertThat(db.count("plays")).isZero();
    }

    @Test
    void twentyUsersIngestingTheSameTracksConcurrentlyDoNotDeadlock() {
        int users = 20;
        List<JsonObject> artists = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            artists.add(artist("artist" + i, "Artist " + i));
        }
        List<JsonObject> tracks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // Overlapping artists and album artists, in different orders, so ingests contend on the same rows.
            JsonObject album = album("album" + (i % 7), "Album " + (i % 7), "2020-01", artists.get((i * 7) % 30),
                    artists.get((i * 3 + 1) % 30));
            tracks.add(track("track" + i, "Track " + i, album, artists.get(i % 30), artists.get((i + 11) % 30),
                    artists.get((i * 13 + 5) % 30)));
        }
        List<UUID> userIds = new ArrayList<>();
        List<Uni<Integer>> ingests = new ArrayList<>();
        Random random = new Random(42);
        for (int u = 0; u < users; u++) {
            UUID user = db.insertUserWithTokens("access" + u, "refresh" + u);
            userIds.add(user);
            List<JsonObject> shuffled = new ArrayList<>(tracks);
            Collections.shuffle(shuffled, random);
            JsonArray items = new JsonArray();
            for (int i = 0; i < shuffled.size(); i++) {
                items.add(play(shuffled.get(i), T0.minusSeconds(60L * i), null));
            }
            ingests.add(plays.ingest(user, texts(items)));
        }

        List<Integer> inserted = Uni.join().all(ingests).andFailFast().await().atMost(Duration.ofSeconds(60));

        assertThat(inserted).hasSize(users).containsOnly(40);
        assertThat(db.count("plays")).isEqualTo(users * 40L);
        assertThat(db.count("tracks")).isEqualTo(40);
        assertThat(db.count("albums")).isEqualTo(7);
        assertThat(db.count("artists")).isEqualTo(30);
        assertThat(strings("select count(distinct user_id)::text from plays")).containsExactly(String.valueOf(users));
        assertThat(userIds).hasSize(users);
    }

    private int ingest(UUID user, JsonArray items) {
        return plays.ingest(user, texts(items)).await().atMost(Duration.ofSeconds(30));
    }

    /** Each item as the JSON text the service sends. */
    private static List<String> texts(JsonArray items) {
        return items.stream().map(Json::encode).toList();
    }

    private List<String> strings(String sql) {
        return db.rows(sql).stream().map(row -> String.valueOf(row.getValue(0))).collect(Collectors.toList());
    }

    private List<String> rowVersions() {
        List<String> versions = new ArrayList<>();
        for (String table : List.of("artists", "albums", "tracks", "track_artists", "plays")) {
            for (Row row : db.rows("select xmin::text || ' ' || xmax::text || ' ' || ctid::text from " + table + " order by ctid")) {
                versions.add(table + " " + row.getString(0));
            }
        }
        return versions;
    }
}
