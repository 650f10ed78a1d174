package io.tempo.sync.run;

import io.tempo.sync.spotify.SpotifyException;
import io.tempo.sync.store.DatabaseErrors;
import io.tempo.sync.store.MalformedPlaysException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/** Classifies whatever ended a user's sync into a reason tag and a message without secrets. */
final class UserFailures {

    private static final Logger LOG = Logger.getLogger(UserFailures.class);

    private UserFailures() {
    }

    static UserSyncException classify(Throwable failure) {
        if (failure instanceof UserSyncException known) {
            return known;
        }
        if (failure instanceof SpotifyException.RateLimited) {
            return UserSyncException.rateLimited();
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return new UserSyncException(FailureReason.SPOTIFY_UNAVAILABLE,
                    "Spotify is unavailable (circuit breaker open, calls paused)");
        }
        if (failure instanceof TimeoutException) {
            return new UserSyncException(FailureReason.SPOTIFY_UNAVAILABLE, "Spotify did not answer in time");
        }
        if (failure instanceof SpotifyException.Unavailable) {
            return new UserSyncException(FailureReason.SPOTIFY_UNAVAILABLE, failure.getMessage());
        }
        if (failure instanceof SpotifyException.Unauthorized) {
            return new UserSyncException(FailureReason.UNAUTHORIZED, failure.getMessage());
        }
        if (failure instanceof SpotifyException.UnexpectedResponse) {
            return new UserSyncException(FailureReason.UNEXPECTED_RESPONSE, failure.getMessage());
        }
        if (failure instanceof SpotifyException) {
            return new UserSyncException(FailureReason.SPOTIFY_REJECTED, failure.getMessage());
        }
        // A bug, not Spotify or the database: the stack trace is what whoever fixes it needs.
        LOG.error("[Spotify Sync] Unexpected failure while syncing a user", failure);
        return new UserSyncException(FailureReason.INTERNAL,
                "Internal error while syncing (" + failure.getClass().getSimpleName() + ")");
    }

    /** A token refresh that failed for another reason than the rate limit or the deadline says so first. */
    static UserSyncException refreshFailed(Throwable failure) {
        UserSyncException classified = classify(failure);
        return switch (classified.reason()) {
            case RATE_LIMITED, DEADLINE_EXCEEDED, REAUTH_REQUIRED, REFRESH_FAILED, DATABASE -> classified;
            default -> new UserSyncException(FailureReason.REFRESH_FAILED,
                    UserSyncException.REFRESH_FAILED + ": " + classified.getMessage());
        };
    }

    /** A database failure while storing a user's data: what is wrong with the database, never connection details. */
    static UserSyncException database(String what, Throwable failure) {
        if (failure instanceof UserSyncException known) {
            return known;
        }
        if (failure instanceof MalformedPlaysException malformed) {
            // The database checks each item fully; an item it refuses came malformed from Spotify.
            return new UserSyncException(FailureReason.UNEXPECTED_RESPONSE,
                    "Unexpected response from Spotify: " + malformed.getMessage());
        }
        return new UserSyncException(FailureReason.DATABASE,
                "Database error while " + what + ": " + DatabaseErrors.describe(failure));
    }
}
