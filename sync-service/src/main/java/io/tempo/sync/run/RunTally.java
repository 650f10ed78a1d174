package io.tempo.sync.run;

import io.tempo.sync.store.SyncResult;
import io.tempo.sync.store.UserError;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts a run's outcomes as they stream by; only failed users are kept (the response lists them).
 * Users finish on several threads, hence the synchronisation.
 */
final class RunTally {

    private int successful;
    private int failed;
    private int playsSynced;
    private int deadlineExceeded;
    private final List<UserError> errors = new ArrayList<>();

    synchronized void record(UserOutcome outcome) {
        if (outcome.succeeded()) {
            successful++;
            playsSynced += outcome.playsSynced();
            return;
        }
        failed++;
        if (outcome.reason() == FailureReason.DEADLINE_EXCEEDED) {
            deadlineExceeded++;
        }
        errors.add(new UserError(outcome.userId(), outcome.error()));
    }

    synchronized boolean deadlineWasExceeded() {
        return deadlineExceeded > 0;
    }

    synchronized SyncResult result() {
        return new SyncResult(successful + failed, successful, failed, playsSynced, errors);
    }
}
