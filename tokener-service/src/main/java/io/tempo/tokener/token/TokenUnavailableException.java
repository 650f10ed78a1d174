package io.tempo.tokener.token;

/** No token could be fetched and none that is still valid is cached. The message holds no secret. */
public class TokenUnavailableException extends RuntimeException {

    private final boolean unexpected;

    public TokenUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private TokenUnavailableException(String message, Throwable cause, boolean unexpected) {
        super(message, cause);
        this.unexpected = unexpected;
    }

    /** A failure that is no fetch's (a bug): the caller still gets the token failure, and it is logged in full. */
    public static TokenUnavailableException unexpected(TokenKey key, Throwable cause) {
        return new TokenUnavailableException("Unexpected failure serving a token (" + key.label() + ")", cause, true);
    }

    /** Whether this is no fetch's failure, which was logged where it happened, but an unexpected one. */
    public boolean unexpected() {
        return unexpected;
    }
}
