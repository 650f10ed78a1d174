package io.tempo.tokener.browser;

/** A token fetch failed. The message is safe to log and to show: no token, no cookie. */
public class TokenFetchException extends RuntimeException {

    public TokenFetchException(String message) {
        super(message);
    }

    public TokenFetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
