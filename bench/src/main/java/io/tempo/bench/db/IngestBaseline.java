package io.tempo.bench.db;

import io.tempo.bench.sim.SpotifyJson;
import io.tempo.bench.sim.Users;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's database write path alone: {@code SELECT ingest_spotify_plays(user, items)} once per
 * user, with each user's items exactly as the simulator serves them (full track objects, markets
 * included), over a few connections in parallel and nothing else in the way (no HTTP, no latency).
 * Comparing it with the COPY ceiling tells whether the ingest function, not Spotify, bounds a sync.
 */
public final class IngestBaseline {

    private IngestBaseline() {
    }

    public record Result(long nanos, long plays, int connections, long payloadBytes, int users) {

        public double playsPerSecond() {
            return plays / (nanos / 1e9);
        }
    }

    public static Result run(BenchDatabase postgres, Users users, int connections) throws Exception {
        return run(postgres, users, connections, users.count(), false);
    }

    /**
     * Ingests the first {@code limit} users only (a cheaper sample for large sizes); {@code slim} sends only the
     * fields the function reads instead of Spotify's full items.
     */
    public static Result run(BenchDatabase postgres, Users users, int connections, int limit, boolean slim)
            throws Exception {
        int count = Math.min(limit, users.count());
        SpotifyJson json = new SpotifyJson(users);
        AtomicInteger nextUser = new AtomicInteger();
        AtomicLong plays = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Connection> open = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                open.add(postgres.admin());
            }
            String call = "SELECT " + ingestFunction(open.get(0)) + "(?::uuid, ?::jsonb)";
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (Connection c : open) {
                workers.add(pool.submit(() -> {
                    try (c; PreparedStatement ingest = c.prepareStatement(call)) {
                        for (int u = nextUser.getAndIncrement(); u < count; u = nextUser.getAndIncrement()) {
                            if (users.revoked(u)) {
                                continue;
                            }
                            long[] times = users.playTimes(u);
                            int[] order = new int[times.length];
                            for (int k = 0; k < order.length; k++) {
                                order[k] = k;
                            }
                            StringBuilder items = new StringBuilder(times.length * 3300);
                            if (slim) {
                                json.slimItems(items, u, times, order, order.length);
                            } else {
                                json.items(items, u, times, order, order.length, true);
                            }
                            bytes.addAndGet(items.length());
                            ingest.setString(1, users.id(u).toString());
                            ingest.setString(2, items.toString());
                            try (ResultSet r = ingest.executeQuery()) {
                                r.next();
                                plays.addAndGet(r.getInt(1));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return new Result(System.nanoTime() - start, plays.get(), connections, bytes.get(), count);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The service's ingest function: in its own schema now, in public in builds before that (CANDIDATE_TREE). */
    private static String ingestFunction(Connection c) throws SQLException {
        try (var s = c.createStatement();
             var r = s.executeQuery("SELECT to_regprocedure('tempo.ingest_spotify_plays(uuid,jsonb)') IS NOT NULL")) {
            r.next();
            return r.getBoolean(1) ? "tempo.ingest_spotify_plays" : "public.ingest_spotify_plays";
        }
    }
}
