package io.tempo.sync.spotify;

import java.time.Instant;

/**
 * A token response of the accounts service.
 *
 * @param refreshToken a rotated refresh token, or null when Spotify kept the old one
 */
public record SpotifyTokens(String accessToken, long expiresInSeconds, String scope, String refreshToken) {

    /** When the access token expires, for a response received at {@code now}. */
    public Instant expiresAt(Instant now) {
        return now.plusSeconds(expiresInSeconds);
    }

    @Override
    public String toString() {
        return "SpotifyTokens[expiresInSeconds=" + expiresInSeconds + ", scope=" + scope
                + ", rotated=" + (refreshToken != null) + "]";
    }
}
