package io.tempo.tokener.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void defaultBackoffIsOneTwoFourSeconds() {
        Duration initial = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(4);

        assertThat(RetryingTokenFetcher.backoffBefore(2, initial, max)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryingTokenFetcher.backoffBefore(3, initial, max)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryingTokenFetcher.backoffBefore(4, initial, max)).isEqualTo(Duration.ofSeconds(4));
        assertThat(RetryingTokenFetcher.backoffBefore(9, initial, max)).isEqualTo(Duration.ofSeconds(4));
    }
}
