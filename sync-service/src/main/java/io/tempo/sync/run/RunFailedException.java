package io.tempo.sync.run;

import io.tempo.sync.store.SyncResult;

/** The run started but could not go on (the user list broke off); what was done is kept and recorded. */
public final class RunFailedException extends RuntimeException {

    private final transient SyncResult partial;

    public RunFailedException(String message, SyncResult partial, Throwable cause) {
        super(message, cause);
        this.partial = partial;
    }

    public SyncResult partial() {
        return partial;
    }
}
