package io.tempo.tokener.token;

import io.tempo.tokener.browser.SafeMessages;
import io.tempo.tokener.browser.TokenFetchException;
import io.tempo.tokener.browser.WebPlayerToken;
import io.tempo.tokener.browser.WebPlayerTokenFetcher;
import io.tempo.tokener.config.TokenerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One refresh: up to {@code max-attempts} browser fetches with exponential backoff between them (1s, 2s,
 * 4s by default), all within an overall timeout. Waiting happens off the browser thread, so other fetches
 * can use the browser meanwhile.
 */
@ApplicationScoped
class RetryingTokenFetcher {

    private static final Logger LOG = Logger.getLogger(RetryingTokenFetcher.class);

    private final WebPlayerTokenFetcher fetcher;
    private final TokenerConfig.Fetch config;

    RetryingTokenFetcher(WebPlayerTokenFetcher fetcher, TokenerConfig config) {
        this.fetcher = fetcher;
        this.config = config.fetch();
    }

    CompletableFuture<WebPlayerToken> fetch(TokenKey key) {
        CompletableFuture<WebPlayerToken> result = new CompletableFuture<>();
        attempt(key, 1, result);
        long overallMs = config.overallTimeout().toMillis();
        return result.orTimeout(overallMs, TimeUnit.MILLISECONDS).exceptionallyCompose(error -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof TimeoutException) {
                LOG.warnf("Token refresh (%s) gave up after the overall timeout of %d ms", key.label(), overallMs);
                return CompletableFuture.failedFuture(
                        new TokenFetchException("No token within the overall timeout of " + overallMs + " ms"));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private void attempt(TokenKey key, int attempt, CompletableFuture<WebPlayerToken> result) {
        if (result.isDone()) {
            return; // the overall timeout ended this refresh
        }
        fetcher.fetch(key.spDc(), key.label()).whenComplete((token, error) -> {
            if (error == null) {
                result.complete(token);
                return;
            }
            int maxAttempts = Math.max(1, config.maxAttempts());
            if (attempt >= maxAttempts) {
                LOG.warnf("Token refresh (%s) failed after %d attempts: %s",
                        key.label(), attempt, SafeMessages.of(error));
                result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
                return;
            }
            Duration delay = backoffBefore(attempt + 1);
            LOG.infof("Token fetch (%s) attempt %d/%d failed; next attempt in %d ms",
                    key.label(), attempt, maxAttempts, delay.toMillis());
            CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> attempt(key, attempt + 1, result));
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
}
