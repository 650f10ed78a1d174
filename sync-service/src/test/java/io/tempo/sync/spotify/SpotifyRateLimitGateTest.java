package io.tempo.sync.spotify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tempo.sync.testing.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The app-wide 429 gate: the longest Retry-After wins, and waits come in whole milliseconds. */
class SpotifyRateLimitGateTest {

    private final SpotifyRateLimitGate gate = new SpotifyRateLimitGate(TestClock.standing());

    @Test
    void openGateHasNoWait() {
        assertThat(gate.waitTime()).isZero();
    }

    @Test
    void longestRetryAfterWins() {
        gate.closeFor(Duration.ofSeconds(5));
        gate.closeFor(Duration.ofSeconds(1));

        assertThat(gate.waitTime()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void waitUnderAMillisecondIsRoundedUpBecauseTimersRefuseLess() {
        gate.closeFor(Duration.ofNanos(300_000));
        assertThat(gate.waitTime()).isEqualTo(Duration.ofMillis(1));

        gate.closeFor(Duration.ofMillis(1500).plusNanos(1));
        assertThat(gate.waitTime()).isEqualTo(Duration.ofMillis(1501));
    }
}
