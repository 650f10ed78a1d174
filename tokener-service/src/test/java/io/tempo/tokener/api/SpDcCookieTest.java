package io.tempo.tokener.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpDcCookieTest {

    @Test
    void findsTheCookieAmongOthers() {
        assertThat(SpDcCookie.from(List.of("theme=dark; sp_dc=abc123; sp_key=zzz"))).contains("abc123");
        assertThat(SpDcCookie.from(List.of("sp_dc=abc123"))).contains("abc123");
        assertThat(SpDcCookie.from(List.of("a=1", "sp_dc = \"quoted\""))).contains("quoted");
    }

    @Test
    void keepsEqualsSignsInsideTheValue() {
        assertThat(SpDcCookie.from(List.of("sp_dc=AQB==x=="))).contains("AQB==x==");
    }

    @Test
    void ignoresLookalikesAndEmptyValues() {
        assertThat(SpDcCookie.from(List.of("xsp_dc=1; sp_dc_old=2; sp_dc="))).isEmpty();
        assertThat(SpDcCookie.from(List.of("theme=dark"))).isEmpty();
        assertThat(SpDcCookie.from(null)).isEmpty();
    }
}
