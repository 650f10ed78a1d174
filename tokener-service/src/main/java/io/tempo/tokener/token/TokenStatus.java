package io.tempo.tokener.token;

/**
 * A snapshot of the cache for {@code /api/token/status}, about the anonymous token unless said otherwise. The
 * first seven carry the Bun tokener's meanings: with no token, {@code expiresAt} is 0 and the two "time until"
 * figures are negative, as there.
 *
 * @param hasToken an anonymous token is cached
 * @param isValid it has more than {@code min-validity} (5 minutes) left, so it is served from the cache
 * @param shouldProactivelyRefresh it has not expired but has {@code refresh-ahead} (10 minutes) or less left
 * @param expiresAt its expiry in epoch milliseconds, 0 without a token
 * @param isRefreshing a fetch of the anonymous token is in flight
 * @param timeUntilExpiry milliseconds until {@code expiresAt} (negative once past)
 * @param timeUntilProactiveRefresh milliseconds until the refresh-ahead window opens (negative once open)
 * @param lastFetchedAt when the anonymous token was fetched, or null
 * @param accountTokens how many account tokens are cached
 * @param maxAccountTokens how many account tokens the cache keeps at most
 * @param accountTokensInUse account tokens that were handed out and so are renewed ahead of expiry
 * @param fetchesInFlight refreshes in flight for any token
 * @param refreshesSucceeded refreshes (all attempts together) that got a token
 * @param refreshesFailed refreshes in which every attempt failed
 * @param cacheHits calls served from the cache
 * @param cacheMisses calls that waited for a fetch
 * @param waitsCutShort calls that waited for a fetch until {@code request.max-wait} and were answered without it
 * @param lastError the last failed refresh, or null
 */
public record TokenStatus(boolean hasToken, boolean isValid, boolean shouldProactivelyRefresh, long expiresAt,
        boolean isRefreshing, long timeUntilExpiry, long timeUntilProactiveRefresh, Long lastFetchedAt,
        int accountTokens, int maxAccountTokens, int accountTokensInUse, int fetchesInFlight,
        long refreshesSucceeded, long refreshesFailed, long cacheHits, long cacheMisses, long waitsCutShort,
        FetchError lastError) {
}
