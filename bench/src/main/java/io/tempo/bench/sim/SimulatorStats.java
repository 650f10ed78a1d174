package io.tempo.bench.sim;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** What the simulator served, counted lock-free from the event loops. */
public final class SimulatorStats {

    final LongAdder pageRequests = new LongAdder();
    final LongAdder pagesServed = new LongAdder();
    final LongAdder itemsServed = new LongAdder();
    final LongAdder bytesServed = new LongAdder();
    final LongAdder unauthorized = new LongAdder();
    /** Every 429: the random ones and the rate window's. */
    final LongAdder rateLimited = new LongAdder();
    /** The 429s of the rate window alone. */
    final LongAdder windowLimited = new LongAdder();
    final LongAdder serverErrors = new LongAdder();
    final LongAdder badRequests = new LongAdder();
    final LongAdder tokenRequests = new LongAdder();
    final LongAdder tokensIssued = new LongAdder();
    final LongAdder refreshTokensRotated = new LongAdder();
    final LongAdder invalidGrants = new LongAdder();
    final LongAdder invalidClients = new LongAdder();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    /** One bit per (user, play ordinal) served at least once: proves what reached the service, not how often. */
    private volatile AtomicLongArray served;

    SimulatorStats(int users) {
        served = new AtomicLongArray(users);
    }

    void enter() {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
    }

    void leave() {
        inFlight.decrementAndGet();
    }

    void markServed(int user, int[] ordinals, int count, Users users) {
        long bits = 0;
        for (int i = 0; i < count; i++) {
            if (!users.local(user, ordinals[i])) {
                bits |= 1L << ordinals[i];
            }
        }
        long add = bits;
        served.getAndAccumulate(user, add, (a, b) -> a | b);
    }

    /** Forgets everything counted so far (between benchmark repetitions). */
    public void reset(int users) {
        for (LongAdder adder : new LongAdder[] {pageRequests, pagesServed, itemsServed, bytesServed, unauthorized,
                rateLimited, windowLimited, serverErrors, badRequests, tokenRequests, tokensIssued, refreshTokensRotated,
                invalidGrants, invalidClients}) {
            adder.reset();
        }
        maxInFlight.set(inFlight.get());
        served = new AtomicLongArray(users);
    }

    public Snapshot snapshot() {
        long distinct = 0;
        AtomicLongArray bits = served;
        for (int u = 0; u < bits.length(); u++) {
            distinct += Long.bitCount(bits.get(u));
        }
        return new Snapshot(pageRequests.sum(), pagesServed.sum(), itemsServed.sum(), distinct, bytesServed.sum(),
                unauthorized.sum(), rateLimited.sum(), windowLimited.sum(), serverErrors.sum(), badRequests.sum(), tokenRequests.sum(),
                tokensIssued.sum(), refreshTokensRotated.sum(), invalidGrants.sum(), invalidClients.sum(),
                maxInFlight.get());
    }

    /**
     * @param distinctPlaysServed storable plays (not local files) that reached the client at least once
     * @param rateLimited         every 429 answer (random and the rate window's)
     * @param windowLimited       the 429s of the rate window
     * @param maxInFlight         the most Web API and accounts requests open at the same moment
     */
    public record Snapshot(long pageRequests, long pagesServed, long itemsServed, long distinctPlaysServed,
                           long bytesServed, long unauthorized, long rateLimited, long windowLimited, long serverErrors, long badRequests,
                           long tokenRequests, long tokensIssued, long refreshTokensRotated, long invalidGrants,
                           long invalidClients, int maxInFlight) {

        public String toJson() {
            return String.format(java.util.Locale.ROOT,
                    "{\"pageRequests\":%d,\"pagesServed\":%d,\"itemsServed\":%d,\"distinctPlaysServed\":%d,"
                            + "\"bytesServed\":%d,\"unauthorized\":%d,\"rateLimited\":%d,\"windowLimited\":%d,"
                            + "\"serverErrors\":%d,"
                            + "\"badRequests\":%d,\"tokenRequests\":%d,\"tokensIssued\":%d,\"refreshTokensRotated\":%d,"
                            + "\"invalidGrants\":%d,\"invalidClients\":%d,\"maxInFlight\":%d}",
                    pageRequests, pagesServed, itemsServed, distinctPlaysServed, bytesServed, unauthorized, rateLimited,
                    windowLimited, serverErrors, badRequests, tokenRequests, tokensIssued, refreshTokensRotated, invalidGrants,
                    invalidClients, maxInFlight);
        }
    }
}
