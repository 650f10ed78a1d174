package io.tempo.sync.api;

/** A request the service refuses as it is: answered 400 with the message in the error envelope. */
public final class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message, null, false, false);
    }
}
