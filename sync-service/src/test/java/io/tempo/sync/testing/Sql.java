package io.tempo.sync.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain-JDBC reading for tests that run without Quarkus. */
public final class Sql {

    private Sql() {
    }

    /** The first column of every row {@code sql} returns, as text (null stays null). */
    public static List<String> firstColumn(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return firstColumn(statement, sql);
        }
    }

    static List<String> firstColumn(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        if (statement.execute(sql)) {
            try (ResultSet rows = statement.getResultSet()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }
}
