package io.tempo.tokener.token;

import io.tempo.tokener.browser.WebPlayerToken;
import java.util.concurrent.CompletableFuture;

/** The cached state of one token. Guarded by its own monitor; {@link TokenService} holds it. */
final class CacheEntry {

    final TokenKey key;
    WebPlayerToken token;
    long tokenFetchedAtMs;
    /** The one fetch in flight for this key, shared by every caller that waits (single flight). */
    CompletableFuture<WebPlayerToken> inFlight;
    boolean fetchedBefore;
    long lastFetchStartedAtMs;
    long lastRequestedAtMs;

    CacheEntry(TokenKey key) {
        this.key = key;
    }

    boolean servable(long nowMs, long minValidityMs) {
        return token != null && token.remainingMs(nowMs) > minValidityMs;
    }

    /** Whether a fetch that is not strictly needed (forced, ahead of expiry) may start now. */
    boolean mayFetchAgain(long nowMs, long minIntervalMs) {
        return !fetchedBefore || nowMs - lastFetchStartedAtMs >= minIntervalMs;
    }
}
