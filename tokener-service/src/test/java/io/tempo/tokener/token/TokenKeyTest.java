package io.tempo.tokener.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenKeyTest {

    @Test
    void accountKeysAreToldApartByTheCookieAndNeverShowIt() {
        TokenKey alice = TokenKey.account("AQDalice");

        assertThat(alice).isEqualTo(TokenKey.account("AQDalice")).isNotEqualTo(TokenKey.account("AQDbob"));
        assertThat(alice).isNotEqualTo(TokenKey.anonymous());
        assertThat(alice.isAnonymous()).isFalse();
        assertThat(alice.label()).startsWith("account ").hasSize("account ".length() + 8).doesNotContain("AQDalice");
        assertThat(alice.toString()).doesNotContain("AQDalice");
    }
}
