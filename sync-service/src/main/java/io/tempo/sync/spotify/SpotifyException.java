package io.tempo.sync.spotify;

import java.time.Duration;

/**
 * A Spotify call that did not give a usable answer. Every message is fit for a person and for the
 * {@code errors} of a run: it never carries a token, the client secret or a response body verbatim.
 * Stack traces are not filled in; these are expected outcomes, not bugs.
 */
public abstract sealed class SpotifyException extends RuntimeException {

    private final int httpStatus;

    SpotifyException(String message, int httpStatus) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status Spotify answered with, or 0 when no answer came (network error, configuration). */
    public int httpStatus() {
        return httpStatus;
    }

    /** 5xx or an unreachable Spotify: retried with backoff and counted by the circuit breaker. */
    public static final class Unavailable extends SpotifyException {
        public Unavailable(String message, int httpStatus) {
            super(message, httpStatus);
        }
    }

    /** 429: the app hit Spotify's rate limit; {@code retryAfter} is null when the header was missing or unreadable. */
    public static final class RateLimited extends SpotifyException {
        private final Duration retryAfter;

        public RateLimited(Duration retryAfter) {
            super("Spotify rate limit exceeded", 429);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** 401 from the Web API: the access token expired or was revoked. */
    public static final class Unauthorized extends SpotifyException {
        public Unauthorized() {
            super("Spotify rejected the access token (HTTP 401)", 401);
        }
    }

    /** 400 {@code invalid_grant} from the accounts service: the refresh token (or code) is no longer valid. */
    public static final class InvalidGrant extends SpotifyException {
        public InvalidGrant() {
            super("Spotify rejected the grant (invalid_grant)", 400);
        }
    }

    /** Any other 4xx: the request itself was refused; retrying would not help. */
    public static final class Rejected extends SpotifyException {
        public Rejected(int status, String detail) {
            super("Spotify refused the request (HTTP " + status + (detail == null ? "" : ": " + detail) + ")", status);
        }
    }

    /** A 2xx whose body is not what the Web API reference describes (malformed JSON, missing fields). */
    public static final class UnexpectedResponse extends SpotifyException {
        public UnexpectedResponse(String what) {
            super("Unexpected response from Spotify: " + what, 200);
        }
    }

    /** The client id or secret is not configured, so the accounts service cannot be called. */
    public static final class NotConfigured extends SpotifyException {
        public NotConfigured() {
            super("Spotify client id and secret are not configured (SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET)", 0);
        }
    }
}
