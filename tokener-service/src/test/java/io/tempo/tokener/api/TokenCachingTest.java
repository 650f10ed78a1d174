package io.tempo.tokener.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tempo.tokener.support.Concurrently;
import io.tempo.tokener.support.FakeWebPlayer;
import io.tempo.tokener.support.FakeWebPlayerResource;
import io.tempo.tokener.support.TokenerTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(FakeWebPlayerResource.class)
class TokenCachingTest extends TokenerTestBase {

    @Test
    void firstCallFetchesAndSecondIsServedFromCache() {
        JsonPath first = given().get("/api/token").then().statusCode(200)
                .body("success", equalTo(true))
                .body("cached", equalTo(false))
                .body("isAnonymous", equalTo(true))
                .body("clientId", equalTo(FakeWebPlayer.CLIENT_ID))
                .body("accessTokenExpirationTimestampMs", greaterThan(System.currentTimeMillis()))
                .extract().jsonPath();
        assertThat(fake.pageLoads()).isEqualTo(1);

        JsonPath second = given().get("/api/token").then().statusCode(200)
                .body("cached", equalTo(true))
                .extract().jsonPath();

        assertThat(second.getString("accessToken")).isEqualTo(first.getString("accessToken"));
        assertThat(second.getLong("accessTokenExpirationTimestampMs"))
                .isEqualTo(first.getLong("accessTokenExpirationTimestampMs"));
        assertThat(fake.pageLoads()).as("no new page load for a cached token").isEqualTo(1);
    }

    @Test
    void successCarriesExactlyTheContractFieldsAndNoNotes() {
        Map<String, Object> body = given().get("/api/token").then().statusCode(200)
                .extract().jsonPath().getMap("");

        assertThat(body).containsOnlyKeys("success", "accessToken", "accessTokenExpirationTimestampMs",
                "clientId", "isAnonymous", "cached", "timestamp");
        assertThat(body).doesNotContainKeys("error", "_notes");
    }

    @Test
    void thePageRequestsTheTokenLikeTheWebPlayer() {
        given().get("/api/token").then().statusCode(200);

        assertThat(fake.tokenQueries()).first().asString()
                .startsWith("reason=init&productType=web-player&totp=")
                .contains("totpServer=", "totpVer=");
    }

    @Test
    void imagesFontsMediaAndAnalyticsNeverReachTheNetwork() {
        given().get("/api/token").then().statusCode(200);

        assertThat(fake.pageLoads()).isEqualTo(1);
        assertThat(fake.blockedRequests()).isZero();
    }

    @Test
    void fiftyConcurrentCallersOnAColdCacheShareOnePageLoad() throws Exception {
        // A slow token answer keeps the one fetch in flight while all callers arrive.
        fake.scenario(FakeWebPlayer.Scenario.SLOW, 700, 3_600_000, -1);

        List<String> tokens = Concurrently.run(50,
                () -> given().get("/api/token").then().statusCode(200).extract().<String>path("accessToken"));

        assertThat(tokens).hasSize(50).containsOnly(tokens.get(0));
        assertThat(fake.pageLoads()).isEqualTo(1);
    }
}
