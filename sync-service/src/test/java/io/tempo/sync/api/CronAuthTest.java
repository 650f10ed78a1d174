package io.tempo.sync.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.sync.testing.PostgresTestResource;
import io.tempo.sync.testing.SpotifyTestBase;
import io.tempo.sync.testing.SyncApi;
import io.tempo.sync.testing.WireMockResource;
import org.junit.jupiter.api.Test;

/** Only a caller presenting the cron secret runs a sync or reads the run history. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WireMockResource.class)
class CronAuthTest extends SpotifyTestBase {

    private static final String UNAUTHORIZED = "{\"success\":false,\"error\":\"Unauthorized\"}";

    @Test
    void missingSecretIsUnauthorized() {
        String body = given().get(SyncApi.SYNC).then().statusCode(401).extract().asString();

        assertThat(body).isEqualTo(UNAUTHORIZED);
        assertThat(db.count("tempo.sync_runs")).isZero();
    }

    @Test
    void wrongSecretIsUnauthorizedInEitherHeader() {
        given().header("Authorization", "Bearer not-the-secret").get(SyncApi.SYNC).then().statusCode(401);
        given().header("x-vercel-cron-secret", "not-the-secret").post(SyncApi.SYNC).then().statusCode(401);
        given().header("Authorization", SyncApi.SECRET).get(SyncApi.SYNC).then().statusCode(401);
        given().header("Authorization", "Basic " + SyncApi.SECRET).get(SyncApi.SYNC).then().statusCode(401);
        given().header("Authorization", "Bearer " + SyncApi.SECRET + "x").get(SyncApi.SYNC).then().statusCode(401);

        assertThat(db.count("tempo.sync_runs")).isZero();
    }

    @Test
    void bearerSecretIsAcceptedForGetAndPost() {
        given().header("Authorization", "Bearer " + SyncApi.SECRET).get(SyncApi.SYNC).then().statusCode(200);
        given().header("Authorization", "bearer  " + SyncApi.SECRET).post(SyncApi.SYNC).then().statusCode(200);

        assertThat(db.count("tempo.sync_runs")).isEqualTo(2);
    }

    @Test
    void vercelHeaderSecretIsAccepted() {
        String body = given().header("x-vercel-cron-secret", SyncApi.SECRET).get(SyncApi.SYNC)
                .then().statusCode(200).extract().asString();

        assertThat(body).matches("\\{\"success\":true,\"duration_ms\":\\d+,\"result\":\\{\"totalUsers\":0,"
                + "\"successful\":0,\"failed\":0,\"playsSynced\":0,\"errors\":\\[]}}");
    }

    @Test
    void withBothHeadersOneMatchingSecretIsEnough() {
        given().header("Authorization", "Bearer " + SyncApi.SECRET).header("x-vercel-cron-secret", "wrong")
                .get(SyncApi.SYNC).then().statusCode(200);
        given().header("Authorization", "Bearer some-proxy-token").header("x-vercel-cron-secret", SyncApi.SECRET)
                .get(SyncApi.SYNC).then().statusCode(200);
        String body = given().header("Authorization", "Bearer wrong").header("x-vercel-cron-secret", "also-wrong")
                .get(SyncApi.SYNC).then().statusCode(401).extract().asString();

        assertThat(body).isEqualTo(UNAUTHORIZED);
    }

    @Test
    void runHistoryNeedsTheSecretToo() {
        given().get(SyncApi.RUNS).then().statusCode(401);
        SyncApi.authorized().get(SyncApi.RUNS).then().statusCode(200);
    }
}
