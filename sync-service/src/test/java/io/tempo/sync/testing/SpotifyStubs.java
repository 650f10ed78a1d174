package io.tempo.sync.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Builds Spotify's pages and token responses as the Web API reference describes them (the items in them come from
 * {@link SpotifyPlays}), and the WireMock stubs that serve them. Each test user has its own access token, so stubs and
 * verifications tell users apart by their {@code Authorization} header.
 */
public final class SpotifyStubs {

    public static final String RECENTLY_PLAYED = "/v1/me/player/recently-played";
    public static final String TOKEN = "/api/token";
    public static final String ME = "/v1/me";
    public static final String CLIENT_ID = "test-client-id";
    public static final String CLIENT_SECRET = "test-client-secret";

    private final WireMockServer wireMock;

    public SpotifyStubs(WireMockServer wireMock) {
        this.wireMock = wireMock;
    }

    // --- JSON ---

    /** A recently-played page; {@code next} is the full link Spotify would send, or null. */
    public static String page(List<JsonObject> items, String next) {
        JsonObject cursors = items.isEmpty() ? null : new JsonObject()
                .put("after", String.valueOf(Instant.parse(items.get(0).getString("played_at")).toEpochMilli()))
                .put("before", String.valueOf(
                        Instant.parse(items.get(items.size() - 1).getString("played_at")).toEpochMilli()));
        return new JsonObject().put("items", new JsonArray(List.copyOf(items))).put("next", next)
                .put("cursors", cursors).put("limit", 50)
                .put("href", "https://api.spotify.com/v1/me/player/recently-played?limit=50")
                .encode();
    }

    /** The link Spotify puts in {@code next} to page towards older plays. */
    public static String nextBefore(Instant cursor) {
        return "https://api.spotify.com/v1/me/player/recently-played?before=" + cursor.toEpochMilli() + "&limit=50";
    }

    /** The link to page towards newer plays. */
    public static String nextAfter(Instant cursor) {
        return "https://api.spotify.com/v1/me/player/recently-played?after=" + cursor.toEpochMilli() + "&limit=50";
    }

    public static String tokens(String accessToken, String refreshToken) {
        JsonObject json = new JsonObject().put("access_token", accessToken).put("token_type", "Bearer")
                .put("expires_in", 3600).put("scope", "user-read-recently-played");
        if (refreshToken != null) {
            json.put("refresh_token", refreshToken);
        }
        return json.encode();
    }

    // --- stubs ---

    /** Any recently-played request of the user with {@code accessToken}. */
    public static MappingBuilder recentlyPlayedOf(String accessToken) {
        return get(urlPathEqualTo(RECENTLY_PLAYED)).withHeader("Authorization", equalTo("Bearer " + accessToken));
    }

    public static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** The user's history: one page with these plays and no next page, whatever the cursor. */
    public void givenHistory(String accessToken, List<JsonObject> newestFirst) {
        wireMock.stubFor(recentlyPlayedOf(accessToken).willReturn(json(page(newestFirst, null))));
    }

    /** A refresh of {@code refreshToken} answers new tokens ({@code rotatedRefreshToken} may be null). */
    public void givenRefresh(String refreshToken, String newAccessToken, String rotatedRefreshToken) {
        wireMock.stubFor(post(urlPathEqualTo(TOKEN))
                .withBasicAuth(CLIENT_ID, CLIENT_SECRET)
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=" + refreshToken))
                .willReturn(json(tokens(newAccessToken, rotatedRefreshToken))));
    }

    public static RequestPatternBuilder recentlyPlayedRequestsOf(String accessToken) {
        return getRequestedFor(urlPathEqualTo(RECENTLY_PLAYED)).withHeader("Authorization", equalTo("Bearer " + accessToken));
    }

    public static RequestPatternBuilder refreshRequestsOf(String refreshToken) {
        return postRequestedFor(urlPathEqualTo(TOKEN)).withRequestBody(containing("refresh_token=" + refreshToken));
    }

    /** The first request of a user's sync: {@code after} the newest stored play, or no cursor at all. */
    public static RequestPatternBuilder firstRequest(String accessToken, Instant lastPlayedAt) {
        return recentlyPlayedRequestsOf(accessToken)
                .withQueryParam("limit", equalTo("50"))
                .withQueryParam("after", lastPlayedAt == null ? absent() : equalTo(String.valueOf(lastPlayedAt.toEpochMilli())))
                .withQueryParam("before", absent());
    }
}
