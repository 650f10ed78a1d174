package io.tempo.tokener.token;

/**
 * A snapshot of the cache for {@code /api/token/status}.
 *
 * @param hasToken an anonymous token is cached
 * @param expiresAt its expiry in epoch milliseconds, or null
 * @param expiresInMs milliseconds it has left (negative once expired), or null
 * @param refreshing a fetch of the anonymous token is in flight
 * @param lastFetchedAt when the anonymous token was fetched, or null
 * @param accountTokens how many account tokens are cached
 * @param maxAccountTokens how many account tokens the cache keeps at most
 * @param fetchesInFlight refreshes in flight for any token
 * @param refreshesSucceeded refreshes (all attempts together) that got a token
 * @param refreshesFailed refreshes in which every attempt failed
 * @param cacheHits calls served from the cache
 * @param cacheMisses calls that waited for a fetch
 * @param lastError the last failed refresh, or null
 */
public record TokenStatus(boolean hasToken, Long expiresAt, Long expiresInMs, boolean refreshing, Long lastFetchedAt,
        int accountTokens, int maxAccountTokens, int fetchesInFlight, long refreshesSucceeded, long refreshesFailed,
        long cacheHits, long cacheMisses, FetchError lastError) {
}
