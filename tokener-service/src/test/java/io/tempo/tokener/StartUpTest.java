package io.tempo.tokener;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.tokener.support.FakeWebPlayerControl;
import io.tempo.tokener.support.FakeWebPlayerResource;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A token before the first caller: fetched at start-up, and readiness waits for it. Its own, fresh service. */
@QuarkusTest
@WithTestResource(value = FakeWebPlayerResource.class, initArgs =
        @ResourceArg(name = "tokener.cache.max-account-tokens", value = "4")) // any difference: a fresh start
class StartUpTest {

    @ConfigProperty(name = "tokener.web-player-url")
    String webPlayerUrl;

    @Test
    void theAnonymousTokenIsFetchedAtStartUpWithoutACallerAndReadinessWaitsForIt() {
        FakeWebPlayerControl fake = new FakeWebPlayerControl(webPlayerUrl);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200)
                        .body("checks.name", hasItem("anonymous-token")));
        assertThat(fake.pageLoads()).as("fetched by the start-up itself").isEqualTo(1);

        given().get("/api/token").then().statusCode(200).body("cached", equalTo(true));
        given().get("/q/health/live").then().statusCode(200);
    }
}
