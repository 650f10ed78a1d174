package io.tempo.tokener.token;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tempo.tokener.browser.SafeMessages;
import io.tempo.tokener.browser.WebPlayerToken;
import io.tempo.tokener.config.TokenerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The token cache and its refresh rules.
 *
 * <ul>
 *   <li>A token is served while it has more than {@code min-validity} left; within {@code refresh-ahead}
 *       of its expiry a background refresh starts and the cached token is still served.</li>
 *   <li>One fetch per token at a time: every caller that has to wait shares it (single flight).</li>
 *   <li>{@code force} joins a fetch in flight, and otherwise starts one only if the last fetch of that
 *       token started at least {@code min-fetch-interval} ago; else the newest token is served.</li>
 *   <li>A failed refresh leaves a still-valid token in place and it keeps being served; an expired token
 *       is never served.</li>
 *   <li>Account ({@code sp_dc}) tokens live in a bounded LRU under the cookie's fingerprint.</li>
 * </ul>
 */
@ApplicationScoped
public class TokenService {

    private static final Logger LOG = Logger.getLogger(TokenService.class);

    private final RetryingTokenFetcher fetcher;
    private final Clock clock;
    private final long minValidityMs;
    private final long refreshAheadMs;
    private final long minFetchIntervalMs;
    private final long fallbackMinValidityMs;
    private final int maxAccountTokens;
    private final Map<String, CacheEntry> accounts;
    private volatile CacheEntry anonymous = new CacheEntry(TokenKey.anonymous());

    private final Counter hits;
    private final Counter misses;
    private final AtomicInteger fetchesInFlight = new AtomicInteger();
    private final AtomicLong refreshesSucceeded = new AtomicLong();
    private final AtomicLong refreshesFailed = new AtomicLong();
    private volatile FetchError lastError;

