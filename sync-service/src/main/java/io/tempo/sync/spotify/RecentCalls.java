package io.tempo.sync.spotify;

import java.time.Duration;

/**
 * How many calls were answered over the last rate-limit window, in a fixed ring of time slices: memory stays the same
 * whatever the call rate, and counting costs a few array reads. A count is exact to one slice (a 300th of the window).
 * Times are nanoseconds of the application's clock. Not thread-safe: {@link SpotifyCallPacer} holds its lock.
 */
final class RecentCalls {

    static final int SLICES = 300;

    private final long window;
    private final long sliceNanos;
    // One slot more than the window spans, so the oldest slice still counted never shares a slot with the newest.
    private final long[] counts = new long[SLICES + 1];
    private final long[] sliceOfSlot = new long[SLICES + 1];

    RecentCalls(Duration window) {
        this.window = window.toNanos();
        this.sliceNanos = Math.max(1, this.window / SLICES);
        java.util.Arrays.fill(sliceOfSlot, Long.MIN_VALUE);
    }

    void add(long nowNanos) {
        long slice = Math.floorDiv(nowNanos, sliceNanos);
        int slot = (int) Math.floorMod(slice, (long) counts.length);
        if (sliceOfSlot[slot] != slice) {
            sliceOfSlot[slot] = slice;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    /** Calls added in the window that ends now. */
    long inWindow(long nowNanos) {
        long newest = Math.floorDiv(nowNanos, sliceNanos);
        long oldest = Math.floorDiv(nowNanos - window, sliceNanos) + 1;
        long total = 0;
        for (int slot = 0; slot < counts.length; slot++) {
            long slice = sliceOfSlot[slot];
            if (slice >= oldest && slice <= newest) {
                total += counts[slot];
            }
        }
        return total;
    }

    void clear() {
        java.util.Arrays.fill(counts, 0);
        java.util.Arrays.fill(sliceOfSlot, Long.MIN_VALUE);
    }
}
