package io.tempo.bench.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The service's tables as the bench uses them: created by the service's own Flyway scripts (so the
 * baselines write into exactly the tables, indexes and constraints the service writes into), emptied
 * between repetitions.
 */
public final class BenchSchema {

    /** Every table a repetition writes to, children first. */
    static final List<String> DATA_TABLES = List.of("public.plays", "public.track_artists", "public.tracks",
            "public.albums", "public.artists", "public.spotify_tokens", "auth.users");

    /** Run history and leases: in tempo since the service keeps its own objects apart, in public before. */
    static final List<String> RUN_TABLES = List.of("tempo.sync_runs", "tempo.sync_run_leases", "public.sync_runs",
            "public.sync_run_leases");

    private BenchSchema() {
    }

    /**
     * Runs the service's Flyway migrations with the service's own Flyway settings (its locations' schemas, read from
     * the {@code application.properties} beside {@code migrations}), as the service's role, when the service has not
     * migrated this database itself. A database the service already migrated is left alone.
     */
    public static void migrate(BenchDatabase postgres, Path migrations) throws IOException, SQLException {
        try (Connection c = postgres.admin()) {
            if (exists(c, "public.plays")) {
                return;
            }
        }
        Properties service = new Properties();
        Path properties = migrations.getParent().getParent().resolve("application.properties");
        if (Files.exists(properties)) {
            try (var in = Files.newBufferedReader(properties)) {
                service.load(in);
            }
        }
        FluentConfiguration flyway = Flyway.configure()
                .dataSource(postgres.jdbcUrl(), BenchPostgres.SERVICE_ROLE, BenchPostgres.PASSWORD)
                .locations("filesystem:" + migrations.toAbsolutePath());
        String schemas = service.getProperty("quarkus.flyway.schemas");
        if (schemas != null) {
            flyway.schemas(schemas.strip().split(","))
                    .defaultSchema(service.getProperty("quarkus.flyway.default-schema", schemas.split(",")[0]).strip());
        }
        flyway.load().migrate();
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
            for (String table : RUN_TABLES) {
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
}
