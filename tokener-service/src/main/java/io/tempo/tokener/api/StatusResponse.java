package io.tempo.tokener.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tempo.tokener.token.FetchError;
import io.tempo.tokener.token.TokenStatus;

/** {@code GET /api/token/status}: the anonymous token's cache state and counters. No token, no cookie. */
@JsonPropertyOrder({"hasToken", "expiresAt", "expiresInMs", "refreshing", "lastFetchedAt", "lastError",
        "accountTokens", "fetches", "cache", "browserConnected", "timestamp"})
public record StatusResponse(
        boolean hasToken,
        Long expiresAt,
        Long expiresInMs,
        boolean refreshing,
        Long lastFetchedAt,
        FetchError lastError,
        AccountTokens accountTokens,
        Fetches fetches,
        CacheCounts cache,
        boolean browserConnected,
        long timestamp) {

    /** How many account tokens are cached, and the most that will be. */
    public record AccountTokens(int cached, int max) {
    }

    /** Refreshes (all attempts together) in flight, succeeded and failed since start-up. */
    public record Fetches(int inFlight, long succeeded, long failed) {
    }

    /** Calls served from the cache and calls that waited for a fetch. */
    public record CacheCounts(long hits, long misses) {
    }

    static StatusResponse of(TokenStatus status, boolean browserConnected, long nowMs) {
        return new StatusResponse(status.hasToken(), status.expiresAt(), status.expiresInMs(), status.refreshing(),
                status.lastFetchedAt(), status.lastError(),
                new AccountTokens(status.accountTokens(), status.maxAccountTokens()),
                new Fetches(status.fetchesInFlight(), status.refreshesSucceeded(), status.refreshesFailed()),
                new CacheCounts(status.cacheHits(), status.cacheMisses()),
                browserConnected, nowMs);
    }
}
