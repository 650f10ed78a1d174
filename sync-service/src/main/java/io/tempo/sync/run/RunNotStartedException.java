package io.tempo.sync.run;

/** The run could not begin, almost always because the database is unreachable; nothing was synced. */
public final class RunNotStartedException extends RuntimeException {

    public RunNotStartedException(String message, Throwable cause) {
        super(message, cause);
    }
}
