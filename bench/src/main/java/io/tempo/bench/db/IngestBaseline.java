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
        return run(postgres, users, connections, users.count(), false, 1);
    }

    /**
     * Ingests the first {@code limit} users only (a cheaper sample for large sizes); {@code slim} sends only the
     * fields the function reads instead of Spotify's full items; {@code batch} users travel in one call of
     * {@code ingest_spotify_plays_batch}, as the service sends them when it is busy (1: one user a call of
     * {@code ingest_spotify_plays}, the only way of builds before the batch function).
     */
    public static Result run(BenchDatabase postgres, Users users, int connections, int limit, boolean slim, int batch)
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
            boolean batched = batch > 1 && hasBatchFunction(open.get(0));
            int perCall = batched ? batch : 1;
            String call = batched
                    ? "SELECT sum(new_plays) FROM tempo.ingest_spotify_plays_batch(?::uuid[], ?::text[]::jsonb[])"
                    : "SELECT " + ingestFunction(open.get(0)) + "(?::uuid, ?::jsonb)";
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (Connection c : open) {
                workers.add(pool.submit(() -> {
                    try (c; PreparedStatement ingest = c.prepareStatement(call)) {
                        List<String> ids = new ArrayList<>();
                        List<String> itemArrays = new ArrayList<>();
                        for (int u = nextUser.getAndIncrement(); u < count || !ids.isEmpty(); u = nextUser.getAndIncrement()) {
                            if (u < count && !users.revoked(u)) {
                                String items = items(json, users, u, slim);
                                bytes.addAndGet(items.length());
                                ids.add(users.id(u).toString());
                                itemArrays.add(items);
                            }
                            if (ids.size() == perCall || (u >= count && !ids.isEmpty())) {
                                if (batched) {
                                    ingest.setArray(1, c.createArrayOf("text", ids.toArray()));
                                    ingest.setArray(2, c.createArrayOf("text", itemArrays.toArray()));
                                } else {
                                    ingest.setString(1, ids.get(0));
                                    ingest.setString(2, itemArrays.get(0));
                                }
                                try (ResultSet r = ingest.executeQuery()) {
                                    r.next();
                                    plays.addAndGet(r.getLong(1));
                                }
                                ids.clear();
                                itemArrays.clear();
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

    private static String items(SpotifyJson json, Users users, int u, boolean slim) {
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
        return items.toString();
    }

    private static boolean hasBatchFunction(Connection c) throws SQLException {
        try (var s = c.createStatement();
             var r = s.executeQuery("SELECT to_regprocedure('tempo.ingest_spotify_plays_batch(uuid[],jsonb[])') IS NOT NULL")) {
            r.next();
            return r.getBoolean(1);
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
