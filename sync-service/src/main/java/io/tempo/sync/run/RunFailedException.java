package io.tempo.sync.run;

/**
 * A run that could not begin (the database unreachable, the lease table missing) or that broke off when the user
 * list could not be read. Either way the caller gets a 500 with the message; what a broken-off run did is recorded
 * in its history row.
 */
public final class RunFailedException extends RuntimeException {

    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
