package io.tempo.sync.api;

import static io.restassured.RestAssured.given;
import static io.tempo.sync.testing.SpotifyPlays.play;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.sync.testing.PostgresTestResource;
import io.tempo.sync.testing.SpotifyTestBase;
import io.tempo.sync.testing.SyncApi;
import io.tempo.sync.testing.WireMockResource;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an operator relies on: documented operations, Swagger UI, Prometheus metrics with bounded tags. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WireMockResource.class)
class OperationsTest extends SpotifyTestBase {

    @Test
    void everyOperationIsDescribedInTheOpenApiDocument() {
        JsonObject paths = new JsonObject(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString()).getJsonObject("paths");

        List<String> operations = new ArrayList<>();
        paths.forEach(path -> ((JsonObject) path.getValue()).forEach(operation -> {
            JsonObject described = (JsonObject) operation.getValue();
            operations.add(operation.getKey().toUpperCase() + " " + path.getKey());
            assertThat(described.getString("summary")).as(operation.getKey() + " " + path.getKey()).isNotBlank();
            assertThat(described.getString("description")).as(operation.getKey() + " " + path.getKey()).isNotBlank();
        }));
        assertThat(operations).contains("GET /api/cron/sync-spotify", "POST /api/cron/sync-spotify",
                "GET /api/cron/sync-spotify/runs", "GET /api/spotify/login", "GET /api/spotify/callback");
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/swagger/index.html").then().statusCode(200);
    }

    @Test
    void metricsCountPlaysFailuresAndSpotifyCalls() {
        db.insertUserWithTokens("metrics-access", "metrics-refresh");
        db.insertUser();
        spotify.givenHistory("metrics-access", List.of(play("t1", Instant.parse("2024-05-01T10:00:00Z"))));
        SyncApi.sync();

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics)
                .containsPattern("(?m)^sync_plays_synced_total(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^sync_users_failed_total\\{[^}]*reason=\"no_tokens\"[^}]*} [1-9]")
                .containsPattern("(?m)^spotify_calls_seconds_count\\{[^}]*endpoint=\"recently-played\"[^}]*status=\"200\"")
                .containsPattern("(?m)^sync_run_duration_seconds_count\\{[^}]*status=\"succeeded\"[^}]*trigger=\"http\"");
        assertThat(metrics).doesNotContain("metrics-access", "metrics-refresh", SyncApi.SECRET);
    }

    @Test
    void livenessAndReadinessAreUp() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
