package io.tempo.tokener.token;

/** No token could be fetched and none that is still valid is cached. The message holds no secret. */
public class TokenUnavailableException extends RuntimeException {

    public TokenUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
