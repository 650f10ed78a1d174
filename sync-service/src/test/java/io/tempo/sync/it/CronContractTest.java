package io.tempo.sync.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.sync.testing.PostgresTestResource;
import io.tempo.sync.testing.SyncApi;
import io.tempo.sync.testing.WireMockResource;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * What the Kubernetes manifests rely on, checked over HTTP only (no injection), so that {@link CronContractIT} runs
 * the very same checks against the packaged jar and, in the native build, the native executable: the probes' health
 * endpoints, and the sync route called the way the CronJob calls it, with every answer in the documented JSON.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WireMockResource.class)
class CronContractTest {

    @Test
    void theHealthEndpointsTheProbesCallAreUp() {
        for (String probe : new String[] {"/q/health/started", "/q/health/live", "/q/health/ready"}) {
            String body = given().get(probe).then().statusCode(200).extract().asString();
            assertThat(new JsonObject(body).getString("status")).as(probe).isEqualTo("UP");
        }
    }

    @Test
    void theCronJobsCallRunsItsShardAndAnswersTheDocumentedResult() {
        String body = SyncApi.authorized().queryParam("shard", 1).queryParam("shards", 2).get(SyncApi.SYNC)
                .then().statusCode(200).contentType("application/json").extract().asString();

        JsonObject answer = new JsonObject(body);
        assertThat(answer.getBoolean("success")).isTrue();
        assertThat(answer.getLong("duration_ms")).isNotNegative();
        assertThat(answer.getJsonObject("result").fieldNames())
                .containsExactlyInAnyOrder("totalUsers", "successful", "failed", "playsSynced", "errors");
        JsonObject newestRun = new JsonObject(SyncApi.authorized().queryParam("limit", 1).get(SyncApi.RUNS)
                .then().statusCode(200).extract().asString()).getJsonArray("runs").getJsonObject(0);
        assertThat(newestRun.getString("shard")).isEqualTo("1/2");
    }

    @Test
    void aCallWithoutTheSecretIsAnUnauthorizedEnvelope() {
        String body = given().get(SyncApi.SYNC).then().statusCode(401).contentType("application/json")
                .extract().asString();

        assertThat(body).isEqualTo("{\"success\":false,\"error\":\"Unauthorized\"}");
    }

    @Test
    void aShardOutsideTheShardCountIsABadRequestEnvelope() {
        String body = SyncApi.authorized().queryParam("shard", 2).queryParam("shards", 2).get(SyncApi.SYNC)
                .then().statusCode(400).contentType("application/json").extract().asString();

        assertThat(body).isEqualTo("{\"success\":false,\"error\":\"shard must satisfy 0 <= shard < shards\"}");
    }

    @Test
    void prometheusCanScrapeTheMetrics() {
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("(?m)^# TYPE \\w+ (counter|gauge|summary|histogram)");
    }
}
