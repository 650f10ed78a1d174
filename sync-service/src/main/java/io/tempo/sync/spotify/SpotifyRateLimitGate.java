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

    /**
     * How long a call must wait before it may go out, in whole milliseconds rounded up; zero when the gate is open.
     * Whole milliseconds because on an event loop Mutiny's delays become Vert.x timers, which refuse less than 1 ms.
     */
    public Duration waitTime() {
        long nanos = Duration.between(clock.instant(), closedUntil.get()).toNanos();
        return nanos <= 0 ? Duration.ZERO : Duration.ofMillis((nanos + 999_999) / 1_000_000);
    }

    /** Keeps every caller back for {@code retryAfter} from now, unless an earlier 429 asked for longer. */
    public void closeFor(Duration retryAfter) {
        Instant until = clock.instant().plus(retryAfter);
        closedUntil.accumulateAndGet(until, (current, proposed) -> proposed.isAfter(current) ? proposed : current);
    }
}
