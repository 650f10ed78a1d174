package io.tempo.tokener.token;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.tempo.tokener.browser.SafeMessages;
import io.tempo.tokener.browser.TokenFetchException;
import io.tempo.tokener.browser.WebPlayerToken;
import io.tempo.tokener.browser.WebPlayerTokenFetcher;
import io.tempo.tokener.config.TokenerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One refresh: up to {@code max-attempts} browser fetches with a doubling backoff between them (1s, 2s, 4s by
 * default), all within an overall timeout. SmallRye Fault Tolerance runs the attempts and the waits, off the
 * browser thread, so other fetches can use the browser meanwhile.
 *
 * <p>The overall timeout is not Fault Tolerance's: its timeout bounds each attempt and only ends the caller's
 * wait, while the work on the browser thread would go on delaying every later fetch. Here, when the overall
 * timeout gives up, the refresh is over for the browser too: the attempt that runs is told (it stops waiting
 * for the page at once), one not started yet never starts, and no further attempt is made. Every attempt's own
 * timeout is cut to what is left of the overall one.
 */
@ApplicationScoped
class RetryingTokenFetcher {

    private static final Logger LOG = Logger.getLogger(RetryingTokenFetcher.class);

    private final WebPlayerTokenFetcher fetcher;
    private final TokenerConfig.Fetch config;
    private final int maxAttempts;
    private final TypedGuard<CompletionStage<WebPlayerToken>> retries;
    private volatile boolean stopping;

    RetryingTokenFetcher(WebPlayerTokenFetcher fetcher, TokenerConfig config) {
        this.fetcher = fetcher;
        this.config = config.fetch();
        this.maxAttempts = Math.max(1, this.config.maxAttempts());
        this.retries = TypedGuard.create(new TypeLiteral<CompletionStage<WebPlayerToken>>() { })
                .withDescription("token-refresh")
                .withRetry()
                    .maxRetries(maxAttempts - 1)
                    .maxDuration(this.config.overallTimeout().toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .whenException(failure -> failure instanceof FailedAttempt failed && worthAnother(failed))
                    .withCustomBackoff().strategy(() -> this::delayAfter).done()
                .done()
                // An attempt only queues work for the browser thread: nothing to offload.
                .withThreadOffload(false)
                .build();
    }

    CompletableFuture<WebPlayerToken> fetch(TokenKey key) {
        long overallMs = config.overallTimeout().toMillis();
        Refresh refresh = new Refresh(key, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(overallMs));
        return retries.get(() -> attempt(refresh)).toCompletableFuture()
                .orTimeout(overallMs, TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(outcome(refresh, failure, overallMs)));
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** The wait before attempt {@code n} (n >= 2): the initial backoff, doubled each time, capped. */
    static Duration backoffBefore(int attempt, Duration initial, Duration max) {
        Duration delay = initial;
        for (int i = 2; i < attempt && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    private CompletionStage<WebPlayerToken> attempt(Refresh refresh) {
        int number = ++refresh.attempts; // attempts run one after the other, never at once
        if (stopping) {
            return failed(refresh, number, new TokenFetchException("The service is shutting down"));
        }
        long timeoutMs = Math.min(config.timeout().toMillis(), refresh.remainingMs());
        if (timeoutMs <= 0) {
            return failed(refresh, number, new TokenFetchException("No time left for another attempt"));
        }
        return fetcher.fetch(refresh.key.spDc(), refresh.key.label(), timeoutMs, refresh::abandoned)
                .exceptionallyCompose(failure -> failed(refresh, number, unwrap(failure)));
    }

    private boolean worthAnother(FailedAttempt failed) {
        return !stopping && !failed.refresh.abandoned && failed.refresh.remainingMs() > 0;
    }

    /** Fault Tolerance asks this before each further attempt, so the log says how long it waits. */
    private long delayAfter(Throwable failure) {
        FailedAttempt failed = (FailedAttempt) failure; // the only failures retried
        long delayMs = backoffBefore(failed.number + 1, config.initialBackoff(), config.maxBackoff()).toMillis();
        LOG.infof("Token fetch (%s) attempt %d/%d failed; next attempt in %d ms",
                failed.refresh.key.label(), failed.number, maxAttempts, delayMs);
        return delayMs;
    }

    /** What the refresh's caller learns: the last attempt's own failure, or that the overall timeout gave up. */
    private Throwable outcome(Refresh refresh, Throwable failure, long overallMs) {
        Throwable error = unwrap(failure);
        if (error instanceof TimeoutException) {
            refresh.abandoned = true;
            LOG.warnf("Token refresh (%s) gave up after the overall timeout of %d ms", refresh.key.label(), overallMs);
            return new TokenFetchException("No token within the overall timeout of " + overallMs + " ms");
        }
        if (!(error instanceof FailedAttempt failed)) {
            return error;
        }
        if (failed.number >= maxAttempts) {
            LOG.warnf("Token refresh (%s) failed after %d attempts: %s",
                    refresh.key.label(), failed.number, SafeMessages.of(failed.getCause()));
        }
        return failed.getCause();
    }

    private static CompletableFuture<WebPlayerToken> failed(Refresh refresh, int number, Throwable cause) {
        return CompletableFuture.failedFuture(new FailedAttempt(refresh, number, cause));
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** One refresh's key, deadline and attempts, and whether it was given up; read by its attempts. */
    private static final class Refresh {

        final TokenKey key;
        final long deadlineNanos;
        volatile int attempts;
        volatile boolean abandoned;

        Refresh(TokenKey key, long deadlineNanos) {
            this.key = key;
            this.deadlineNanos = deadlineNanos;
        }

        long remainingMs() {
            return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        }

        boolean abandoned() {
            return abandoned;
        }
    }

    /** Carries which refresh and attempt failed to the backoff, which Fault Tolerance hands only the failure. */
    private static final class FailedAttempt extends RuntimeException {

        final transient Refresh refresh;
        final int number;

        FailedAttempt(Refresh refresh, int number, Throwable cause) {
            super(cause.getMessage(), cause, false, false);
            this.refresh = refresh;
            this.number = number;
        }
    }
}
