package io.tempo.tokener.token;

import io.tempo.tokener.browser.WebPlayerToken;
import java.util.concurrent.CompletableFuture;

/**
 * The cached state of one token. Written under its own monitor; {@link TokenService} holds it. The token and
 * the last token handed out are volatile so the cache-hit path reads them without taking the monitor.
 */
final class CacheEntry {

    final TokenKey key;
    volatile WebPlayerToken token;
    /**
     * The last token given to any caller. The current token counts as in use (and is renewed ahead of its
     * expiry) once it was handed out: LavaSrc asks once per token lifetime, so a second request cannot be
     * waited for.
     */
    volatile WebPlayerToken lastHandedOut;
    long tokenFetchedAtMs;
    /** The one fetch in flight for this key, shared by every caller that waits (single flight). */
    CompletableFuture<WebPlayerToken> inFlight;
    boolean fetchedBefore;
    long lastFetchStartedAtMs;

    CacheEntry(TokenKey key) {
        this.key = key;
    }

    boolean servable(long nowMs, long minValidityMs) {
        WebPlayerToken current = token;
        return current != null && current.remainingMs(nowMs) > minValidityMs;
    }

    /** Whether a fetch that is not strictly needed (forced, ahead of expiry) may start now. */
    boolean mayFetchAgain(long nowMs, long minIntervalMs) {
        return !fetchedBefore || nowMs - lastFetchStartedAtMs >= minIntervalMs;
    }

    /** The anonymous token is always kept warm; an account's only while its current token is in use. */
    boolean inUse() {
        WebPlayerToken current = token;
        return key.isAnonymous() || current != null && current == lastHandedOut;
    }

    void handedOut(WebPlayerToken served) {
        if (lastHandedOut != served) { // written once per token, not once per request
            lastHandedOut = served;
        }
    }
}
