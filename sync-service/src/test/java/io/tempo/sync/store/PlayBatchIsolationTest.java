package io.tempo.sync.store;

import static io.tempo.sync.testing.SpotifyPlays.album;
import static io.tempo.sync.testing.SpotifyPlays.artist;
import static io.tempo.sync.testing.SpotifyPlays.play;
import static io.tempo.sync.testing.SpotifyPlays.track;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.sync.testing.DatabaseTestBase;
import io.tempo.sync.testing.PostgresTestResource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several users in one ingest_spotify_plays_batch call: what one user's data or failure does to the others. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class PlayBatchIsolationTest extends DatabaseTestBase {

    private static final JsonObject ARTIST = artist("a1", "Alpha");
    private static final JsonObject ALBUM = album("al1", "First", "2019", ARTIST);
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final String BATCH = """
            select batch_position, new_plays, error_state, error_message
            from tempo.ingest_spotify_plays_batch($1, $2::text[]::jsonb[]) order by batch_position""";

    @AfterEach
    void dropTrap() {
        db.execute("alter table public.plays drop constraint if exists test_trap");
    }

    private static String history(String trackId, int plays, String contextUri) {
        JsonObject context = new JsonObject().put("type", "playlist").put("uri", contextUri);
        JsonArray items = new JsonArray();
        for (int i = 0; i < plays; i++) {
            items.add(play(track(trackId, "Track " + trackId, ALBUM, ARTIST), T0.minusSeconds(60L * i), context));
        }
        return items.encode();
    }

    private List<Row> ingest(UUID[] users, String[] items) {
        return db.rows(BATCH, users, items);
    }

    @Test
    void aMalformedUserIsRefusedAndTheOthersOfTheBatchAreStored() {
        UUID ada = db.insertUser();
        UUID bob = db.insertUser();
        UUID cy = db.insertUser();
        String malformed = "[{\"played_at\": \"" + T0 + "\"}]";

        List<Row> rows = ingest(new UUID[] {ada, bob, cy},
                new String[] {history("t1", 3, "spotify:playlist:p"), malformed, history("t2", 2, "spotify:playlist:p")});

        assertThat(rows).extracting(r -> r.getInteger(0) + " " + r.getInteger(1) + " " + r.getString(2) + " " + r.getString(3))
                .containsExactly(
                        "1 3 null null",
                        "2 null 22023 ingest_spotify_plays: malformed Spotify play history, item 0: track is missing",
                        "3 2 null null");
        assertThat(playsOf(ada)).isEqualTo(3);
        assertThat(playsOf(bob)).isZero();
        assertThat(playsOf(cy)).isEqualTo(2);
    }

    @Test
    void aUserWhoseRowsTheDatabaseRejectsFailsAloneBehindTheirSavepoint() {
        UUID ada = db.insertUser();
        UUID bob = db.insertUser();
        UUID cy = db.insertUser();
        // A rule the function knows nothing of, so the batch's one statement fails and each user is tried alone.
        db.execute("alter table public.plays add constraint test_trap check (context_uri <> 'spotify:playlist:trap')");

        List<Row> rows = ingest(new UUID[] {ada, bob, cy}, new String[] {history("t1", 3, "spotify:playlist:p"),
                history("t2", 4, "spotify:playlist:trap"), history("t3", 2, "spotify:playlist:p")});

        assertThat(rows).extracting(r -> r.getInteger(1)).containsExactly(3, null, 2);
        assertThat(rows.get(1).getString(2)).isEqualTo("23514");
        assertThat(rows.get(1).getString(3)).contains("test_trap");
        assertThat(playsOf(ada)).isEqualTo(3);
        assertThat(playsOf(bob)).isZero();
        assertThat(playsOf(cy)).isEqualTo(2);
        assertThat(db.count("tracks")).as("the failed user's track went with their savepoint").isEqualTo(2);
    }

    @Test
    void anUnknownUserIsRefusedByNameAndUsersWithNothingNewCountZero() {
        UUID ada = db.insertUser();
        UUID ghost = UUID.randomUUID();
        String plays = history("t1", 2, "spotify:playlist:p");
        ingest(new UUID[] {ada}, new String[] {plays});

        List<Row> rows = ingest(new UUID[] {ghost, ada}, new String[] {plays, plays});

        assertThat(rows.get(0).getString(2)).isEqualTo("23503");
        assertThat(rows.get(0).getString(3)).isEqualTo("ingest_spotify_plays: user " + ghost + " does not exist");
        assertThat(rows.get(1).getInteger(1)).isZero();
        assertThat(rows.get(1).getString(2)).isNull();
        assertThat(db.count("plays")).isEqualTo(2);
    }

    private long playsOf(UUID user) {
        return db.rows("select count(*) from public.plays where user_id = $1", user).get(0).getLong(0);
    }
}
