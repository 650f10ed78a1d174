package io.tempo.sync.spotify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Spotify's bodies are read defensively: what is not as documented becomes one clear error, never a token. */
class SpotifyJsonTest {

    private static final String ITEM = "{\"played_at\":\"2024-05-01T10:00:00.123Z\",\"track\":{\"id\":\"t1\"},\"context\":null}";

    @Test
    void pageReadsPlayedAtAndKeepsTheItem() {
        RecentlyPlayedPage page = page("{\"items\":[" + ITEM + "],\"next\":null,\"cursors\":null}");

        assertThat(page.items()).hasSize(1);
        assertThat(page.items().get(0).playedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00.123Z"));
        assertThat(new JsonObject(page.items().get(0).json()).getJsonObject("track").getString("id")).isEqualTo("t1");
        assertThat(page.next()).isNull();
    }

    @Test
    void itemsKeepOnlyWhatTheDatabaseReads() {
        String artist = "{\"id\":\"a1\",\"name\":\"Artist\",\"href\":\"https://api.spotify.com/v1/artists/a1\",\"type\":\"artist\"}";
        String item = "{\"played_at\":\"2024-05-01T10:00:00Z\",\"context\":{\"type\":\"album\",\"uri\":\"spotify:album:al1\","
                + "\"href\":\"h\",\"external_urls\":{}},\"track\":{\"id\":\"t1\",\"name\":\"Song\",\"duration_ms\":1000,"
                + "\"explicit\":false,\"popularity\":\"high\",\"is_local\":false,\"external_ids\":{\"isrc\":\"X1\"},"
                + "\"available_markets\":[\"SE\",\"US\"],\"preview_url\":null,\"artists\":[" + artist + "],"
                + "\"album\":{\"id\":\"al1\",\"name\":\"Album\",\"album_type\":\"album\",\"release_date\":\"2019\","
                + "\"available_markets\":[\"SE\"],\"images\":[{\"url\":\"big\"},{\"url\":\"small\"}],\"artists\":[" + artist + "]}}}";

        JsonObject slim = new JsonObject(page("{\"items\":[" + item + "]}").items().get(0).json());

        assertThat(slim).isEqualTo(new JsonObject("{\"played_at\":\"2024-05-01T10:00:00Z\","
                + "\"context\":{\"type\":\"album\",\"uri\":\"spotify:album:al1\"},"
                + "\"track\":{\"id\":\"t1\",\"name\":\"Song\",\"duration_ms\":1000,\"explicit\":false,"
                // a wrong type is passed on so that ingest_spotify_plays names it
                + "\"popularity\":\"high\",\"is_local\":false,\"external_ids\":{\"isrc\":\"X1\"},"
                + "\"artists\":[{\"id\":\"a1\",\"name\":\"Artist\"}],"
                + "\"album\":{\"id\":\"al1\",\"name\":\"Album\",\"album_type\":\"album\",\"release_date\":\"2019\","
                + "\"images\":[{\"url\":\"big\"}],\"artists\":[{\"id\":\"a1\",\"name\":\"Artist\"}]}}}"));
    }

    @Test
    void nextLinkBecomesARequestWithOnlyItsCursor() {
        assertThat(SpotifyJson.nextRequest("https://api.spotify.com/v1/me/player/recently-played?before=1714557600000&limit=50"))
                .isEqualTo(PageRequest.before(1714557600000L));
        assertThat(SpotifyJson.nextRequest("https://evil.example/v1/me/player/recently-played?limit=50&after=17"))
                .isEqualTo(PageRequest.afterCursor(17L));
        assertThat(SpotifyJson.nextRequest("https://api.spotify.com/v1/me/player/recently-played?limit=50")).isNull();
        assertThat(SpotifyJson.nextRequest(null)).isNull();
        assertThatThrownBy(() -> SpotifyJson.nextRequest("https://api.spotify.com/?before=yesterday"))
                .isInstanceOf(SpotifyException.UnexpectedResponse.class);
    }

    @Test
    void malformedBodiesAreUnexpectedResponses() {
        assertUnexpected("", "empty body");
        assertUnexpected("<html>Bad gateway</html>", "body is not a JSON object");
        assertUnexpected("[1,2]", "body is not a JSON object");
        assertUnexpected("{\"items\":{}}", "recently played page without an items array");
        assertUnexpected("{\"next\":null}", "recently played page without an items array");
        assertUnexpected("{\"items\":[{\"played_at\":", "body is not a JSON object");
        assertUnexpected("{\"items\":[]} {}", "body is not a JSON object");
        assertUnexpected("{\"items\":[],\"next\":5}", "next is not a link");
        assertUnexpected("{\"items\":[42]}", "recently played item is not an object");
        assertUnexpected("{\"items\":[{\"played_at\":\"2024-05-01T10:00:00Z\"}]}", "recently played item without a track");
        assertUnexpected("{\"items\":[{\"played_at\":\"yesterday\",\"track\":{}}]}",
                "recently played item without a valid played_at");
    }

    @Test
    void tokenResponseIsValidatedAndNeverPrintsTheToken() {
        SpotifyTokens tokens = SpotifyJson.tokens(
                "{\"access_token\":\"secret-access\",\"expires_in\":3600,\"scope\":\"user-read-recently-played\"}");

        assertThat(tokens.refreshToken()).isNull();
        assertThat(tokens.toString()).doesNotContain("secret-access");
        assertThatThrownBy(() -> SpotifyJson.tokens("{\"expires_in\":3600}"))
                .hasMessage("Unexpected response from Spotify: token response without an access_token");
        assertThatThrownBy(() -> SpotifyJson.tokens("{\"access_token\":\"a\",\"expires_in\":\"soon\"}"))
                .hasMessage("Unexpected response from Spotify: token response without a valid expires_in");
    }

    @Test
    void retryAfterIsReadInSecondsOrAsADate() {
        assertThat(SpotifyErrors.retryAfter("1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(SpotifyErrors.retryAfter(" 30 ")).isEqualTo(Duration.ofSeconds(30));
        assertThat(SpotifyErrors.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(SpotifyErrors.retryAfter("soon")).isNull();
        assertThat(SpotifyErrors.retryAfter(null)).isNull();
    }

    private static RecentlyPlayedPage page(String body) {
        return RecentlyPlayedReader.read(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertUnexpected(String body, String what) {
        assertThatThrownBy(() -> page(body))
                .isInstanceOf(SpotifyException.UnexpectedResponse.class)
                .hasMessage("Unexpected response from Spotify: " + what);
    }
}
