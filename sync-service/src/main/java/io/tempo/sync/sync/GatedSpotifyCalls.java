package io.tempo.sync.sync;

import io.smallrye.mutiny.Uni;
import io.tempo.sync.config.SyncConfig;
import io.tempo.sync.spotify.SpotifyException;
import io.tempo.sync.spotify.SpotifyRateLimitGate;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a Spotify call within a run's rules: it waits while the app-wide rate-limit gate is closed,
 * closes the gate itself on a 429, tries again a bounded number of times, and never lets a call or a
 * wait run past the run's deadline. A user whose wait would pass the deadline fails at once with
 * {@code Spotify rate limit exceeded} instead of holding a slot.
 */
@ApplicationScoped
class GatedSpotifyCalls {

    private static final Logger LOG = Logger.getLogger(GatedSpotifyCalls.class);

    private final SpotifyRateLimitGate gate;
    private final Clock clock;
    private final SyncConfig config;

    GatedSpotifyCalls(SpotifyRateLimitGate gate, Clock clock, SyncConfig config) {
        this.gate = gate;
        this.clock = clock;
        this.config = config;
    }

    <T> Uni<T> call(Supplier<Uni<T>> call, Instant deadline) {
        return attempt(call, deadline, 1);
    }

    private <T> Uni<T> attempt(Supplier<Uni<T>> call, Instant deadline, int attempt) {
        return Uni.createFrom().deferred(() -> {
            // Whole milliseconds, like the gate's waits: on an event loop the timeout below becomes a Vert.x
            // timer, which refuses less than 1 ms, so under a millisecond left is the deadline reached.
            Duration left = Duration.ofMillis(Duration.between(clock.instant(), deadline).toMillis());
            if (left.isNegative() || left.isZero()) {
                return Uni.createFrom().failure(UserSyncException.deadlineExceeded());
            }
            Duration wait = gate.waitTime();
            if (wait.compareTo(left) >= 0) {
                return Uni.createFrom().failure(UserSyncException.rateLimited());
            }
            Uni<T> send = wait.isZero()
                    ? Uni.createFrom().<T>deferred(call::get)
                    : Uni.createFrom().item(Boolean.TRUE).onItem().delayIt().by(wait).flatMap(ignored -> call.get());
            return send
                    .ifNoItem().after(left).failWith(UserSyncException::deadlineExceeded)
                    .onFailure(SpotifyException.RateLimited.class).recoverWithUni(failure -> {
                        Duration retryAfter = ((SpotifyException.RateLimited) failure).retryAfter();
                        gate.closeFor(retryAfter == null ? config.spotify().defaultRetryAfter() : retryAfter);
                        if (attempt >= config.spotify().rateLimitAttempts()) {
                            return Uni.createFrom().failure(UserSyncException.rateLimited());
                        }
                        LOG.infof("[Spotify Sync] Rate limited by Spotify, holding every call for %d ms (attempt %d of %d)",
                                gate.waitTime().toMillis(), attempt, config.spotify().rateLimitAttempts());
                        return attempt(call, deadline, attempt + 1);
                    });
        });
    }
}