    TokenService(RetryingTokenFetcher fetcher, Clock clock, TokenerConfig config, MeterRegistry registry) {
        this.fetcher = fetcher;
        this.clock = clock;
        TokenerConfig.Cache cache = config.cache();
        this.minValidityMs = cache.minValidity().toMillis();
        this.refreshAheadMs = cache.refreshAhead().toMillis();
        this.minFetchIntervalMs = cache.minFetchInterval().toMillis();
        this.fallbackMinValidityMs = cache.fallbackMinValidity().toMillis();
        this.maxAccountTokens = Math.max(1, cache.maxAccountTokens());
        this.accounts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CacheEntry> eldest) {
                return size() > maxAccountTokens;
            }
        };
        this.hits = cacheCounter(registry, "hit");
        this.misses = cacheCounter(registry, "miss");
    }

    /**
     * The token for {@code key}. The future fails with {@link TokenUnavailableException} when none can
     * be fetched and no still-valid one is cached.
     */
    public CompletableFuture<ServedToken> token(TokenKey key, boolean force) {
        CacheEntry entry = entryFor(key);
        long now = clock.millis();
        CompletableFuture<WebPlayerToken> fetch;
        synchronized (entry) {
            entry.lastRequestedAtMs = now;
            if (force && entry.inFlight != null) {
                fetch = entry.inFlight;
                misses.increment();
            } else if (force && entry.mayFetchAgain(now, minFetchIntervalMs)) {
                fetch = startFetch(entry, now);
                misses.increment();
            } else if (entry.servable(now, minValidityMs)) {
                if (entry.token.remainingMs(now) <= refreshAheadMs && entry.inFlight == null
                        && entry.mayFetchAgain(now, minFetchIntervalMs)) {
                    LOG.infof("Token (%s) expires in %d s; refreshing it in the background",
                            key.label(), entry.token.remainingMs(now) / 1000);
                    startFetch(entry, now);
                }
                hits.increment();
                return CompletableFuture.completedFuture(new ServedToken(entry.token, true));
            } else {
                fetch = entry.inFlight != null ? entry.inFlight : startFetch(entry, now);
                misses.increment();
            }
        }
        return fetch.handle((token, error) -> error == null ? new ServedToken(token, false) : fallback(entry, error));
    }

    /**
     * Starts a background refresh of every token that is due: the anonymous one, and account tokens that
     * were asked for since they were last fetched. Account entries without a usable token are dropped.
     *
     * @return how many refreshes were started
     */
    public int refreshDueTokens() {
        long now = clock.millis();
        List<CacheEntry> entries = new ArrayList<>();
        entries.add(anonymous);
        synchronized (accounts) {
            // Nothing worth keeping: a cookie whose fetch failed, or whose token expired unused.
            accounts.values().removeIf(entry -> {
                synchronized (entry) {
                    return entry.inFlight == null && (entry.token == null
                            || entry.token.remainingMs(now) <= 0 && entry.lastRequestedAtMs <= entry.tokenFetchedAtMs);
                }
            });
            entries.addAll(accounts.values());
        }
        int started = 0;
        for (CacheEntry entry : entries) {
            synchronized (entry) {
                boolean inUse = entry.key.isAnonymous() || entry.lastRequestedAtMs > entry.tokenFetchedAtMs;
                if (entry.token != null && entry.inFlight == null && inUse
                        && entry.token.remainingMs(now) <= refreshAheadMs
                        && entry.mayFetchAgain(now, minFetchIntervalMs)) {
                    startFetch(entry, now);
                    started++;
                }
            }
        }
        return started;
    }

    public TokenStatus status() {
        long now = clock.millis();
        CacheEntry entry = anonymous;
        WebPlayerToken token;
        boolean refreshing;
        long fetchedAt;
        synchronized (entry) {
            token = entry.token;
            refreshing = entry.inFlight != null;
            fetchedAt = entry.tokenFetchedAtMs;
        }
        int accountCount;
        synchronized (accounts) {
            accountCount = accounts.size();
        }
        return new TokenStatus(
                token != null,
                token == null ? null : token.expiresAtMs(),
                token == null ? null : token.remainingMs(now),
                refreshing,
                token == null ? null : fetchedAt,
                accountCount,
                maxAccountTokens,
                fetchesInFlight.get(),
                refreshesSucceeded.get(),
                refreshesFailed.get(),
                (long) hits.count(),
                (long) misses.count(),
                lastError);
    }

    /** Forgets every cached token (fetches in flight finish but are not cached). */
    public void clear() {
        anonymous = new CacheEntry(TokenKey.anonymous());
        synchronized (accounts) {
            accounts.clear();
        }
        lastError = null;
    }

    private CacheEntry entryFor(TokenKey key) {
        if (key.isAnonymous()) {
            return anonymous;
        }
        synchronized (accounts) {
            return accounts.computeIfAbsent(key.id(), id -> new CacheEntry(key));
        }
    }

    /** Called with the entry's monitor held. */
    private CompletableFuture<WebPlayerToken> startFetch(CacheEntry entry, long now) {
        entry.fetchedBefore = true;
        entry.lastFetchStartedAtMs = now;
        CompletableFuture<WebPlayerToken> done = new CompletableFuture<>();
        entry.inFlight = done;
        fetchesInFlight.incrementAndGet();
        fetcher.fetch(entry.key).whenComplete((token, error) -> {
            // The entry is updated before anyone waiting hears of the result, so their next call is a hit.
            synchronized (entry) {
                if (error == null) {
                    entry.token = token;
                    entry.tokenFetchedAtMs = clock.millis();
                }
                if (entry.inFlight == done) {
                    entry.inFlight = null;
                }
            }
            fetchesInFlight.decrementAndGet();
            if (error == null) {
                refreshesSucceeded.incrementAndGet();
                done.complete(token);
            } else {
                refreshesFailed.incrementAndGet();
                lastError = new FetchError(clock.millis(), SafeMessages.of(error), entry.key.isAnonymous());
                done.completeExceptionally(error);
            }
        });
        return done;
    }

    private ServedToken fallback(CacheEntry entry, Throwable error) {
        long now = clock.millis();
        synchronized (entry) {
            if (entry.token != null && entry.token.remainingMs(now) > fallbackMinValidityMs) {
                LOG.infof("Serving the cached token (%s, %d s left) because the refresh failed",
                        entry.key.label(), entry.token.remainingMs(now) / 1000);
                return new ServedToken(entry.token, true);
            }
        }
        throw new TokenUnavailableException(SafeMessages.of(error), error);
    }

    private static Counter cacheCounter(MeterRegistry registry, String result) {
        return Counter.builder("tokener.cache.requests")
                .description("Token requests, by whether the cache could answer them")
                .tag("result", result)
                .register(registry);
    }
}
