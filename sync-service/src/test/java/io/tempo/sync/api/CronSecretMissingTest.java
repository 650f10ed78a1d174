package io.tempo.sync.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tempo.sync.testing.NoSecretsProfile;
import io.tempo.sync.testing.PostgresTestResource;
import io.tempo.sync.testing.SyncApi;
import io.tempo.sync.testing.WireMockResource;
import org.junit.jupiter.api.Test;

/**
 * Without CRON_SECRET and the Spotify client credentials the service still starts, and what needs a
 * missing secret refuses with 503 instead of running open. HTTP only, so {@code CronSecretMissingIT}
 * runs the same checks against the packaged application.
 */
@QuarkusTest
@TestProfile(NoSecretsProfile.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WireMockResource.class)
class CronSecretMissingTest {

    private static final String CRON_DISABLED =
            "{\"success\":false,\"error\":\"Cron endpoint disabled: CRON_SECRET is not configured\"}";
    private static final String LOGIN_DISABLED =
            "{\"success\":false,\"error\":\"Spotify login is not configured: set SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET\"}";

    @Test
    void everyCronCallIsRefusedWhenNoSecretIsConfigured() {
        assertThat(given().get(SyncApi.SYNC).then().statusCode(503).extract().asString()).isEqualTo(CRON_DISABLED);
        given().header("Authorization", "Bearer ").post(SyncApi.SYNC).then().statusCode(503);
        given().header("Authorization", "Bearer " + SyncApi.SECRET).get(SyncApi.SYNC).then().statusCode(503);
        given().header("x-vercel-cron-secret", "").get(SyncApi.SYNC).then().statusCode(503);
        given().header("Authorization", "Bearer anything").get(SyncApi.RUNS).then().statusCode(503);
    }

    @Test
    void loginIsRefusedWithoutTheSpotifyClientWhileTheServiceRuns() {
        assertThat(given().redirects().follow(false).get("/api/spotify/login").then().statusCode(503)
                .extract().asString()).isEqualTo(LOGIN_DISABLED);
        given().queryParam("code", "c").queryParam("state", "s").get("/api/spotify/callback").then().statusCode(503);
        given().get("/q/health/live").then().statusCode(200);
    }
}
