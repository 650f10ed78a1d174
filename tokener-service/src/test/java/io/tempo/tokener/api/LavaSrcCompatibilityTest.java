package io.tempo.tokener.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.tokener.support.FakeWebPlayerResource;
import io.tempo.tokener.support.TokenerTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Reads the endpoint the way LavaSrc's {@code customTokenEndpoint} does: a plain GET, any top-level
 * {@code error} is a failure, then {@code accessToken} and {@code accessTokenExpirationTimestampMs}.
 */
@QuarkusTest
@WithTestResource(FakeWebPlayerResource.class)
class LavaSrcCompatibilityTest extends TokenerTestBase {

    @TestHTTPResource("/api/token")
    URI endpoint;

    @Test
    void aLavaSrcStyleClientGetsAnAnonymousToken() throws Exception {
        LavaSrcToken token = fetchLikeLavaSrc(HttpRequest.newBuilder(endpoint).GET().build());

        assertThat(token.accessToken()).isNotBlank();
        assertThat(token.expiresAtMs()).isGreaterThan(System.currentTimeMillis());
    }

    @Test
    void aLavaSrcStyleAccountRequestGetsTheAccountsToken() throws Exception {
        LavaSrcToken token = fetchLikeLavaSrc(HttpRequest.newBuilder(endpoint)
                .header("Cookie", "sp_dc=lavasrc-account")
                .header("App-Platform", "WebPlayer")
                .GET().build());

        assertThat(token.accessToken()).startsWith("account-token-lavasrc-account-");
        assertThat(token.expiresAtMs()).isGreaterThan(System.currentTimeMillis());
    }

    private static LavaSrcToken fetchLikeLavaSrc(HttpRequest request) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = new ObjectMapper().readTree(response.body());
        if (json.has("error")) {
            throw new AssertionError("LavaSrc would fail on this answer: " + response.body());
        }
        assertThat(response.statusCode()).isEqualTo(200);
        return new LavaSrcToken(json.get("accessToken").asText(), json.get("accessTokenExpirationTimestampMs").asLong());
    }

    private record LavaSrcToken(String accessToken, long expiresAtMs) {
    }
}
