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
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The token cache and its refresh rules.
 *
 * <ul>
 *   <li>A token is served while it has more than {@code min-validity} left; within {@code refresh-ahead}
 *       of its expiry a background refresh starts and the cached token is still served.</li>
 *   <li>Every call is answered within {@code request.max-wait}: a caller that has to wait for a fetch gets,
 *       when it takes longer, a still-valid cached token if there is one and otherwise a failure, while the
 *       fetch goes on and caches its token for the next caller.</li>
 *   <li>One fetch per token at a time: every caller that has to wait shares it (single flight).</li>
 *   <li>{@code force} joins a fetch in flight, and otherwise starts one only if the last fetch of that
 *       token started at least {@code min-fetch-interval} ago; else the newest token is served.</li>
 *   <li>A failed refresh leaves a still-valid token in place and it keeps being served; an expired token
 *       is never served.</li>
 *   <li>Renewal ahead of expiry covers the anonymous token always, and an account token once it was handed
 *       out (LavaSrc asks once per token lifetime); account tokens live in a bounded LRU under the cookie's
 *       fingerprint.</li>
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
    private final long maxWaitMs;
    private final int maxAccountTokens;
    private final Map<String, CacheEntry> accounts;
    private volatile CacheEntry anonymous = new CacheEntry(TokenKey.anonymous());

    private final Counter hits;
    private final Counter misses;
    private final Counter waitsCutShort;
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
        this.maxWaitMs = config.request().maxWait().toMillis();
        this.maxAccountTokens = Math.max(1, cache.maxAccountTokens());
        this.accounts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CacheEntry> eldest) {
                return size() > maxAccountTokens;
            }
        };
        this.hits = cacheCounter(registry, "hit");
        this.misses = cacheCounter(registry, "miss");
        this.waitsCutShort = Counter.builder("tokener.request.waits.cut.short")
                .description("Calls that waited for a fetch until request.max-wait and were answered without it")
                .register(registry);
    }

    /**
     * The anonymous token when the cache can answer at once, else null (then call {@link #token}). The hot
     * path: no lock, no allocation; it starts the background refresh when the token is due one.
     */
    public WebPlayerToken cachedAnonymous() {
        CacheEntry entry = anonymous;
        WebPlayerToken token = entry.token;
        if (token == null) {
            return null;
        }
        long now = clock.millis();
        long remaining = token.remainingMs(now);
        if (remaining <= minValidityMs) {
            return null;
        }
        if (remaining <= refreshAheadMs) {
            refreshAheadIfDue(entry, now);
        }
        entry.handedOut(token);
        hits.increment();
        return token;
    }

    /**
     * The token for {@code key}, within {@code request.max-wait}. The future fails with
     * {@link TokenUnavailableException} when none came in time and no still-valid one is cached.
     */
    public CompletableFuture<ServedToken> token(TokenKey key, boolean force) {
        CacheEntry entry = entryFor(key);
        long now = clock.millis();
        CompletableFuture<WebPlayerToken> fetch;
        synchronized (entry) {
            if (force && entry.inFlight != null) {
                fetch = entry.inFlight;
            } else if (force && entry.mayFetchAgain(now, minFetchIntervalMs)) {
                fetch = startFetch(entry, now);
            } else if (entry.servable(now, minValidityMs)) {
                if (entry.token.remainingMs(now) <= refreshAheadMs) {
                    refreshAheadIfDue(entry, now);
                }
                hits.increment();
                entry.handedOut(entry.token);
                return CompletableFuture.completedFuture(new ServedToken(entry.token, true));
            } else {
                fetch = entry.inFlight != null ? entry.inFlight : startFetch(entry, now);
            }
        }
        misses.increment();
        // The bound applies to this caller's copy only; the fetch itself goes on and is cached when it lands.
        return fetch.thenApply(token -> {
            entry.handedOut(token);
            return new ServedToken(token, false);
        }).orTimeout(maxWaitMs, TimeUnit.MILLISECONDS).exceptionally(error -> fallback(entry, error));
    }

    /**
     * Starts a background refresh of every token that is due: the anonymous one, and account tokens in use.
     * Account entries with nothing worth keeping are dropped.
     *
     * @return how many refreshes were started
     */
    public int refreshDueTokens() {
        long now = clock.millis();
        List<CacheEntry> entries = new ArrayList<>();
        entries.add(anonymous);
        synchronized (accounts) {
            // A cookie whose fetch failed, or whose token expired without being renewed: nobody can be served it.
            accounts.values().removeIf(entry -> {
                synchronized (entry) {
                    return entry.inFlight == null && (entry.token == null || entry.token.remainingMs(now) <= 0);
                }
            });
            entries.addAll(accounts.values());
        }
        int started = 0;
        for (CacheEntry entry : entries) {
            WebPlayerToken token = entry.token;
            if (token != null && token.remainingMs(now) <= refreshAheadMs && refreshAheadIfDue(entry, now)) {
                started++;
            }
        }
        return started;
    }

    /** Fetches the anonymous token now unless one is cached or on its way; for the start-up. */
    public CompletableFuture<ServedToken> warmUp() {
        return token(TokenKey.anonymous(), false);
    }

    /**
     * Starts fetching the anonymous token when none is servable and none is on its way, at most once per
     * {@code min-fetch-interval}.
     *
     * @return whether a fetch was started
     */
    public boolean startAnonymousFetchIfMissing() {
        CacheEntry entry = anonymous;
        long now = clock.millis();
        synchronized (entry) {
            if (entry.servable(now, minValidityMs) || entry.inFlight != null
                    || !entry.mayFetchAgain(now, minFetchIntervalMs)) {
                return false;
            }
            startFetch(entry, now);
            return true;
        }
    }

    /** Whether the anonymous token is cached and not expired: a caller would get it. */
    public boolean hasUsableAnonymousToken() {
        WebPlayerToken token = anonymous.token;
        return token != null && token.remainingMs(clock.millis()) > fallbackMinValidityMs;
    }

    public TokenStatus status() {
        return status(clock.millis());
    }

    /** The status as of {@code now}, so an answer that also carries {@code now} agrees with itself. */
    public TokenStatus status(long now) {
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
        int inUse = 0;
        synchronized (accounts) {
            accountCount = accounts.size();
            for (CacheEntry account : accounts.values()) {
                inUse += account.inUse() ? 1 : 0;
            }
        }
        long expiresAt = token == null ? 0 : token.expiresAtMs();
        long remaining = expiresAt - now;
        return new TokenStatus(
                token != null,
                token != null && remaining > minValidityMs,
                token != null && remaining > 0 && remaining <= refreshAheadMs,
                expiresAt,
                refreshing,
                remaining,
                remaining - refreshAheadMs,
                token == null ? null : fetchedAt,
                accountCount,
                maxAccountTokens,
                inUse,
                fetchesInFlight.get(),
                refreshesSucceeded.get(),
                refreshesFailed.get(),
                (long) hits.count(),
                (long) misses.count(),
                (long) waitsCutShort.count(),
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

    /** Starts a refresh ahead of expiry if the token is in use and none is in flight or too recent. */
    private boolean refreshAheadIfDue(CacheEntry entry, long now) {
        synchronized (entry) {
            WebPlayerToken token = entry.token;
            if (token == null || entry.inFlight != null || !entry.inUse()
                    || !entry.mayFetchAgain(now, minFetchIntervalMs)) {
                return false;
            }
            LOG.infof("Token (%s) expires in %d s; refreshing it in the background",
                    entry.key.label(), token.remainingMs(now) / 1000);
            startFetch(entry, now);
            return true;
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
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        boolean timedOut = cause instanceof TimeoutException;
        if (timedOut) {
            waitsCutShort.increment();
        }
        long now = clock.millis();
        WebPlayerToken token = entry.token;
        if (token != null && token.remainingMs(now) > fallbackMinValidityMs) {
            LOG.infof("Serving the cached token (%s, %d s left) because %s", entry.key.label(),
                    token.remainingMs(now) / 1000, timedOut ? "the refresh takes long" : "the refresh failed");
            entry.handedOut(token);
            return new ServedToken(token, true);
        }
        String message = timedOut
                ? "No token within " + maxWaitMs + " ms; the fetch goes on and its token is cached for the next call"
                : SafeMessages.of(cause);
        throw new TokenUnavailableException(message, cause);
    }

    private static Counter cacheCounter(MeterRegistry registry, String result) {
        return Counter.builder("tokener.cache.requests")
                .description("Token requests, by whether the cache could answer them")
                .tag("result", result)
                .register(registry);
    }
}
