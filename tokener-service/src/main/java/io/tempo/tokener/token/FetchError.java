package io.tempo.tokener.token;

/**
 * The last failed refresh, as {@code /api/token/status} shows it.
 *
 * @param at epoch milliseconds of the failure
 * @param message what went wrong, free of tokens and cookies
 * @param anonymous whether it was the anonymous token (account failures name no account)
 */
public record FetchError(long at, String message, boolean anonymous) {
}
