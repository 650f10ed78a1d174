package io.tempo.sync.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tests' {@link Clock}, which a test moves instead of sleeping ("ten minutes later"). In {@code @QuarkusTest}s it
 * is the application's clock and runs with real time plus the offset a test added (tests that move it call
 * {@link #reset()} afterwards); {@link #standingAt(Instant)} gives plain unit tests one that stands still, to count
 * exact waits and rates.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    /** Where a standing clock starts unless a test says otherwise. */
    public static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Real time: the application's clock in Quarkus tests. */
    public TestClock() {
        this(Clock.systemUTC());
    }

    private TestClock(Clock base) {
        this.base = base;
    }

    /** A clock that stays at {@code start} until a test advances it. */
    public static TestClock standingAt(Instant start) {
        return new TestClock(Clock.fixed(start, ZoneOffset.UTC));
    }

    /** A clock that stays at {@link #START} until a test advances it. */
    public static TestClock standing() {
        return standingAt(START);
    }

    public void advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock is UTC only");
    }
}
