package io.tempo.sync.store;

import java.time.Instant;

/**
 * Tokens to store for a user after a refresh or an OAuth code exchange.
 *
 * @param refreshToken the rotated refresh token, or null to keep the stored one
 */
public record TokenUpdate(String accessToken, Instant expiresAt, String scope, String refreshToken) {

    @Override
    public String toString() {
        return "TokenUpdate[expiresAt=" + expiresAt + ", scope=" + scope + ", rotated=" + (refreshToken != null) + "]";
    }
}
