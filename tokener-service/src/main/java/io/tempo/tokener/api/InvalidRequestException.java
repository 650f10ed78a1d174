package io.tempo.tokener.api;

/** The request itself is wrong; answered with 400 and the message as {@code details}. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String details) {
        super(details);
    }
}
