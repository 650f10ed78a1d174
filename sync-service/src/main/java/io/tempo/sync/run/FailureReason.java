package io.tempo.sync.run;

/**
 * Why a user's sync failed, as a small fixed set: the {@code reason} tag of
 * {@code sync_users_failed_total}. The message a person reads is separate and may carry details.
 */
public enum FailureReason {
    NO_TOKENS("no_tokens"),
    REAUTH_REQUIRED("reauth_required"),
    REFRESH_FAILED("refresh_failed"),
    UNAUTHORIZED("unauthorized"),
    RATE_LIMITED("rate_limited"),
    DEADLINE_EXCEEDED("deadline_exceeded"),
    SPOTIFY_UNAVAILABLE("spotify_unavailable"),
    SPOTIFY_REJECTED("spotify_rejected"),
    UNEXPECTED_RESPONSE("unexpected_response"),
    DATABASE("database"),
    INTERNAL("internal");

    private final String tag;

    FailureReason(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
