package io.tempo.bench.db;

import io.tempo.bench.sim.Users;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntPredicate;

/**
 * Compares the {@code plays} table row by row with what the seed says each user played: the proof that a
 * run lost nothing and stored nothing twice or wrongly (a shifted timestamp or a wrong track shows up as
 * one missing and one unexpected row).
 */
public final class PlayVerifier {

    private PlayVerifier() {
    }

    /**
     * @param expected   plays the covered users should have
     * @param stored     rows in {@code plays}
     * @param matched    rows equal to an expected play (user, played_at to the millisecond, track)
     * @param missing    expected plays not stored
     * @param unexpected rows that match no expected play
     */
    public record Verification(long expected, long stored, long matched, long missing, long unexpected) {

        public boolean exact() {
            return missing == 0 && unexpected == 0 && stored == expected;
        }

        @Override
        public String toString() {
            return (exact() ? "exact" : "MISMATCH") + ": expected " + expected + ", stored " + stored + ", matched "
                    + matched + ", missing " + missing + ", unexpected " + unexpected;
        }
    }

    /** Verifies the users {@code covered} accepts (all users for a full run). */
    public static Verification verify(BenchDatabase postgres, Users users, IntPredicate covered) throws SQLException {
        Map<UUID, Integer> index = new HashMap<>(users.count() * 2);
        long expected = 0;
        for (int u = 0; u < users.count(); u++) {
            index.put(users.id(u), u);
            if (covered.test(u)) {
                expected += users.expectedStoredPlays(u);
            }
        }
        long stored = 0;
        long matched = 0;
        long[][] times = new long[users.count()][];
        try (Connection c = postgres.admin()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(20_000);
                try (ResultSet r = s.executeQuery("SELECT user_id, (extract(epoch FROM played_at) * 1000)::bigint, "
                        + "track_id FROM public.plays")) {
                    while (r.next()) {
                        stored++;
                        Integer u = index.get(r.getObject(1, UUID.class));
                        if (u == null || !covered.test(u) || users.revoked(u)) {
                            continue;
                        }
                        if (times[u] == null) {
                            times[u] = users.playTimes(u);
                        }
                        long playedAt = r.getLong(2);
                        String track = r.getString(3);
                        for (int k = 0; k < times[u].length; k++) {
                            if (times[u][k] == playedAt) {
                                if (!users.local(u, k) && users.catalog().trackId(users.track(u, k)).equals(track)) {
                                    matched++;
                                }
                                break;
                            }
                        }
                    }
                }
            }
            c.rollback();
        }
        return new Verification(expected, stored, matched, expected - matched, stored - matched);
    }
}
