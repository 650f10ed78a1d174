package io.tempo.tokener.browser;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns exceptions into one short line for logs and the status endpoint. Playwright's messages look
 * like {@code Error { message='…' name='…' stack='…' }} plus a call log; the {@code message} part is what
 * happened.
 */
public final class SafeMessages {

    private static final int MAX_LENGTH = 300;
    private static final String PLAYWRIGHT_MESSAGE = "message='";

    private SafeMessages() {
    }

    public static String of(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        int playwright = message.indexOf(PLAYWRIGHT_MESSAGE);
        String text = playwright >= 0 ? message.substring(playwright + PLAYWRIGHT_MESSAGE.length()) : message;
        String firstLine = text.strip().lines().findFirst().orElse("").strip();
        return firstLine.length() <= MAX_LENGTH ? firstLine : firstLine.substring(0, MAX_LENGTH) + "…";
    }
}
