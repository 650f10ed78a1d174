package io.tempo.sync.run;

import io.smallrye.mutiny.Uni;
import io.tempo.sync.config.SyncConfig;
import io.tempo.sync.spotify.SpotifyCallPacer;
import io.tempo.sync.spotify.SpotifyException;
import io.tempo.sync.spotify.SpotifyRateLimitGate;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a Spotify call within a run's rules: it waits while the app-wide rate-limit gate is closed, then (Web API
 * calls only) for its turn in the app-wide pace, closes the gate itself on a 429, tries again a bounded number of
 * times, and never lets a call or a wait run past the run's deadline. A user whose gate wait would pass the deadline
 * fails at once with {@code Spotify rate limit exceeded} instead of holding a slot; one whose turn in the pace would
 * come after it fails with {@code Sync deadline exceeded}.
 */
@ApplicationScoped
class GatedSpotifyCalls {

    private static final Logger LOG = Logger.getLogger(GatedSpotifyCalls.class);

    private final SpotifyRateLimitGate gate;
    private final SpotifyCallPacer pacer;
    private final Clock clock;
    private final SyncConfig config;

    GatedSpotifyCalls(SpotifyRateLimitGate gate, SpotifyCallPacer pacer, Clock clock, SyncConfig config) {
        this.gate = gate;
        this.pacer = pacer;
        this.clock = clock;
        this.config = config;
    }

    /** A Web API call: Spotify's rolling window counts these, so they are paced. */
    <T> Uni<T> webApi(Supplier<Uni<T>> call, Instant deadline) {
        return attempt(call, deadline, 1, true);
    }

    /** A token refresh: the accounts service is limited apart from the Web API, so it waits for the gate only. */
    <T> Uni<T> accounts(Supplier<Uni<T>> call, Instant deadline) {
        return attempt(call, deadline, 1, false);
    }

    private <T> Uni<T> attempt(Supplier<Uni<T>> call, Instant deadline, int attempt, boolean paced) {
        return Uni.createFrom().deferred(() -> {
            Duration left = wholeMillisUntil(deadline);
            if (left.isNegative() || left.isZero()) {
                return Uni.createFrom().failure(UserSyncException.deadlineExceeded());
            }
            Duration closed = gate.waitTime();
            if (closed.compareTo(left) >= 0) {
                return Uni.createFrom().failure(UserSyncException.rateLimited());
            }
            if (!closed.isZero()) {
                // Take a turn in the pace only once the gate opens, so the calls a 429 held back leave evenly spaced.
                return after(closed).flatMap(ignored -> attempt(call, deadline, attempt, paced));
            }
            SpotifyCallPacer.Permit permit = paced ? pacer.reserve(deadline) : null;
            if (paced && permit == null) {
                return Uni.createFrom().failure(UserSyncException.deadlineExceeded());
            }
            Duration turn = permit == null ? Duration.ZERO : roundUpToMillis(permit.delay());
            if (turn.isZero()) {
                return send(call, deadline, attempt, paced, permit);
            }
            // A 429 may have closed the gate while this call waited for its turn: then it waits for the gate again.
            return after(turn).flatMap(ignored -> gate.waitTime().isZero()
                    ? send(call, deadline, attempt, paced, permit)
                    : attempt(call, deadline, attempt, paced));
        });
    }

    private <T> Uni<T> send(Supplier<Uni<T>> call, Instant deadline, int attempt, boolean paced,
                            SpotifyCallPacer.Permit permit) {
        Duration left = wholeMillisUntil(deadline);
        if (left.isNegative() || left.isZero()) {
            return Uni.createFrom().failure(UserSyncException.deadlineExceeded());
        }
        return Uni.createFrom().<T>deferred(call::get)
                .ifNoItem().after(left).failWith(UserSyncException::deadlineExceeded)
                .onItemOrFailure().invoke((item, failure) -> {
                    if (permit != null && countsInSpotifysWindow(failure)) {
                        pacer.answered(permit);
                    }
                })
                .onFailure(SpotifyException.RateLimited.class).recoverWithUni(failure -> {
                    Duration retryAfter = ((SpotifyException.RateLimited) failure).retryAfter();
                    if (permit != null) {
                        pacer.rateLimited(permit, retryAfter);
                    }
                    gate.closeFor(retryAfter == null ? config.spotify().defaultRetryAfter() : retryAfter);
                    if (attempt >= config.spotify().rateLimitAttempts()) {
                        return Uni.createFrom().failure(UserSyncException.rateLimited());
                    }
                    LOG.infof("[Spotify Sync] Rate limited by Spotify, holding every call for %d ms (attempt %d of %d)",
                            gate.waitTime().toMillis(), attempt, config.spotify().rateLimitAttempts());
                    return attempt(call, deadline, attempt + 1, paced);
                });
    }

    /** Any answer from Spotify but a 429 (which the pacer hears about apart); not a timeout or a network error. */
    private static boolean countsInSpotifysWindow(Throwable failure) {
        return failure == null || (failure instanceof SpotifyException spotify && spotify.httpStatus() > 0
                && !(failure instanceof SpotifyException.RateLimited));
    }

    /**
     * Whole milliseconds, like the gate's waits: on an event loop the timeout and delays become Vert.x timers, which
     * refuse less than 1 ms, so under a millisecond left is the deadline reached.
     */
    private Duration wholeMillisUntil(Instant deadline) {
        return Duration.ofMillis(Duration.between(clock.instant(), deadline).toMillis());
    }

    private static Duration roundUpToMillis(Duration wait) {
        return Duration.ofMillis((wait.toNanos() + 999_999) / 1_000_000);
    }

    private static Uni<Boolean> after(Duration wait) {
        return Uni.createFrom().item(Boolean.TRUE).onItem().delayIt().by(wait);
    }
}
