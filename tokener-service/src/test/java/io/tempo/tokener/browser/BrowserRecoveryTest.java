package io.tempo.tokener.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tempo.tokener.support.FakeWebPlayer.Scenario;
import io.tempo.tokener.support.FakeWebPlayerResource;
import io.tempo.tokener.support.TokenerTestBase;
import io.tempo.tokener.token.ServedToken;
import io.tempo.tokener.token.TokenKey;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A Chromium that dies (OOM killer, crash) is replaced, and never stalls the browser thread. */
@QuarkusTest
@WithTestResource(FakeWebPlayerResource.class)
class BrowserRecoveryTest extends TokenerTestBase {

    @Test
    void killedChromiumIsRelaunchedAndTheNextCallGetsAToken() {
        given().get("/api/token").then().statusCode(200);
        JsonPath before = given().get("/health").then().statusCode(200).extract().jsonPath();
        ProcessHandle chromium = chromium();
        int launches = before.getInt("browser.launches");
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid))
                .as("the service's own Chromium").contains(chromium.pid());

        killChromium(chromium);
        tokens.clear();

        // A relaunch and a fetch may take longer than one call's 2 s bound on a busy machine: a later call has it.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().get("/api/token").then().statusCode(200).body("success", equalTo(true)));

        JsonPath after = given().get("/health").then().statusCode(200).extract().jsonPath();
        assertThat(after.getBoolean("browser.connected")).isTrue();
        assertThat(after.getInt("browser.launches")).isEqualTo(launches + 1);
        assertThat(after.getLong("browser.pid")).isNotEqualTo(chromium.pid());
        assertThat(ProcessHandle.of(after.getLong("browser.pid")).map(ProcessHandle::isAlive)).contains(true);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("tokener_browser_relaunches_total(\\{[^}]*})? [1-9]");
    }

    @Test
    void aChromiumKilledDuringAFetchDoesNotStallTheNextOne() throws Exception {
        given().get("/api/token").then().statusCode(200);
        ProcessHandle chromium = chromium();
        tokens.clear();
        fake.scenario(Scenario.SLOW, 2_000, 3_600_000, -1);

        CompletableFuture<ServedToken> during = tokens.token(TokenKey.anonymous(), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.tokenRequests() >= 1);
        killChromium(chromium);

        // The fetch that lost its browser ends (its retry may even get a token from a new one)...
        await().atMost(Duration.ofSeconds(20)).until(() -> tokens.status().fetchesInFlight() == 0);
        assertThat(during).isDone();
        // ...and the next one is not held up by anything the dead browser left behind.
        fake.scenario(Scenario.NORMAL);
        tokens.clear();
        assertNextFetchIsNotHeldUp();
        assertThat(chromium().pid()).isNotEqualTo(chromium.pid());
    }

    @Test
    void aChromiumKilledWhileTheNextPageIsBeingOpenedDoesNotStallTheNextFetch() throws Exception {
        for (int round = 0; round < 2; round++) {
            given().get("/api/token").then().statusCode(200);
            ProcessHandle chromium = chromium();
            tokens.clear();
            given().get("/api/token").then().statusCode(200).body("cached", equalTo(false));
            // The answer is out; the browser thread is now closing that page and opening the next one.
            killChromium(chromium);
            tokens.clear();

            assertNextFetchIsNotHeldUp();
        }
    }

    /** A relaunch plus a fetch: a few seconds at most, where a stalled browser thread would never answer. */
    private void assertNextFetchIsNotHeldUp() {
        long started = System.nanoTime();
        tokens.token(TokenKey.anonymous(), false);
        await().atMost(Duration.ofSeconds(8)).until(() -> tokens.status().hasToken());
    }
}
