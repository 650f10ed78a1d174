package io.tempo.sync.spotify;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Spotify's rate limit is per app, so a 429 seen by one user's call holds back every call: the gate
 * stays closed until the latest {@code Retry-After} has passed. Callers ask {@link #waitTime()} before
 * calling and {@link #closeFor(Duration)} when they are told to back off.
 */
@ApplicationScoped
public class SpotifyRateLimitGate {

    private final Clock clock;
    private final AtomicReference<Instant> closedUntil = new AtomicReference<>(Instant.EPOCH);

    SpotifyRateLimitGate(Clock clock) {
        this.clock = clock;
    }

    /** How long a call must wait before it may go out; zero when the gate is open. */
    public Duration waitTime() {
        Duration wait = Duration.between(clock.instant(), closedUntil.get());
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** Keeps every caller back for {@code retryAfter} from now, unless an earlier 429 asked for longer. */
    public void closeFor(Duration retryAfter) {
        Instant until = clock.instant().plus(retryAfter);
        closedUntil.accumulateAndGet(until, (current, proposed) -> proposed.isAfter(current) ? proposed : current);
    }
}
