package io.tempo.sync.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A user as a run sees them: their Spotify tokens (any may be null when the user never connected
 * Spotify) and the newest play already stored, read together in one query.
 *
 * @param needsReauthSince set when Spotify rejected the refresh token; the user is skipped until new tokens arrive
 * @param lastPlayedAt     the newest stored {@code played_at}, null when the user has no plays yet
 */
public record SyncCandidate(UUID userId, String accessToken, String refreshToken, Instant expiresAt,
                            Instant needsReauthSince, Instant lastPlayedAt) {

    public boolean hasTokens() {
        return refreshToken != null || accessToken != null;
    }

    @Override
    public String toString() {
        // Never let a token reach a log line through toString().
        return "SyncCandidate[userId=" + userId + ", expiresAt=" + expiresAt + ", needsReauthSince="
                + needsReauthSince + ", lastPlayedAt=" + lastPlayedAt + "]";
    }
}
