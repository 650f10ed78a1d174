package io.tempo.sync.spotify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tempo.sync.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The app-wide pace on a clock that moves only when told: nothing paced before the first 429, the window learned from
 * the calls Spotify accepted, stray 429s ignored, the learned rate dropping and recovering, the cap and the deadline.
 */
class SpotifyCallPacerTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);

    private final TestClock clock = TestClock.standing();
    private final Instant farDeadline = clock.instant().plus(Duration.ofHours(1));

    @Test
    void callsAreNotPacedBeforeTheFirst429() {
        SpotifyCallPacer pacer = new SpotifyCallPacer(clock, WINDOW, 0);

        for (int i = 0; i < 10_000; i++) {
            SpotifyCallPacer.Permit permit = pacer.reserve(farDeadline);
            assertThat(permit.delay()).isZero();
            pacer.answered(permit);
        }
        assertThat(pacer.callsPerSecond()).isInfinite();
    }

    @Test
    void aFullWindowTeachesItsSizeAndCallsArePacedJustUnderIt() {
        SpotifyCallPacer pacer = new SpotifyCallPacer(clock, WINDOW, 0);
        fillTheWindow(pacer, 3_000, Duration.ofSeconds(5), 64);

        assertThat(pacer.reserve(farDeadline).delay()).isZero();
        assertThat(pacer.callsPerSecond()).isCloseTo(0.97 * 3_000 / 30, within(0.01));
        List<Duration> waits = reserve(pacer, 4);
        assertThat(waits).extracting(Duration::toNanos)
                .containsExactly(nanosPerCall(97), 2 * nanosPerCall(97), 3 * nanosPerCall(97), 4 * nanosPerCall(97));
    }

    @Test
    void aStray429AmongCallsThatWentThroughLeavesTheCallsUnpaced() {
        SpotifyCallPacer pacer = new SpotifyCallPacer(clock, WINDOW, 0);
        acceptOverTheWindow(pacer, 600);
        SpotifyCallPacer.Permit first = pacer.reserve(farDeadline);
        List<SpotifyCallPacer.Permit> inFlight = new ArrayList<>();
        for (int i = 0; i < 63; i++) {
            inFlight.add(pacer.reserve(farDeadline));
        }
        pacer.rateLimited(first, Duration.ofSeconds(1));
        for (int i = 0; i < inFlight.size(); i++) {
            if (i % 10 == 0) {
                pacer.rateLimited(inFlight.get(i), Duration.ofSeconds(1));
            } else {
                pacer.answered(inFlight.get(i));
            }
        }

        assertThat(pacer.reserve(farDeadline).delay()).isZero();
        assertThat(pacer.callsPerSecond()).isInfinite();
    }

    @Test
    void nothingIsLearnedFromAWindowThatWasNotWatchedWhole() {
        SpotifyCallPacer pacer = new SpotifyCallPacer(clock, WINDOW, 0);
        for (int i = 0; i < 10; i++) {
            pacer.answered(pacer.reserve(farDeadline));
        }
        clock.advance(Duration.ofSeconds(2));
        // Retry-After 1 s: the window holds calls of the last 29 s, most of them made before this app started watching.
        pacer.rateLimited(pacer.reserve(farDeadline), Duration.ofSeconds(1));

        assertThat(pacer.reserve(farDeadline).delay()).isZero();
        assertThat(pacer.callsPerSecond()).isInfinite();
    }

    @Test
    void theLearnedRateDropsOnA429WhilePacedAtMostByHalfAndRecoversWhileNo429Comes() {
        SpotifyCallPacer pacer = new SpotifyCallPacer(clock, WINDOW, 0);
        fillTheWindow(pacer, 3_000, Duration.ofSeconds(5), 0);
        pacer.reserve(farDeadline);
        assertThat(pacer.callsPerSecond()).isCloseTo(97.0, within(0.01));

        // A whole window later only 600 calls went through before the next 429: the window shrank, so did the pace,
        // though by half at most for one 429.
        clock.advance(WINDOW);
        acceptOverTheWindow(pacer, 600);
        pacer.rateLimited(pacer.reserve(farDeadline), Duration.ofSeconds(1));
        pacer.reserve(farDeadline);
        assertThat(pacer.callsPerSecond()).isCloseTo(0.97 * 1_500 / 30, within(0.01));

        // Callers queue for their turns for five windows and no 429 comes: five probes, 1 % each.
        for (int probe = 0; probe < 5; probe++) {
            reserve(pacer, 2);
            clock.advance(WINDOW);
        }
        reserve(pacer, 1);
        assertThat(pacer.callsPerSecond()).isCloseTo(0.97 * 1_500 * Math.pow(1.01, 5) / 30, within(0.01));
    }

    @Test
    void theCapHoldsBeforeAnyLimitIsSeenAndAboveTheLearnedRate() {
        SpotifyCallPacer pacer = new SpotifyCallPacer(clock, WINDOW, 5);
        assertThat(reserve(pacer, 5)).extracting(Duration::toMillis).containsExactly(0L, 200L, 400L, 600L, 800L);

        // A window learned at the cap (150 calls in 30 s) grows back while no 429 comes, but never past the cap.
        SpotifyCallPacer learning = new SpotifyCallPacer(clock, WINDOW, 5);
        fillTheWindow(learning, 150, WINDOW, 0);
        reserve(learning, 1);
        assertThat(learning.callsPerSecond()).isLessThan(5.0);
        for (int probe = 0; probe < 20; probe++) {
            reserve(learning, 3);
            clock.advance(WINDOW);
        }
        assertThat(learning.callsPerSecond()).isEqualTo(5.0);
        assertThat(reserve(learning, 3)).extracting(Duration::toMillis).containsExactly(0L, 200L, 400L);
    }

    @Test
    void noTurnIsGivenAtOrAfterTheDeadlineAndNoneIsUsedUpByRefusing() {
        SpotifyCallPacer pacer = new SpotifyCallPacer(clock, WINDOW, 1);
        Instant deadline = clock.instant().plusMillis(2_500);

        assertThat(pacer.reserve(deadline).delay()).isEqualTo(Duration.ZERO);
        assertThat(pacer.reserve(deadline).delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(pacer.reserve(deadline).delay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(pacer.reserve(deadline)).isNull();
        assertThat(pacer.reserve(farDeadline).delay()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void resetForgetsTheLearnedRate() {
        SpotifyCallPacer pacer = new SpotifyCallPacer(clock, WINDOW, 0);
        fillTheWindow(pacer, 300, Duration.ofSeconds(1), 0);
        pacer.reserve(farDeadline);
        assertThat(pacer.callsPerSecond()).isFinite();

        pacer.reset();

        assertThat(pacer.reserve(farDeadline).delay()).isZero();
        assertThat(pacer.callsPerSecond()).isInfinite();
    }

    /**
     * {@code accepted} calls spread over {@code over}, then the window is full: a 429 saying the window has room when
     * the first of them drops out, and {@code alsoRefused} calls in flight with it refused as well.
     */
    private void fillTheWindow(SpotifyCallPacer pacer, int accepted, Duration over, int alsoRefused) {
        Duration step = over.dividedBy(accepted);
        for (int i = 0; i < accepted; i++) {
            SpotifyCallPacer.Permit permit = pacer.reserve(farDeadline);
            clock.advance(permit.delay());
            pacer.answered(permit);
            clock.advance(step);
        }
        List<SpotifyCallPacer.Permit> inFlight = new ArrayList<>();
        for (int i = 0; i <= alsoRefused; i++) {
            inFlight.add(pacer.reserve(farDeadline));
        }
        // Whole seconds rounded up, as Spotify sends them: until the first of those calls drops out of the window.
        Duration untilRoom = WINDOW.minus(step.multipliedBy(accepted));
        Duration retryAfter = Duration.ofSeconds((untilRoom.toNanos() + 999_999_999) / 1_000_000_000);
        inFlight.forEach(permit -> pacer.rateLimited(permit, retryAfter));
    }

    /** {@code calls} accepted calls evenly over one window length (the pacer watches the whole window). */
    private void acceptOverTheWindow(SpotifyCallPacer pacer, int calls) {
        Duration step = WINDOW.dividedBy(calls);
        for (int i = 0; i < calls; i++) {
            SpotifyCallPacer.Permit permit = pacer.reserve(farDeadline);
            clock.advance(step);
            pacer.answered(permit);
        }
    }

    private List<Duration> reserve(SpotifyCallPacer pacer, int calls) {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            waits.add(pacer.reserve(farDeadline).delay());
        }
        return waits;
    }

    private static long nanosPerCall(double perSecond) {
        return Math.round(1e9 / perSecond);
    }
}
