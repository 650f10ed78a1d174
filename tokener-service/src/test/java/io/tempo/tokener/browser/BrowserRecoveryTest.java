package io.tempo.tokener.browser;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tempo.tokener.support.FakeWebPlayerResource;
import io.tempo.tokener.support.TokenerTestBase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(FakeWebPlayerResource.class)
class BrowserRecoveryTest extends TokenerTestBase {

    @Test
    void killedChromiumIsRelaunchedAndTheNextCallGetsAToken() {
        given().get("/api/token").then().statusCode(200);
        JsonPath before = given().get("/health").then().statusCode(200).extract().jsonPath();
        long pid = before.getLong("browser.pid");
        int launches = before.getInt("browser.launches");
        ProcessHandle chromium = ProcessHandle.of(pid).orElseThrow();
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid))
                .as("the service's own Chromium").contains(pid);

        chromium.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !chromium.isAlive());
        tokens.clear();

        given().get("/api/token").then().statusCode(200)
                .body("success", equalTo(true))
                .body("cached", equalTo(false));

        JsonPath after = given().get("/health").then().statusCode(200).extract().jsonPath();
        assertThat(after.getBoolean("browser.connected")).isTrue();
        assertThat(after.getInt("browser.launches")).isEqualTo(launches + 1);
        assertThat(after.getLong("browser.pid")).isNotEqualTo(pid);
        assertThat(ProcessHandle.of(after.getLong("browser.pid")).map(ProcessHandle::isAlive)).contains(true);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("tokener_browser_relaunches_total(\\{[^}]*})? [1-9]");
    }
}
