package io.tempo.tokener.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.common.testing.LogCapture;
import io.tempo.tokener.support.FakeWebPlayerResource;
import io.tempo.tokener.support.TokenerTestBase;
import org.junit.jupiter.api.Test;

/** Tokens of sp_dc accounts: the fake web player puts the cookie it received into the token it issues. */
@QuarkusTest
@WithTestResource(FakeWebPlayerResource.class)
class AccountTokenTest extends TokenerTestBase {

    @Test
    void eachCookieGetsItsOwnTokenAndNoOneElseGetsIt() {
        String alice = given().header("Cookie", "sp_dc=alice").get("/api/token").then().statusCode(200)
                .body("isAnonymous", equalTo(false))
                .body("cached", equalTo(false))
                .body("accessToken", startsWith("account-token-alice-"))
                .extract().path("accessToken");
        String bob = given().header("Cookie", "sp_dc=bob").get("/api/token").then().statusCode(200)
                .body("isAnonymous", equalTo(false))
                .body("accessToken", startsWith("account-token-bob-"))
                .extract().path("accessToken");
        given().get("/api/token").then().statusCode(200)
                .body("isAnonymous", equalTo(true))
                .body("accessToken", startsWith("anonymous-token-"));

        given().header("Cookie", "sp_dc=alice").get("/api/token").then().statusCode(200)
                .body("cached", equalTo(true))
                .body("accessToken", equalTo(alice));
        given().header("Cookie", "theme=dark; sp_dc=bob; sp_key=other").get("/api/token").then().statusCode(200)
                .body("cached", equalTo(true))
                .body("accessToken", equalTo(bob));
        given().header("Cookie", "theme=dark; xsp_dc=alice").get("/api/token").then().statusCode(200)
                .body("isAnonymous", equalTo(true))
                .body("accessToken", startsWith("anonymous-token-"));

        assertThat(fake.pageLoads()).isEqualTo(3);
    }

    @Test
    void anAnonymousFetchCarriesNoCookie() {
        given().header("Cookie", "sp_dc=carol").get("/api/token").then().statusCode(200);
        given().get("/api/token").then().statusCode(200)
                .body("accessToken", startsWith("anonymous-token-"));
    }

    @Test
    void theAccountCacheIsBoundedAndDropsTheLeastRecentlyUsed() {
        for (String cookie : new String[] {"one", "two", "three", "four"}) {
            given().header("Cookie", "sp_dc=" + cookie).get("/api/token").then().statusCode(200);
        }
        given().get("/api/token/status").then().statusCode(200)
                .body("status.accountTokens.cached", equalTo(3))
                .body("status.accountTokens.max", equalTo(3));
        assertThat(fake.pageLoads()).isEqualTo(4);

        given().header("Cookie", "sp_dc=four").get("/api/token").then().statusCode(200).body("cached", equalTo(true));
        given().header("Cookie", "sp_dc=one").get("/api/token").then().statusCode(200).body("cached", equalTo(false));
        assertThat(fake.pageLoads()).isEqualTo(5);
    }

    @Test
    void cookiesAndTokensNeverAppearInLogs() {
        String cookie = "AQDsecretCookieValue42";
        String token;
        try (LogCapture logs = LogCapture.start()) {
            token = given().header("Cookie", "sp_dc=" + cookie).get("/api/token").then().statusCode(200)
                    .extract().path("accessToken");
            given().header("Cookie", "sp_dc=" + cookie).get("/api/token").then().statusCode(200);

            assertThat(logs.lines()).anyMatch(line -> line.contains("Token fetch (account "));
            assertThat(logs.lines()).noneMatch(line -> line.contains(cookie) || line.contains(token));
            String fingerprint = io.tempo.common.Secrets.fingerprint(cookie);
            assertThat(logs.lines()).noneMatch(line -> line.contains(fingerprint));
        }
    }
}
