package io.tempo.sync.store;

import io.vertx.pgclient.PgException;

/**
 * What a database failure means, in words a person can act on: a schema that lacks a table or column names it, a
 * missing privilege names the object, and "the database is unavailable" is said only when the server cannot be
 * reached or is going away. PostgreSQL's own message is quoted for the schema, privilege and constraint classes, whose
 * messages name objects; never connection details or credentials.
 */
public final class DatabaseErrors {

    static final String UNAVAILABLE = "the database is unavailable";

    private DatabaseErrors() {
    }

    /** A phrase that completes "Sync could not start: …" or "Database error while storing plays: …". */
    public static String describe(Throwable failure) {
        if (!(failure instanceof PgException pg) || pg.getSqlState() == null) {
            // Connection refused, reset or timed out, no connection from the pool in time: the server is not there.
            return UNAVAILABLE;
        }
        String state = pg.getSqlState();
        String quoted = pg.getErrorMessage() + " (SQLSTATE " + state + ")";
        if (state.equals("42501")) {
            return "the role the service logs in as lacks a privilege: " + quoted;
        }
        if (state.startsWith("42") || state.startsWith("3F")) {
            return "the database schema is not what the service needs: " + quoted;
        }
        if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
            return UNAVAILABLE + " (SQLSTATE " + state + ")";
        }
        if (state.startsWith("23") || state.startsWith("22") || state.startsWith("55")) {
            return quoted;
        }
        return "the database refused the statement (SQLSTATE " + state + ")";
    }
}
