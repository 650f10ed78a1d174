package io.tempo.sync.onboarding;

/** A login that cannot complete; the status and message go to the browser in the error envelope. */
final class LoginFailedException extends RuntimeException {

    private final int status;

    LoginFailedException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
