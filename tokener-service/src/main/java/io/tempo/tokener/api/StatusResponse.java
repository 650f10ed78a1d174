package io.tempo.tokener.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tempo.tokener.browser.BrowserState;
import io.tempo.tokener.token.FetchError;
import io.tempo.tokener.token.TokenStatus;

/**
 * {@code GET /api/token/status}: the Bun tokener's {@code {"success":true,"status":{…},"timestamp":N}}, whose
 * seven status fields keep their names and meanings (see {@link TokenStatus}); what this service adds comes after
 * them inside {@code status}. No token, no cookie.
 */
@JsonPropertyOrder({"success", "status", "timestamp"})
public record StatusResponse(boolean success, Status status, long timestamp) {

    @JsonPropertyOrder({"hasToken", "isValid", "shouldProactivelyRefresh", "expiresAt", "isRefreshing",
            "timeUntilExpiry", "timeUntilProactiveRefresh", "lastFetchedAt", "lastError", "accountTokens",
            "fetches", "cache", "browser"})
    public record Status(
            boolean hasToken,
            @JsonProperty("isValid") boolean isValid,
            boolean shouldProactivelyRefresh,
            long expiresAt,
            @JsonProperty("isRefreshing") boolean isRefreshing,
            long timeUntilExpiry,
            long timeUntilProactiveRefresh,
            Long lastFetchedAt,
            FetchError lastError,
            AccountTokens accountTokens,
            Fetches fetches,
            CacheCounts cache,
            BrowserState browser) {
    }

    /** How many account tokens are cached, the most that will be, and how many are renewed ahead (in use). */
    public record AccountTokens(int cached, int max, int inUse) {
    }

    /** Refreshes (all attempts together) in flight, succeeded and failed since start-up. */
    public record Fetches(int inFlight, long succeeded, long failed) {
    }

    /** Calls served from the cache, calls that waited for a fetch, and waits cut short at the bound. */
    public record CacheCounts(long hits, long misses, long waitsCutShort) {
    }

    static StatusResponse of(TokenStatus s, BrowserState browser, long nowMs) {
        return new StatusResponse(true, new Status(s.hasToken(), s.isValid(), s.shouldProactivelyRefresh(),
                s.expiresAt(), s.isRefreshing(), s.timeUntilExpiry(), s.timeUntilProactiveRefresh(),
                s.lastFetchedAt(), s.lastError(),
                new AccountTokens(s.accountTokens(), s.maxAccountTokens(), s.accountTokensInUse()),
                new Fetches(s.fetchesInFlight(), s.refreshesSucceeded(), s.refreshesFailed()),
                new CacheCounts(s.cacheHits(), s.cacheMisses(), s.waitsCutShort()),
                browser), nowMs);
    }
}
