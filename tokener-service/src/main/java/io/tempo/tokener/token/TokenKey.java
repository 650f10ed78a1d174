package io.tempo.tokener.token;

import io.tempo.common.Secrets;
import java.util.Objects;

/**
 * Which token a caller wants: the anonymous one, or the one of the account behind an {@code sp_dc}
 * cookie. Account keys are told apart by the cookie's fingerprint; the cookie itself is kept only to
 * fetch with and never appears in {@link #toString()} or {@link #label()}.
 */
public final class TokenKey {

    private static final TokenKey ANONYMOUS = new TokenKey(null, "anonymous");
    private static final int LOGGED_FINGERPRINT_CHARS = 8;

    private final String spDc;
    private final String id;

    private TokenKey(String spDc, String id) {
        this.spDc = spDc;
        this.id = id;
    }

    public static TokenKey anonymous() {
        return ANONYMOUS;
    }

    public static TokenKey account(String spDc) {
        if (spDc == null || spDc.isEmpty()) {
            throw new IllegalArgumentException("An account key needs an sp_dc cookie");
        }
        return new TokenKey(spDc, Secrets.fingerprint(spDc));
    }

    public boolean isAnonymous() {
        return spDc == null;
    }

    /** The cache id: {@code anonymous}, or the cookie's full fingerprint. */
    String id() {
        return id;
    }

    /** The cookie to fetch with; null for the anonymous token. */
    String spDc() {
        return spDc;
    }

    /** How logs name this token: a short fingerprint prefix at most. */
    public String label() {
        return isAnonymous() ? "anonymous" : "account " + id.substring(0, LOGGED_FINGERPRINT_CHARS);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenKey key && id.equals(key.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    @Override
    public String toString() {
        return label();
    }
}
