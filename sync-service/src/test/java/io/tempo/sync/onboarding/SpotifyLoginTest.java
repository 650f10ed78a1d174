package io.tempo.sync.onboarding;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static io.tempo.sync.testing.SpotifyStubs.ME;
import static io.tempo.sync.testing.SpotifyStubs.TOKEN;
import static io.tempo.sync.testing.SpotifyStubs.json;
import static io.tempo.sync.testing.SpotifyStubs.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.sync.testing.PostgresTestResource;
import io.tempo.sync.testing.SpotifyStubs;
import io.tempo.sync.testing.SpotifyTestBase;
import io.tempo.sync.testing.TestClock;
import io.tempo.sync.testing.WireMockResource;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Onboarding without Supabase: the authorize redirect, the signed state and the callback that stores the user. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WireMockResource.class)
class SpotifyLoginTest extends SpotifyTestBase {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void loginRedirectsToSpotifysAuthorizePageWithASignedState() {
        URI location = URI.create(given().redirects().follow(false).get("/api/spotify/login")
                .then().statusCode(302).extract().header("Location"));

        assertThat(location.toString()).startsWith(wireMock.baseUrl() + "/authorize?");
        Map<String, String> query = query(location);
        assertThat(query).containsEntry("response_type", "code")
                .containsEntry("client_id", SpotifyStubs.CLIENT_ID)
                .containsEntry("scope", "user-read-recently-played")
                .containsEntry("redirect_uri", "http://127.0.0.1:8080/api/spotify/callback");
        assertThat(query.get("state")).matches("\\d+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Test
    void callbackCreatesTheUserAndASecondLoginUpdatesTheSameUser() {
        givenSpotifyAccount("code-1", "access-1", "refresh-1", "spotify-account", "first@example.test");

        JsonObject first = new JsonObject(callback("code-1", newState()).then().statusCode(200).extract().asString());

        UUID userId = UUID.fromString(first.getString("userId"));
        assertThat(first.getBoolean("success")).isTrue();
        assertThat(first.getString("spotifyUserId")).isEqualTo("spotify-account");
        assertUser(userId, "first@example.test", "access-1", "refresh-1");
        wireMock.verify(postRequestedFor(urlPathEqualTo(TOKEN))
                .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials(
                        SpotifyStubs.CLIENT_ID, SpotifyStubs.CLIENT_SECRET))
                .withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fapi%2Fspotify%2Fcallback")));

        givenSpotifyAccount("code-2", "access-2", "refresh-2", "spotify-account", "second@example.test");
        JsonObject second = new JsonObject(callback("code-2", newState()).then().statusCode(200).extract().asString());

        assertThat(second.getString("userId")).isEqualTo(userId.toString());
        assertThat(db.count("auth.users")).isEqualTo(1);
        assertThat(db.count("spotify_tokens")).isEqualTo(1);
        assertUser(userId, "second@example.test", "access-2", "refresh-2");
    }

    @Test
    void forgedStateIsRefused() {
        String state = newState();
        String forged = state.substring(0, state.lastIndexOf('.') + 1) + "AAAA";

        callback("code-1", forged).then().statusCode(400);
        String body = callback("code-1", "not-a-state").then().statusCode(400).extract().asString();

        assertThat(body).isEqualTo("{\"success\":false,\"error\":\"Invalid or expired login state; start again at /api/spotify/login\"}");
        wireMock.verify(0, postRequestedFor(urlPathEqualTo(TOKEN)));
    }

    @Test
    void expiredStateIsRefused() {
        String state = newState();
        clock.advance(Duration.ofMinutes(11));

        String body = callback("code-1", state).then().statusCode(400).extract().asString();

        assertThat(body).contains("Invalid or expired login state");
        wireMock.verify(0, postRequestedFor(urlPathEqualTo(TOKEN)));
    }

    @Test
    void deniedAccessIsAClearBadRequest() {
        String body = given().queryParam("error", "access_denied").queryParam("state", newState())
                .get("/api/spotify/callback").then().statusCode(400).extract().asString();

        assertThat(body).isEqualTo("{\"success\":false,\"error\":\"Spotify login was cancelled: access to Spotify was denied\"}");
    }

    @Test
    void rejectedCodeIsABadRequestAndStoresNothing() {
        wireMock.stubFor(post(urlPathEqualTo(TOKEN)).withRequestBody(containing("code=used-code"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid authorization code\"}")));

        String body = callback("used-code", newState()).then().statusCode(400).extract().asString();

        assertThat(body).contains("Spotify rejected the authorization code");
        assertThat(db.count("auth.users")).isZero();
    }

    @Test
    void profileIsRetriedAsOftenAsEveryRetriedSpotifyCallAndTheCodeExchangeNever() {
        wireMock.stubFor(post(urlPathEqualTo(TOKEN)).withRequestBody(containing("code=good-code"))
                .willReturn(json(tokens("profile-access", "profile-refresh"))));
        wireMock.stubFor(get(urlPathEqualTo(ME)).willReturn(aResponse().withStatus(503)));

        String body = callback("good-code", newState()).then().statusCode(502).extract().asString();

        assertThat(body).isEqualTo("{\"success\":false,\"error\":\"Spotify login failed: Spotify is unavailable (HTTP 503)\"}");
        // quarkus.fault-tolerance.global.retry.max-retries (3) applies to /v1/me as to every @Retry call
        wireMock.verify(1 + 3, getRequestedFor(urlPathEqualTo(ME)));
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(TOKEN)));
        assertThat(db.count("auth.users")).isZero();
    }

    private void givenSpotifyAccount(String code, String accessToken, String refreshToken, String accountId, String email) {
        wireMock.stubFor(post(urlPathEqualTo(TOKEN)).withRequestBody(containing("code=" + code))
                .willReturn(json(tokens(accessToken, refreshToken))));
        wireMock.stubFor(get(urlPathEqualTo(ME)).withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(json(new JsonObject().put("id", accountId).put("email", email)
                        .put("display_name", "Listener").encode())));
    }

    private void assertUser(UUID userId, String email, String accessToken, String refreshToken) {
        assertThat(db.rows("select email from auth.users where id = $1", userId).get(0).getString("email")).isEqualTo(email);
        Row tokens = db.rows("select access_token, refresh_token, scope from spotify_tokens where user_id = $1", userId).get(0);
        assertThat(tokens.getString("access_token")).isEqualTo(accessToken);
        assertThat(tokens.getString("refresh_token")).isEqualTo(refreshToken);
        assertThat(tokens.getString("scope")).isEqualTo("user-read-recently-played");
    }

    private static io.restassured.response.Response callback(String code, String state) {
        return given().queryParam("code", code).queryParam("state", state).get("/api/spotify/callback");
    }

    private static String newState() {
        String location = given().redirects().follow(false).get("/api/spotify/login").then().statusCode(302)
                .extract().header("Location");
        return query(URI.create(location)).get("state");
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
