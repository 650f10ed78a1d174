package io.tempo.sync.spotify;

import io.tempo.sync.config.SyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Paces the app's Web API calls at the rate Spotify accepts, learned from Spotify's own 429s. Spotify counts an
 * app's calls over a rolling 30-second window; when the window is full it answers 429 until the oldest call drops
 * out. So at the first 429, the calls Spotify accepted over the last window <em>are</em> the window's size, and
 * pacing just under that size per window keeps it from filling again:
 *
 * <ul>
 *   <li><b>Until the first 429, nothing is paced</b> (unless {@code max-calls-per-second} caps it): a call asks for
 *       a permit and gets it at once, and the only work is counting its answer.</li>
 *   <li><b>Learning.</b> The first 429 of calls sent under one pace is judged once the calls that were in flight
 *       with it have answered: if most of them were refused too, the window is full, and its size is the number of
 *       calls answered over the last window (at most halving what was learned before, per 429). If most went
 *       through, the 429 was not the window (a stray one); the gate still honours its {@code Retry-After} but the
 *       pace stays. Nor is anything learned from a window that was not watched whole (the service started calling
 *       less than a window ago): those counts would miss the calls already in it.</li>
 *   <li><b>Pacing</b> spaces calls evenly at {@value #MARGIN} below the learned window's rate, never faster than
 *       the configured cap and never slower than {@value #SLOWEST_CALLS_PER_SECOND} a second. A call whose turn would
 *       come after its deadline gets no turn, so pacing never holds a user past the run's deadline.</li>
 *   <li><b>Recovering.</b> Every window length in which the pace held calls back and no 429 came, the learned
 *       window grows by {@value #PROBE_STEP} of itself, so a window learned while others shared the app grows back,
 *       slowly enough that probing above the limit costs a few 429s a minute at most.</li>
 * </ul>
 *
 * <p>Times come from the application's {@link Clock}. The gate ({@link SpotifyRateLimitGate}) and this pacer are
 * separate: the gate holds every call for a {@code Retry-After}, the pacer spaces the calls once the gate is open.
 */
@ApplicationScoped
public class SpotifyCallPacer {

    private static final Logger LOG = Logger.getLogger(SpotifyCallPacer.class);

    /** Pace this share below the learned window, so jitter and calls in flight do not fill it. */
    static final double MARGIN = 0.03;
    /**
     * Growth of the learned window per window length without a 429. Slow on purpose: each probe past the real limit
     * costs the calls in flight a 429 and every call a {@code Retry-After}, so this probes past it about once every
     * three windows (a 3 % margin), at most a few 429s a minute.
     */
    static final double PROBE_STEP = 0.01;
    /** A window learned from a handful of calls must not stall the run. */
    static final double SLOWEST_CALLS_PER_SECOND = 1;
    private static final long ONE_SECOND = 1_000_000_000L;

    private final Clock clock;
    private final long windowNanos;
    private final double cap;
    private final RecentCalls answeredCalls;

    // Read without the lock on the fast path; written under it.
    private volatile boolean paced;
    private volatile long epoch;
    private volatile Verdict pending;

    // Guarded by this.
    private double learnedWindow = Double.POSITIVE_INFINITY;
    private long nextSlot = Long.MIN_VALUE;
    private long watchingSince = Long.MIN_VALUE;
    private long probeStartedAt;
    private boolean heldBackSinceProbe;

    @Inject
    SpotifyCallPacer(Clock clock, SyncConfig config) {
        this(clock, config.spotify().rateWindow(), config.spotify().maxCallsPerSecond());
    }

    /** {@code maxCallsPerSecond} 0 means no cap. */
    SpotifyCallPacer(Clock clock, Duration window, double maxCallsPerSecond) {
        this.clock = clock;
        this.windowNanos = window.toNanos();
        this.cap = maxCallsPerSecond > 0 ? maxCallsPerSecond : Double.POSITIVE_INFINITY;
        this.answeredCalls = new RecentCalls(window);
        this.paced = !Double.isInfinite(cap);
    }

    /**
     * A call's turn: how long it waits before going out, the pace it goes out under (its epoch) and when it goes out
     * (nanoseconds of the clock). Accepted calls are counted at that moment, as Spotify counts them, rather than when
     * their answers come back, which a busy event loop can bunch together.
     */
    public record Permit(Duration delay, long epoch, long sentAt) {
    }

    /** The caller's turn, or null when that turn would come at or after {@code deadline} (no turn is used up then). */
    public Permit reserve(Instant deadline) {
        if (!paced && pending == null) {
            return new Permit(Duration.ZERO, epoch, nanos(clock.instant()));
        }
        synchronized (this) {
            long now = nanos(clock.instant());
            if (pending != null) {
                judge(now);
            }
            if (!paced) {
                return new Permit(Duration.ZERO, epoch, now);
            }
            probe(now);
            long slot = Math.max(now, nextSlot);
            if (slot >= nanos(deadline)) {
                return null;
            }
            nextSlot = slot + Math.max(1, Math.round(1e9 / callsPerSecond()));
            if (slot > now) {
                heldBackSinceProbe = true;
            }
            return new Permit(Duration.ofNanos(slot - now), epoch, slot);
        }
    }

    /** Spotify answered the call with anything but 429: it counts in Spotify's window. */
    public synchronized void answered(Permit permit) {
        long now = nanos(clock.instant());
        watch(permit.sentAt());
        if (permit.sentAt() > now - windowNanos) {
            answeredCalls.add(permit.sentAt());
        }
        Verdict verdict = pending;
        if (verdict != null && verdict.epoch == permit.epoch()) {
            verdict.accepted++;
        }
    }

    /** Spotify answered 429; {@code retryAfter} may be null. */
    public synchronized void rateLimited(Permit permit, Duration retryAfter) {
        long now = nanos(clock.instant());
        watch(permit.sentAt());
        Verdict verdict = pending;
        if (verdict != null) {
            if (verdict.epoch == permit.epoch()) {
                verdict.refused++;
                return;
            }
            judge(now);
        }
        if (permit.epoch() != epoch) {
            return; // sent under a pace that was already judged
        }
        epoch = epoch + 1;
        long roomIn = retryAfter == null ? 0 : retryAfter.toNanos();
        // The window holds the calls since (now + Retry-After - window); only if that whole span was watched does the
        // count of answered calls tell its size. A second's leeway, as Retry-After comes in whole seconds.
        if (now - watchingSince + ONE_SECOND < windowNanos - roomIn) {
            LOG.debugf("[Spotify Sync] Rate limited before a whole window was watched; not pacing on it");
            return;
        }
        pending = new Verdict(permit.epoch(), answeredCalls.inWindow(now));
    }

    /** Web API calls per second the pace allows now; infinite while the calls are not paced. */
    public synchronized double callsPerSecond() {
        double learned = Double.isInfinite(learnedWindow) ? Double.POSITIVE_INFINITY
                : Math.max(SLOWEST_CALLS_PER_SECOND, (1 - MARGIN) * learnedWindow / seconds(windowNanos));
        return Math.min(learned, cap);
    }

    /** Forgets what was learned, as a restart would (tests start each case from an unpaced app). */
    public synchronized void reset() {
        learnedWindow = Double.POSITIVE_INFINITY;
        pending = null;
        epoch = epoch + 1;
        nextSlot = Long.MIN_VALUE;
        watchingSince = Long.MIN_VALUE;
        answeredCalls.clear();
        paced = !Double.isInfinite(cap);
    }

    private void watch(long sentAt) {
        if (watchingSince == Long.MIN_VALUE || sentAt < watchingSince) {
            watchingSince = sentAt;
        }
    }

    /** Decides what the first 429 of an epoch meant, now that the calls in flight with it have answered. */
    private void judge(long now) {
        Verdict verdict = pending;
        pending = null;
        if (verdict.accepted > verdict.refused) {
            LOG.debugf("[Spotify Sync] A 429 came while %d of %d calls in flight with it went through; pace kept",
                    verdict.accepted, verdict.accepted + verdict.refused);
            return;
        }
        learnedWindow = Double.isInfinite(learnedWindow) ? verdict.acceptedInWindow
                : Math.max(verdict.acceptedInWindow, learnedWindow / 2);
        paced = true;
        probeStartedAt = now;
        heldBackSinceProbe = false;
        LOG.infof("[Spotify Sync] Pacing Spotify calls at %.1f per second (a window of %.0f calls): Spotify accepted %d "
                        + "calls in the %d s before it answered 429", callsPerSecond(), learnedWindow,
                verdict.acceptedInWindow, Math.round(seconds(windowNanos)));
    }

    private void probe(long now) {
        if (now - probeStartedAt < windowNanos) {
            return;
        }
        if (heldBackSinceProbe && !Double.isInfinite(learnedWindow) && callsPerSecond() < cap) {
            learnedWindow *= 1 + PROBE_STEP;
            LOG.debugf("[Spotify Sync] No 429 while pacing; now %.1f calls per second", callsPerSecond());
        }
        probeStartedAt = now;
        heldBackSinceProbe = false;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** The calls in flight with an epoch's first 429: did the window refuse them too? */
    private static final class Verdict {
        final long epoch;
        final long acceptedInWindow;
        int accepted;
        int refused;

        Verdict(long epoch, long acceptedInWindow) {
            this.epoch = epoch;
            this.acceptedInWindow = acceptedInWindow;
        }
    }
}
