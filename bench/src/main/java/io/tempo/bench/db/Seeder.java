package io.tempo.bench.db;

import io.tempo.bench.sim.Users;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes the simulated users and their Spotify tokens straight into {@code auth.users} and
 * {@code spotify_tokens} with {@code COPY}: 10,000 users take well under a second, so seeding never
 * dominates a repetition. Users with an expired access token get an {@code expires_at} in the past, so
 * the service must refresh them first.
 */
public final class Seeder {

    private Seeder() {
    }

    /** Seeds every user of {@code users}; returns how many rows went into {@code spotify_tokens}. */
    public static long seed(BenchDatabase postgres, Users users) throws SQLException, IOException {
        long now = System.currentTimeMillis();
        StringBuilder people = new StringBuilder(users.count() * 64);
        StringBuilder tokens = new StringBuilder(users.count() * 360);
        for (int u = 0; u < users.count(); u++) {
            String id = users.id(u).toString();
            people.append(id).append(",user").append(u).append("@bench.invalid\n");
            Instant expiresAt = Instant.ofEpochMilli(users.expired(u) ? now - 3_600_000 : now + 7_200_000);
            tokens.append(id).append(',').append(users.initialAccessToken(u)).append(',')
                    .append(users.initialRefreshToken(u)).append(',').append(expiresAt)
                    .append(",user-read-recently-played\n");
        }
        try (Connection c = postgres.admin()) {
            c.setAutoCommit(false);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY auth.users (id, email) FROM STDIN (FORMAT csv)", new StringReader(people.toString()));
            long rows = copy.copyIn("COPY public.spotify_tokens (user_id, access_token, refresh_token, expires_at, scope) "
                    + "FROM STDIN (FORMAT csv)", new StringReader(tokens.toString()));
            c.commit();
            return rows;
        }
    }
}
