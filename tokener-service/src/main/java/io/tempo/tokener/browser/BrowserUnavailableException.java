package io.tempo.tokener.browser;

/** Chromium is not running and could not be launched just now. */
public class BrowserUnavailableException extends TokenFetchException {

    public BrowserUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
