package io.tempo.bench.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The service's tables as the bench uses them: created by the service's own Flyway scripts (so the
 * baselines write into exactly the tables, indexes and constraints the service writes into), emptied
 * between repetitions.
 */
public final class BenchSchema {

    /** Every table a repetition writes to, children first. */
    static final List<String> DATA_TABLES = List.of("public.plays", "public.track_artists", "public.tracks",
            "public.albums", "public.artists", "public.spotify_tokens", "public.sync_runs", "auth.users");

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");

    private BenchSchema() {
    }

    /**
     * Runs the service's versioned migrations in order, as the service's role, when the service has not
     * migrated this database itself. A database the service already migrated is left alone.
     */
    public static void migrate(BenchDatabase postgres, Path migrations) throws IOException, SQLException {
        try (Connection c = postgres.admin()) {
            if (exists(c, "public.plays")) {
                return;
            }
            List<Path> scripts;
            try (Stream<Path> files = Files.list(migrations)) {
                scripts = new ArrayList<>(files.filter(p -> VERSIONED.matcher(p.getFileName().toString()).matches())
                        .toList());
            }
            if (scripts.isEmpty()) {
                throw new IllegalStateException("no Flyway scripts (V<n>__*.sql) in " + migrations);
            }
            scripts.sort(Comparator.comparing(BenchSchema::version, BenchSchema::compareVersions));
            try (Statement s = c.createStatement()) {
                s.execute("SET ROLE " + BenchPostgres.SERVICE_ROLE);
                for (Path script : scripts) {
                    s.execute(Files.readString(script));
                }
                s.execute("RESET ROLE");
            }
        }
    }

    /** Empties every data table (and resets the run lease table if the service has one). */
    public static void reset(BenchDatabase postgres) throws SQLException {
        try (Connection c = postgres.admin(); Statement s = c.createStatement()) {
            List<String> present = new ArrayList<>();
            for (String table : DATA_TABLES) {
                if (exists(c, table)) {
                    present.add(table);
                }
            }
            for (String table : List.of("public.sync_run_leases", "public.sync_leases", "public.sync_run_lock")) {
                if (exists(c, table)) {
                    present.add(table);
                }
            }
            s.execute("TRUNCATE " + String.join(", ", present) + " CASCADE");
            s.execute("CHECKPOINT");
        }
    }

    /**
     * Refreshes the statistics of the seeded tables and flushes dirty pages so the next phase starts from the
     * same state. The emptied catalog and play tables are left never-analysed, as on a freshly migrated database:
     * statistics saying "empty" would make every connection cache a sequential-scan plan for its foreign-key
     * checks, which then slows down as the tables fill until autovacuum re-analyses them.
     */
    public static void settle(BenchDatabase postgres) throws SQLException {
        try (Connection c = postgres.admin(); Statement s = c.createStatement()) {
            s.execute("ANALYZE auth.users, public.spotify_tokens");
            s.execute("CHECKPOINT");
        }
    }

    public static long count(BenchDatabase postgres, String table) throws SQLException {
        try (Connection c = postgres.admin(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    static boolean exists(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            r.next();
            return r.getBoolean(1);
        }
    }

    private static String version(Path script) {
        Matcher m = VERSIONED.matcher(script.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(script.toString());
        }
        return m.group(1);
    }

    private static int compareVersions(String a, String b) {
        String[] x = a.split("[._]");
        String[] y = b.split("[._]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }
}
