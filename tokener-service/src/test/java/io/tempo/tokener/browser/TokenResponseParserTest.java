package io.tempo.tokener.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TokenResponseParserTest {

    private final TokenResponseParser parser = new TokenResponseParser(new ObjectMapper());

    @Test
    void readsTheWebPlayersTokenAndDropsTheRest() {
        String body = """
                {"clientId":"cid","accessToken":"BQD","accessTokenExpirationTimestampMs":1800000000000,
                 "isAnonymous":true,"_notes":"Usage of this endpoint is not permitted"}""";

        assertThat(parser.parse(body, true))
                .contains(new WebPlayerToken("BQD", 1_800_000_000_000L, "cid", true));
    }

    @Test
    void rejectsErrorsAndIncompleteAnswers() {
        assertThat(parser.parse("{\"error\":{\"code\":400,\"message\":\"Invalid TOTP\"}}", true)).isEmpty();
        assertThat(parser.parse("{\"accessToken\":\"BQD\",\"accessTokenExpirationTimestampMs\":1,\"error\":\"x\"}", true))
                .isEmpty();
        assertThat(parser.parse("{\"accessToken\":\"BQD\"}", true)).isEmpty();
        assertThat(parser.parse("{\"accessToken\":\"\",\"accessTokenExpirationTimestampMs\":1}", true)).isEmpty();
        assertThat(parser.parse("<html>500</html>", true)).isEmpty();
        assertThat(parser.parse("[]", true)).isEmpty();
    }

    @Test
    void anonymityDefaultsToWhetherACookieWasSent() {
        String body = "{\"accessToken\":\"BQD\",\"accessTokenExpirationTimestampMs\":1800000000000}";

        assertThat(parser.parse(body, false)).hasValueSatisfying(token -> assertThat(token.anonymous()).isFalse());
        assertThat(parser.parse(body, true)).hasValueSatisfying(token -> assertThat(token.anonymous()).isTrue());
    }

    @Test
    void toStringNeverShowsTheToken() {
        assertThat(new WebPlayerToken("BQDsecret", 1L, "cid", true).toString()).doesNotContain("BQDsecret");
    }
}
