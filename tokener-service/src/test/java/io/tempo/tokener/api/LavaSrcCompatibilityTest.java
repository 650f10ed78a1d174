package io.tempo.tokener.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.tokener.support.FakeWebPlayerResource;
import io.tempo.tokener.support.LavaSrcClient;
import io.tempo.tokener.support.TokenerTestBase;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Reads the endpoint the way LavaSrc's {@code customTokenEndpoint} does ({@link LavaSrcClient}): a plain GET,
 * any top-level {@code error} or a status but 200 is a failure, then {@code accessToken} and
 * {@code accessTokenExpirationTimestampMs}.
 */
@QuarkusTest
@WithTestResource(FakeWebPlayerResource.class)
class LavaSrcCompatibilityTest extends TokenerTestBase {

    @TestHTTPResource("/api/token")
    URI endpoint;

    @Test
    void aLavaSrcStyleClientGetsAnAnonymousToken() throws Exception {
        LavaSrcClient.Answer token = LavaSrcClient.anonymous(endpoint, clock).waitingAsLongAsItTakes().token();

        assertThat(token.accessToken()).isNotBlank();
        assertThat(token.expiresAtMs()).isGreaterThan(System.currentTimeMillis());
    }

    @Test
    void aLavaSrcStyleAccountRequestGetsTheAccountsToken() throws Exception {
        LavaSrcClient.Answer token = LavaSrcClient.account(endpoint, "lavasrc-account", clock)
                .waitingAsLongAsItTakes().token();

        assertThat(token.accessToken()).startsWith("account-token-lavasrc-account-");
        assertThat(token.expiresAtMs()).isGreaterThan(System.currentTimeMillis());
    }
}
