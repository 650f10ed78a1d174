package io.tempo.bench.db;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The database's ceiling for the same rows: one connection, one transaction, {@code COPY} into the same
 * (emptied) tables with the same indexes and constraints. The CSV is built before the clock starts, so
 * only PostgreSQL's work is timed.
 */
public final class CopyBaseline {

    private CopyBaseline() {
    }

    public record Result(long nanos, long plays, long rows) {

        public double playsPerSecond() {
            return plays / (nanos / 1e9);
        }

        public double rowsPerSecond() {
            return rows / (nanos / 1e9);
        }
    }

    /** Expects the data tables empty apart from users and tokens (the plays reference the users). */
    public static Result run(BenchDatabase postgres, ExpectedRows rows) throws SQLException, IOException {
        String artists = rows.artistsCsv();
        String albums = rows.albumsCsv();
        String tracks = rows.tracksCsv();
        String links = rows.trackArtistsCsv();
        String plays = rows.playsCsv();
        try (Connection c = postgres.admin()) {
            c.setAutoCommit(false);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long start = System.nanoTime();
            long written = 0;
            written += copy.copyIn("COPY public.artists (id, name) FROM STDIN (FORMAT csv)", new StringReader(artists));
            written += copy.copyIn("COPY public.albums (id, name, album_type, release_date, image_url) FROM STDIN "
                    + "(FORMAT csv)", new StringReader(albums));
            written += copy.copyIn("COPY public.tracks (id, name, duration_ms, explicit, popularity, isrc, album_id) "
                    + "FROM STDIN (FORMAT csv)", new StringReader(tracks));
            written += copy.copyIn("COPY public.track_artists (track_id, artist_id, position) FROM STDIN (FORMAT csv)",
                    new StringReader(links));
            long playRows = copy.copyIn("COPY public.plays (user_id, track_id, played_at, context_type, context_uri) "
                    + "FROM STDIN (FORMAT csv)", new StringReader(plays));
            written += playRows;
            c.commit();
            long nanos = System.nanoTime() - start;
            if (playRows != rows.plays()) {
                throw new IllegalStateException("COPY wrote " + playRows + " plays, expected " + rows.plays());
            }
            return new Result(nanos, playRows, written);
        }
    }
}
