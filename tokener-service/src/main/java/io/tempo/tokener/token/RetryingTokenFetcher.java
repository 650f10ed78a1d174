package io.tempo.tokener.token;

import io.tempo.tokener.browser.SafeMessages;
import io.tempo.tokener.browser.TokenFetchException;
import io.tempo.tokener.browser.WebPlayerToken;
import io.tempo.tokener.browser.WebPlayerTokenFetcher;
import io.tempo.tokener.config.TokenerConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One refresh: up to {@code max-attempts} browser fetches with exponential backoff between them (1s, 2s, 4s by
 * default), all within an overall timeout. Waiting happens off the browser thread, so other fetches can use the
 * browser meanwhile.
 *
 * <p>When the overall timeout gives up, the refresh is over for the browser too: the attempt that runs is told
 * (it stops waiting for the page at once), one not started yet never starts, and no further attempt is made.
 * Every attempt's own timeout is cut to what is left of the overall one. This is why the retry is written out
 * here rather than left to SmallRye Fault Tolerance: its timeouts end the caller's wait, not the work on the
 * browser thread, which would go on delaying every later fetch.
 */
@ApplicationScoped
class RetryingTokenFetcher {

    private static final Logger LOG = Logger.getLogger(RetryingTokenFetcher.class);

    private final WebPlayerTokenFetcher fetcher;
    private final TokenerConfig.Fetch config;
    private volatile boolean stopping;

    RetryingTokenFetcher(WebPlayerTokenFetcher fetcher, TokenerConfig config) {
        this.fetcher = fetcher;
        this.config = config.fetch();
    }

    CompletableFuture<WebPlayerToken> fetch(TokenKey key) {
        long overallMs = config.overallTimeout().toMillis();
        Refresh refresh = new Refresh(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(overallMs));
        CompletableFuture<WebPlayerToken> result = new CompletableFuture<>();
        attempt(key, 1, refresh, result);
        CompletableFuture.delayedExecutor(overallMs, TimeUnit.MILLISECONDS).execute(() -> {
            if (result.completeExceptionally(
                    new TokenFetchException("No token within the overall timeout of " + overallMs + " ms"))) {
                refresh.abandon();
                LOG.warnf("Token refresh (%s) gave up after the overall timeout of %d ms", key.label(), overallMs);
            }
        });
        return result;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private void attempt(TokenKey key, int attempt, Refresh refresh, CompletableFuture<WebPlayerToken> result) {
        if (result.isDone()) {
            return; // the overall timeout ended this refresh
        }
        if (stopping) {
            result.completeExceptionally(new TokenFetchException("The service is shutting down"));
            return;
        }
        long timeoutMs = Math.min(config.timeout().toMillis(), refresh.remainingMs());
        if (timeoutMs <= 0) {
            return; // the overall timeout fires now
        }
        CompletableFuture<WebPlayerToken> fetch;
        try {
            fetch = fetcher.fetch(key.spDc(), key.label(), timeoutMs, refresh::abandoned);
        } catch (RuntimeException e) {
            result.completeExceptionally(e); // nothing may escape into the delayed executor's thread
            return;
        }
        fetch.whenComplete((token, error) -> {
            if (error == null) {
                result.complete(token);
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            int maxAttempts = Math.max(1, config.maxAttempts());
            if (result.isDone()) {
                return;
            }
            if (attempt >= maxAttempts) {
                LOG.warnf("Token refresh (%s) failed after %d attempts: %s",
                        key.label(), attempt, SafeMessages.of(cause));
                result.completeExceptionally(cause);
                return;
            }
            Duration delay = backoffBefore(attempt + 1);
            LOG.infof("Token fetch (%s) attempt %d/%d failed; next attempt in %d ms",
                    key.label(), attempt, maxAttempts, delay.toMillis());
            CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> attempt(key, attempt + 1, refresh, result));
        });
    }

    Duration backoffBefore(int attempt) {
        return backoffBefore(attempt, config.initialBackoff(), config.maxBackoff());
    }

    /** The wait before attempt {@code n} (n >= 2): the initial backoff, doubled each time, capped. */
    static Duration backoffBefore(int attempt, Duration initial, Duration max) {
        Duration delay = initial;
        for (int i = 2; i < attempt && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** One refresh's deadline, and whether it was given up; read by its attempts on the browser thread. */
    private static final class Refresh {

        private final long deadlineNanos;
        private final AtomicBoolean abandoned = new AtomicBoolean();

        Refresh(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }

        long remainingMs() {
            return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        }

        void abandon() {
            abandoned.set(true);
        }

        boolean abandoned() {
            return abandoned.get();
        }
    }
}
