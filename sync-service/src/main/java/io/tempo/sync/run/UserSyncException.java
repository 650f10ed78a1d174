package io.tempo.sync.run;

/** A user's sync failed for a known reason; the message is what the run reports for the user. */
final class UserSyncException extends RuntimeException {

    static final String NO_TOKENS = "No Spotify tokens available";
    static final String REFRESH_FAILED = "Failed to refresh token";
    static final String REAUTH_REQUIRED = REFRESH_FAILED + " (Spotify revoked it; the user must log in again)";
    static final String RATE_LIMITED = "Spotify rate limit exceeded";
    static final String DEADLINE_EXCEEDED = "Sync deadline exceeded";

    private final FailureReason reason;

    UserSyncException(FailureReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    static UserSyncException deadlineExceeded() {
        return new UserSyncException(FailureReason.DEADLINE_EXCEEDED, DEADLINE_EXCEEDED);
    }

    static UserSyncException rateLimited() {
        return new UserSyncException(FailureReason.RATE_LIMITED, RATE_LIMITED);
    }

    FailureReason reason() {
        return reason;
    }
}
