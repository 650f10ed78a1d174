package io.tempo.sync.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.tempo.sync.testing.SpotifyPlays.play;
import static io.tempo.sync.testing.SpotifyStubs.TOKEN;
import static io.tempo.sync.testing.SpotifyStubs.recentlyPlayedOf;
import static io.tempo.sync.testing.SpotifyStubs.recentlyPlayedRequestsOf;
import static io.tempo.sync.testing.SpotifyStubs.refreshRequestsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.sync.testing.PostgresTestResource;
import io.tempo.sync.testing.SpotifyTestBase;
import io.tempo.sync.testing.SyncApi;
import io.tempo.sync.testing.WireMockResource;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Access tokens are refreshed ahead of expiry and after a 401; rotated refresh tokens are kept; revoked ones stop calls. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WireMockResource.class)
class TokenRefreshTest extends SpotifyTestBase {

    private static final Instant PLAYED = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void tokenExpiringWithinAMinuteIsRefreshedBeforeItIsUsed() {
        UUID user = db.insertUserWithTokens("expiring-access", "expiring-refresh", Instant.now().plusSeconds(30));
        spotify.givenRefresh("expiring-refresh", "fresh-access", "rotated-refresh");
        spotify.givenHistory("fresh-access", List.of(play("t1", PLAYED)));

        JsonObject result = new JsonObject(SyncApi.sync().extract().asString()).getJsonObject("result");

        assertThat(result.getInteger("playsSynced")).isEqualTo(1);
        wireMock.verify(0, recentlyPlayedRequestsOf("expiring-access"));
        wireMock.verify(1, refreshRequestsOf("expiring-refresh"));
        assertStoredTokens(user, "fresh-access", "rotated-refresh");
    }

    @Test
    void unauthorizedCallIsRefreshedOnceAndRetriedWithTheRotatedRefreshTokenStored() {
        UUID user = db.insertUserWithTokens("revoked-access", "old-refresh");
        wireMock.stubFor(recentlyPlayedOf("revoked-access").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"status\":401,\"message\":\"The access token expired\"}}")));
        spotify.givenRefresh("old-refresh", "new-access", "new-refresh");
        spotify.givenHistory("new-access", List.of(play("t1", PLAYED), play("t2", PLAYED.minusSeconds(60))));

        JsonObject result = new JsonObject(SyncApi.sync().extract().asString()).getJsonObject("result");

        assertThat(result.getInteger("successful")).isEqualTo(1);
        assertThat(result.getInteger("playsSynced")).isEqualTo(2);
        wireMock.verify(1, recentlyPlayedRequestsOf("revoked-access"));
        wireMock.verify(1, refreshRequestsOf("old-refresh"));
        wireMock.verify(1, recentlyPlayedRequestsOf("new-access"));
        assertStoredTokens(user, "new-access", "new-refresh");
    }

    @Test
    void refreshWithoutRotationKeepsTheStoredRefreshToken() {
        UUID user = db.insertUserWithTokens("expired-access", "long-lived-refresh", Instant.now().minusSeconds(10));
        spotify.givenRefresh("long-lived-refresh", "fresh-access", null);
        spotify.givenHistory("fresh-access", List.of(play("t1", PLAYED)));

        SyncApi.sync();

        assertStoredTokens(user, "fresh-access", "long-lived-refresh");
    }

    @Test
    void secondUnauthorizedAfterARefreshFailsTheUserWithoutAnotherRefresh() {
        UUID user = db.insertUserWithTokens("bad-access", "bad-refresh");
        wireMock.stubFor(recentlyPlayedOf("bad-access").willReturn(aResponse().withStatus(401)));
        spotify.givenRefresh("bad-refresh", "still-bad-access", null);
        wireMock.stubFor(recentlyPlayedOf("still-bad-access").willReturn(aResponse().withStatus(401)));

        JsonObject result = new JsonObject(SyncApi.sync().extract().asString()).getJsonObject("result");

        assertThat(SyncRunTest.errorsByUser(result))
                .containsExactly(user + ": Spotify rejected the access token (HTTP 401)");
        wireMock.verify(1, refreshRequestsOf("bad-refresh"));
        wireMock.verify(1, recentlyPlayedRequestsOf("still-bad-access"));
    }

    @Test
    void invalidGrantMarksTheUserAndLaterRunsSkipThemWithoutCallingSpotify() {
        UUID revoked = db.insertUserWithTokens("revoked-access", "revoked-refresh", Instant.now().minusSeconds(60));
        db.insertUserWithTokens("healthy-access", "healthy-refresh");
        wireMock.stubFor(post(urlPathEqualTo(TOKEN)).withRequestBody(containing("refresh_token=revoked-refresh"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token revoked\"}")));
        spotify.givenHistory("healthy-access", List.of(play("t1", PLAYED)));
        String expected = revoked + ": Failed to refresh token (Spotify revoked it; the user must log in again)";

        JsonObject first = new JsonObject(SyncApi.sync().extract().asString()).getJsonObject("result");

        assertThat(SyncRunTest.errorsByUser(first)).containsExactly(expected);
        assertThat(first.getInteger("successful")).isEqualTo(1);
        Instant markedAt = db.rows("select needs_reauth_since from spotify_tokens where user_id = $1", revoked)
                .get(0).getOffsetDateTime("needs_reauth_since").toInstant();
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(TOKEN)));

        wireMock.resetRequests();
        JsonObject second = new JsonObject(SyncApi.sync().extract().asString()).getJsonObject("result");

        assertThat(SyncRunTest.errorsByUser(second)).containsExactly(expected);
        wireMock.verify(0, postRequestedFor(urlPathEqualTo(TOKEN)));
        wireMock.verify(0, recentlyPlayedRequestsOf("revoked-access"));
        wireMock.verify(1, recentlyPlayedRequestsOf("healthy-access"));
        assertThat(db.rows("select needs_reauth_since from spotify_tokens where user_id = $1", revoked)
                .get(0).getOffsetDateTime("needs_reauth_since").toInstant())
                .as("the first rejection is kept").isEqualTo(markedAt);
    }

    private void assertStoredTokens(UUID user, String accessToken, String refreshToken) {
        Row tokens = db.rows("select access_token, refresh_token, expires_at, scope, needs_reauth_since "
                + "from spotify_tokens where user_id = $1", user).get(0);
        assertThat(tokens.getString("access_token")).isEqualTo(accessToken);
        assertThat(tokens.getString("refresh_token")).isEqualTo(refreshToken);
        assertThat(tokens.getString("scope")).isEqualTo("user-read-recently-played");
        assertThat(tokens.getOffsetDateTime("expires_at").toInstant())
                .isCloseTo(Instant.now().plusSeconds(3600), within(60, ChronoUnit.SECONDS));
        assertThat(tokens.getValue("needs_reauth_since")).isNull();
    }
}
