package io.tempo.bench.db;

import io.tempo.devpostgres.DevPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmark's PostgreSQL 17 server (the {@code dev-postgres} launcher's), with {@code pg_stat_statements}
 * preloaded so each role's statements can be counted, and production-like durability
 * ({@code synchronous_commit=on}, {@code fsync=on}: zonky's default turns synchronous commit off, which
 * would flatter anything that commits often, such as the naive baseline). The service connects as
 * {@value #SERVICE_ROLE}, the naive baseline as {@value #NAIVE_ROLE}, the harness as {@code postgres}, so
 * their statements are told apart. One server can hold several databases, one per service build being
 * compared, so a before/after comparison runs interleaved under the same machine load.
 */
public final class BenchPostgres implements AutoCloseable {

    public static final String SERVICE_ROLE = "sync_service";
    public static final String NAIVE_ROLE = "naive_baseline";
    static final String PASSWORD = "bench-only-password";

    private final DevPostgres postgres;

    private BenchPostgres(DevPostgres postgres) {
        this.postgres = postgres;
    }

    public static BenchPostgres start(Path dataDirectory, boolean durable) throws SQLException {
        DevPostgres postgres = DevPostgres.builder()
                .freshDataIn(dataDirectory)
                .setting("shared_preload_libraries", "pg_stat_statements")
                .setting("pg_stat_statements.track", "top")
                .setting("pg_stat_statements.track_utility", "on")
                .setting("pg_stat_statements.max", "10000")
                .setting("synchronous_commit", durable ? "on" : "off")
                .setting("fsync", durable ? "on" : "off")
                .setting("max_connections", "300")
                .setting("shared_buffers", "256MB")
                .setting("listen_addresses", "127.0.0.1")
                .start();
        try (Connection c = DriverManager.getConnection(jdbcUrl(postgres.port(), "postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + SERVICE_ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE ROLE " + NAIVE_ROLE + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "'");
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return new BenchPostgres(postgres);
    }

    /** Creates a database owned by the service's role (as a hosted database would be) and returns it. */
    public BenchDatabase createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(port(), "postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " OWNER " + SERVICE_ROLE);
        }
        BenchDatabase database = new BenchDatabase(this, name);
        try (Connection c = database.admin(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        return database;
    }

    /** CPU the whole server (postmaster, backends, background workers) has used so far, in ms. */
    public double cpuMs() {
        try {
            long pid = Long.parseLong(java.nio.file.Files.readAllLines(postgres.dataDirectory().resolve("postmaster.pid"))
                    .get(0).trim());
            return io.tempo.bench.proc.CpuTime.treeMs(pid);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public int port() {
        return postgres.port();
    }

    static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        postgres.close();
    }
}
