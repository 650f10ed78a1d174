package io.tempo.sync.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Runs SQL the way PostgREST does for a request: in a transaction of its own, {@code set local role} to the API role
 * and, for a signed-in user, the JWT claims in {@code request.jwt.claims}; always rolled back, so an attempt that
 * should have been refused and was not leaves nothing behind. Needs a superuser (or authenticator) connection.
 */
public final class SqlRoles {

    private final Connection connection;

    public SqlRoles(Connection connection) {
        this.connection = connection;
    }

    /** As PostgREST with the project's public anon key. */
    public Attempt anon(String sql) throws SQLException {
        return attempt("anon", null, sql);
    }

    /** As PostgREST for a signed-in user whose JWT's {@code sub} is {@code userId}. */
    public Attempt authenticated(String userId, String sql) throws SQLException {
        return attempt("authenticated", "{\"sub\":\"" + userId + "\",\"role\":\"authenticated\"}", sql);
    }

    private Attempt attempt(String role, String claims, String sql) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local role " + role);
            if (claims != null) {
                statement.execute("select set_config('request.jwt.claims', '" + claims.replace("'", "''") + "', true)");
            }
            return new Attempt(sql, Optional.empty(), Sql.firstColumn(statement, sql));
        } catch (SQLException refused) {
            return new Attempt(sql, Optional.ofNullable(refused.getSQLState()), List.of());
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    /** What came of one statement: the SQLSTATE it failed with, or the first column of its rows. */
    public record Attempt(String sql, Optional<String> sqlState, List<String> firstColumn) {

        /** PostgreSQL's insufficient_privilege. */
        public boolean refused() {
            return sqlState.filter("42501"::equals).isPresent();
        }
    }
}
