package io.tempo.bench.sim;

import java.util.function.LongSupplier;

/**
 * Spotify's kind of rate limit: at most {@code limit} calls of the whole app in any rolling window; a call beyond
 * that is refused with the whole seconds until the oldest counted call drops out (Spotify's {@code Retry-After}).
 * Refused calls are not counted, so a client that waits its {@code Retry-After} always gets in. Exact: every accepted
 * call's time is kept (a ring of {@code limit} entries), the clock is the caller's.
 */
final class RateWindow {

    private final int limit;
    private final long lengthNanos;
    private final LongSupplier nanoClock;
    private final long[] accepted;
    private int oldest;
    private int size;

    RateWindow(int limit, long lengthMs, LongSupplier nanoClock) {
        this.limit = limit;
        this.lengthNanos = lengthMs * 1_000_000L;
        this.nanoClock = nanoClock;
        this.accepted = new long[limit];
    }

    /** 0 when the call is let in (and counted); otherwise its {@code Retry-After} in whole seconds, at least 1. */
    synchronized int admit() {
        long now = nanoClock.getAsLong();
        while (size > 0 && accepted[oldest] + lengthNanos <= now) {
            oldest = (oldest + 1) % limit;
            size--;
        }
        if (size < limit) {
            accepted[(oldest + size) % limit] = now;
            size++;
            return 0;
        }
        long untilRoom = accepted[oldest] + lengthNanos - now;
        return (int) Math.max(1, (untilRoom + 999_999_999L) / 1_000_000_000L);
    }
}
