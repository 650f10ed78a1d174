package io.tempo.sync.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.sync.testing.PostgresTestResource;
import io.tempo.sync.testing.SpotifyTestBase;
import io.tempo.sync.testing.SyncApi;
import io.tempo.sync.testing.WireMockResource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Bad input and unknown routes get the JSON envelope with a clear message, never an HTML page or a stack trace. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WireMockResource.class)
class ApiErrorsTest extends SpotifyTestBase {

    @Test
    void invalidShardParametersAreRejectedWithoutStartingARun() {
        assertBadShard("shard=abc&shards=4", "shard must be an integer");
        assertBadShard("shard=1&shards=x", "shards must be an integer");
        assertBadShard("shard=1", "shard and shards must be given together");
        assertBadShard("shards=4", "shard and shards must be given together");
        assertBadShard("shard=4&shards=4", "shard must satisfy 0 <= shard < shards");
        assertBadShard("shard=-1&shards=4", "shard must satisfy 0 <= shard < shards");
        assertBadShard("shard=0&shards=0", "shards must be between 1 and 1024");
        assertBadShard("shard=0&shards=5000", "shards must be between 1 and 1024");
        assertBadShard("shard=0&shards=99999999999", "shards must be an integer");

        assertThat(db.count("tempo.sync_runs")).isZero();
    }

    @Test
    void validShardRunsOnlyThatShardAndIsRecordedWithIt() {
        SyncApi.authorized().queryParam("shard", 3).queryParam("shards", 4).get(SyncApi.SYNC).then().statusCode(200);

        assertThat(db.rows("select shard from tempo.sync_runs").get(0).getString("shard")).isEqualTo("3/4");
    }

    @Test
    void runsListsRecentRunsNewestFirst() {
        SyncApi.sync();
        SyncApi.authorized().queryParam("shard", 1).queryParam("shards", 2).get(SyncApi.SYNC).then().statusCode(200);

        JsonObject body = new JsonObject(SyncApi.authorized().queryParam("limit", 5).get(SyncApi.RUNS)
                .then().statusCode(200).extract().asString());

        assertThat(body.getBoolean("success")).isTrue();
        JsonArray runs = body.getJsonArray("runs");
        assertThat(runs).hasSize(2);
        JsonObject newest = runs.getJsonObject(0);
        assertThat(newest.getString("shard")).isEqualTo("1/2");
        assertThat(newest.getString("trigger")).isEqualTo("http");
        assertThat(newest.getString("status")).isEqualTo("succeeded");
        assertThat(newest.getInteger("totalUsers")).isZero();
        assertThat(newest.getString("startedAt")).isNotBlank();
        assertThat(newest.getString("finishedAt")).isNotBlank();
        assertThat(runs.getJsonObject(1).getString("shard")).isEqualTo("all");

        assertThat(new JsonObject(SyncApi.authorized().queryParam("limit", 1).get(SyncApi.RUNS).then().statusCode(200)
                .extract().asString()).getJsonArray("runs")).hasSize(1);
    }

    @Test
    void invalidRunsLimitIsRejected() {
        for (String limit : new String[] {"0", "201", "ten", "-3"}) {
            String body = SyncApi.authorized().queryParam("limit", limit).get(SyncApi.RUNS)
                    .then().statusCode(400).extract().asString();
            assertThat(body).isEqualTo("{\"success\":false,\"error\":\"limit must be an integer between 1 and 200\"}");
        }
    }

    @Test
    void unknownPathIsAJsonNotFound() {
        String body = given().accept("text/html").get("/api/nothing-here").then().statusCode(404)
                .contentType("application/json").extract().asString();

        assertThat(body).isEqualTo("{\"success\":false,\"error\":\"Not found\"}");
    }

    @Test
    void wrongMethodIsAJsonMethodNotAllowed() {
        String body = SyncApi.authorized().delete(SyncApi.SYNC).then().statusCode(405)
                .contentType("application/json").extract().asString();

        assertThat(body).isEqualTo("{\"success\":false,\"error\":\"Method not allowed\"}");
    }

    @Test
    void bodyOfAPostIsIgnoredEvenWhenItIsNotJson() {
        SyncApi.authorized().contentType("application/json").body("{not json").post(SyncApi.SYNC).then().statusCode(200);
    }

    @Test
    void runThatCannotStartForAMissingTableIsAServerErrorEnvelopeNamingIt() {
        db.execute("alter table tempo.sync_run_leases rename to sync_run_leases_away");
        String body;
        try {
            body = SyncApi.authorized().get(SyncApi.SYNC).then().statusCode(500).extract().asString();
        } finally {
            db.execute("alter table tempo.sync_run_leases_away rename to sync_run_leases");
        }

        assertThat(new JsonObject(body).getMap()).containsExactly(entry("success", false), entry("error",
                "Sync could not start: the database schema is not what the service needs: "
                        + "relation \"tempo.sync_run_leases\" does not exist (SQLSTATE 42P01)"));
        assertThat(db.count("tempo.sync_runs")).isZero();
    }

    @Test
    void runWhoseUserListBreaksOffIsAServerErrorNamingWhatIsMissingAndRecordedAsFailed() {
        db.execute("alter table public.spotify_tokens rename to spotify_tokens_away");
        String body;
        try {
            body = SyncApi.authorized().get(SyncApi.SYNC).then().statusCode(500).extract().asString();
        } finally {
            db.execute("alter table public.spotify_tokens_away rename to spotify_tokens");
        }

        assertThat(new JsonObject(body).getMap()).containsExactly(entry("success", false), entry("error",
                "Sync failed: the user list could not be read from the database: the database schema is not what the "
                        + "service needs: relation \"public.spotify_tokens\" does not exist (SQLSTATE 42P01)"));
        assertThat(db.rows("select status from tempo.sync_runs").get(0).getString("status")).isEqualTo("failed");
        assertThat(db.count("tempo.sync_run_leases")).as("the lease is given back").isZero();
    }

    private void assertBadShard(String query, String message) {
        String body = SyncApi.authorized().get(SyncApi.SYNC + "?" + query).then().statusCode(400).extract().asString();
        assertThat(body).as(query).isEqualTo("{\"success\":false,\"error\":\"" + message + "\"}");
    }
}
