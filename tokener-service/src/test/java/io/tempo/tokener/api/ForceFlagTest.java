package io.tempo.tokener.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ForceFlagTest {

    @Test
    void absentAndNoValuesAreNotForced() {
        assertThat(ForceFlag.parse(null)).isFalse();
        assertThat(ForceFlag.parse("0")).isFalse();
        assertThat(ForceFlag.parse("false")).isFalse();
        assertThat(ForceFlag.parse("No")).isFalse();
    }

    @Test
    void yesValuesAreForced() {
        assertThat(ForceFlag.parse("1")).isTrue();
        assertThat(ForceFlag.parse("true")).isTrue();
        assertThat(ForceFlag.parse(" YES ")).isTrue();
    }

    @Test
    void anythingElseIsRejectedWithAPrintableShortEcho() {
        assertThatThrownBy(() -> ForceFlag.parse("maybe"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'maybe'");
        assertThatThrownBy(() -> ForceFlag.parse("x".repeat(500) + "\n"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageNotContaining("\n")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120));
    }
}
