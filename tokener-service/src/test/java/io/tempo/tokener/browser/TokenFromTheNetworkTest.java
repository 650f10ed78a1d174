package io.tempo.tokener.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.tokener.support.FakeWebPlayer.Scenario;
import io.tempo.tokener.support.FakeWebPlayerResource;
import io.tempo.tokener.support.TokenerTestBase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The token is read from the network, whatever the page's own script does with its token responses. */
@QuarkusTest
@WithTestResource(FakeWebPlayerResource.class)
class TokenFromTheNetworkTest extends TokenerTestBase {

    @Test
    void aPageThatNeverReadsItsTokenResponsesStillYieldsAToken() {
        fake.scenario(Scenario.UNREAD_TOKEN);

        given().get("/api/token").then().statusCode(200)
                .body("success", equalTo(true))
                .body("cached", equalTo(false))
                .body("accessToken", startsWith("anonymous-token-"));

        assertThat(fake.pageLoads()).as("on the first attempt").isEqualTo(1);
    }

    @Test
    void anAccountTokenFetchedThroughTheRouteCarriesTheCookie() {
        given().header("Cookie", "sp_dc=routed").get("/api/token").then().statusCode(200)
                .body("isAnonymous", equalTo(false))
                .body("accessToken", startsWith("account-token-routed-"));
    }

    @Test
    void thePageIsLetGoOnceTheTokenIsInHand() {
        given().get("/api/token").then().statusCode(200);

        // The page asks twice (init, then 2 s later transport); the fetch ends on the first good answer and closes it.
        assertThat(fake.tokenQueries()).hasSize(1).first().asString().startsWith("reason=init");
        // A page left open would ask for its transport token 2 s in: nothing more arrives for longer than that.
        await().during(Duration.ofMillis(3000)).atMost(Duration.ofSeconds(5))
                .until(() -> fake.tokenQueries().size() == 1);
    }
}
