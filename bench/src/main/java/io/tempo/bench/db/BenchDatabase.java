package io.tempo.bench.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** One database of the bench server: the harness connects as {@code postgres}, the service and the naive baseline as their own roles. */
public final class BenchDatabase {

    private final BenchPostgres server;
    private final String name;

    BenchDatabase(BenchPostgres server, String name) {
        this.server = server;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return BenchPostgres.jdbcUrl(server.port(), name);
    }

    /** What the service gets in {@code DATABASE_URL}: the URL form Supabase and most hosts hand out. */
    public String serviceDatabaseUrl() {
        return "postgres://" + BenchPostgres.SERVICE_ROLE + ":" + BenchPostgres.PASSWORD + "@127.0.0.1:" + server.port()
                + "/" + name;
    }

    /** The same database as the standard Quarkus variables. */
    public Map<String, String> serviceDatasourceEnv() {
        return Map.of(
                "QUARKUS_DATASOURCE_USERNAME", BenchPostgres.SERVICE_ROLE,
                "QUARKUS_DATASOURCE_PASSWORD", BenchPostgres.PASSWORD,
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + server.port() + "/" + name,
                "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl());
    }

    public Connection admin() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    public Connection naive() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), BenchPostgres.NAIVE_ROLE, BenchPostgres.PASSWORD);
    }
}
