package io.tempo.tokener.token;

import io.tempo.tokener.browser.WebPlayerToken;

/**
 * A token as handed to a caller.
 *
 * @param cached true when it came from the cache, false when a fetch made it for this call
 */
public record ServedToken(WebPlayerToken token, boolean cached) {
}
