package io.tempo.sync.run;

import java.util.UUID;

/** How one user's sync ended: plays synced, or a failure reason and message. */
record UserOutcome(UUID userId, int playsSynced, FailureReason reason, String error) {

    static UserOutcome synced(UUID userId, int plays) {
        return new UserOutcome(userId, plays, null, null);
    }

    static UserOutcome failed(UUID userId, FailureReason reason, String error) {
        return new UserOutcome(userId, 0, reason, error);
    }

    boolean succeeded() {
        return reason == null;
    }
}
