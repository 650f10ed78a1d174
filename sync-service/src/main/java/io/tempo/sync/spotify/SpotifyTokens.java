package io.tempo.sync.spotify;

import io.tempo.sync.store.TokenUpdate;
import java.time.Instant;

/**
 * A token response of the accounts service.
 *
 * @param refreshToken a rotated refresh token, or null when Spotify kept the old one
 */
public record SpotifyTokens(String accessToken, long expiresInSeconds, String scope, String refreshToken) {

    /** What to store, with the expiry turned into an instant from {@code now}. */
    public TokenUpdate toUpdate(Instant now) {
        return new TokenUpdate(accessToken, now.plusSeconds(expiresInSeconds), scope, refreshToken);
    }

    @Override
    public String toString() {
        return "SpotifyTokens[expiresInSeconds=" + expiresInSeconds + ", scope=" + scope
                + ", rotated=" + (refreshToken != null) + "]";
    }
}
