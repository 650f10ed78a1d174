package io.tempo.tokener.browser;

/**
 * The token the web player page received, without Spotify's {@code _notes} and anything else we do not
 * hand out.
 *
 * @param accessToken the bearer token itself, a secret: never logged
 * @param expiresAtMs epoch milliseconds at which Spotify stops accepting it
 * @param clientId Spotify's web player client id, may be null
 * @param anonymous false when Spotify issued it for the account behind an {@code sp_dc} cookie
 */
public record WebPlayerToken(String accessToken, long expiresAtMs, String clientId, boolean anonymous) {

    /** Milliseconds left at {@code nowMs}; negative once expired. */
    public long remainingMs(long nowMs) {
        return expiresAtMs - nowMs;
    }

    @Override
    public String toString() {
        return "WebPlayerToken[expiresAtMs=" + expiresAtMs + ", anonymous=" + anonymous + "]";
    }
}
