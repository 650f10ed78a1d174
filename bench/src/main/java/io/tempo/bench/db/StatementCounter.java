package io.tempo.bench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the statements one database role executed, from {@code pg_stat_statements} (top-level
 * statements, utility statements such as BEGIN and COMMIT included). Every counted statement is one
 * client-server round trip for a client that waits for each answer, which both the service's reactive
 * client and JDBC do unless they pipeline; so statements per user is an upper bound on round trips.
 */
public final class StatementCounter {

    private StatementCounter() {
    }

    public record Top(long calls, long rows, double totalMs, String query) {
    }

    public record Counts(long statements, double totalExecMs, List<Top> top) {
    }

    public static void reset(BenchDatabase postgres) throws SQLException {
        try (Connection c = postgres.admin(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    public static Counts of(BenchDatabase postgres, String role) throws SQLException {
        String where = " FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid "
                + "JOIN pg_database d ON d.oid = s.dbid WHERE r.rolname = ? AND d.datname = ? AND s.toplevel";
        try (Connection c = postgres.admin()) {
            long statements;
            double totalMs;
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT coalesce(sum(calls), 0), coalesce(sum(total_exec_time), 0)" + where)) {
                p.setString(1, role);
                p.setString(2, postgres.name());
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    statements = r.getLong(1);
                    totalMs = r.getDouble(2);
                }
            }
            List<Top> top = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT calls, rows, total_exec_time, "
                    + "left(regexp_replace(query, '\\s+', ' ', 'g'), 110)" + where + " ORDER BY calls DESC LIMIT 8")) {
                p.setString(1, role);
                p.setString(2, postgres.name());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        top.add(new Top(r.getLong(1), r.getLong(2), r.getDouble(3), r.getString(4)));
                    }
                }
            }
            return new Counts(statements, totalMs, top);
        }
    }
}
