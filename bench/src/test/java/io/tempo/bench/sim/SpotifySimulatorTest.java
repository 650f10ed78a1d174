package io.tempo.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpotifySimulatorTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<SpotifySimulator> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(SpotifySimulator::close);
    }

    private SpotifySimulator start(SimulatorConfig config) {
        SpotifySimulator sim = SpotifySimulator.start(config, "127.0.0.1", 0);
        started.add(sim);
        return sim;
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> refresh(SpotifySimulator sim, String refreshToken, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((SimulatorConfig.DEFAULT_CLIENT_ID + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=" + refreshToken))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String recentlyPlayed(SpotifySimulator sim, String query) {
        return sim.baseUrl() + SpotifySimulator.RECENTLY_PLAYED + "?" + query;
    }

    private static List<Long> playedAt(JsonObject page) {
        List<Long> out = new ArrayList<>();
        for (Object item : page.getJsonArray("items")) {
            out.add(java.time.Instant.parse(((JsonObject) item).getString("played_at")).toEpochMilli());
        }
        return out;
    }

    @Test
    void pagingWithoutCursorWalksBackFromTheNewestPlayThroughNextLinks() throws Exception {
        SpotifySimulator sim = start(SimulatorConfig.quiet(3, 50));
        String token = sim.users().initialAccessToken(1);
        List<Long> all = new ArrayList<>();
        String url = recentlyPlayed(sim, "limit=20");
        List<Integer> sizes = new ArrayList<>();
        while (url != null) {
            JsonObject page = new JsonObject(get(url, token).body());
            List<Long> times = playedAt(page);
            sizes.add(times.size());
            assertThat(times).isSortedAccordingTo((a, b) -> Long.compare(b, a));
            assertThat(page.getJsonObject("cursors").getString("before")).isEqualTo(Long.toString(times.get(times.size() - 1)));
            assertThat(page.getJsonObject("cursors").getString("after")).isEqualTo(Long.toString(times.get(0)));
            all.addAll(times);
            url = page.getString("next");
        }
        assertThat(sizes).containsExactly(20, 20, 10);
        assertThat(new HashSet<>(all)).hasSize(50);
        assertThat(all.get(0)).isEqualTo(sim.users().playedAt(1, 0));
    }

    @Test
    void afterCursorServesOnlyNewerPlaysOldestWindowFirstAndPagesForward() throws Exception {
        SpotifySimulator sim = start(SimulatorConfig.quiet(2, 50));
        long[] times = sim.users().playTimes(0);
        String token = sim.users().initialAccessToken(0);

        JsonObject first = new JsonObject(get(recentlyPlayed(sim, "limit=5&after=" + times[10]), token).body());
        assertThat(playedAt(first)).containsExactly(times[5], times[6], times[7], times[8], times[9]);
        assertThat(first.getString("next")).contains("after=" + times[5]);

        JsonObject second = new JsonObject(get(first.getString("next"), token).body());
        assertThat(playedAt(second)).containsExactly(times[0], times[1], times[2], times[3], times[4]);
        assertThat(second.getString("next")).isNull();

        JsonObject nothingNew = new JsonObject(get(recentlyPlayed(sim, "limit=50&after=" + times[0]), token).body());
        assertThat(nothingNew.getJsonArray("items")).isEmpty();
        assertThat(nothingNew.getValue("cursors")).isNull();
        assertThat(nothingNew.getValue("next")).isNull();
    }

    @Test
    void badQueriesAreRefusedLikeSpotifyDoes() throws Exception {
        SpotifySimulator sim = start(SimulatorConfig.quiet(1, 50));
        String token = sim.users().initialAccessToken(0);
        assertThat(get(recentlyPlayed(sim, "limit=51"), token).statusCode()).isEqualTo(400);
        HttpResponse<String> both = get(recentlyPlayed(sim, "after=1&before=2"), token);
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(both.body()).getJsonObject("error").getInteger("status")).isEqualTo(400);
        assertThat(get(recentlyPlayed(sim, "limit=5"), null).statusCode()).isEqualTo(401);
        assertThat(get(recentlyPlayed(sim, "limit=5"), "at.7.0.v.forged").statusCode()).isEqualTo(401);
    }

    @Test
    void expiredAccessTokenIsRefusedUntilRefreshedAndRefreshTokensRotate() throws Exception {
        SpotifySimulator sim = start(SimulatorConfig.quiet(4, 50).withTokens(1.0, 0.0, 1.0));
        Users users = sim.users();
        HttpResponse<String> expired = get(recentlyPlayed(sim, "limit=50"), users.initialAccessToken(2));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(expired.body()).getJsonObject("error").getString("message"))
                .isEqualTo("The access token expired");

        HttpResponse<String> refreshed = refresh(sim, users.initialRefreshToken(2), SimulatorConfig.DEFAULT_CLIENT_SECRET);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        JsonObject tokens = new JsonObject(refreshed.body());
        assertThat(tokens.getInteger("expires_in")).isEqualTo(3600);
        assertThat(tokens.getString("refresh_token")).startsWith("rt.2.1.");

        HttpResponse<String> page = get(recentlyPlayed(sim, "limit=50"), tokens.getString("access_token"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(page.body()).getJsonArray("items")).hasSize(50);
        assertThat(sim.stats().tokensIssued()).isEqualTo(1);
        assertThat(sim.stats().unauthorized()).isEqualTo(1);
    }

    @Test
    void revokedRefreshTokenAndWrongClientSecretAreRejected() throws Exception {
        SpotifySimulator sim = start(SimulatorConfig.quiet(3, 50).withTokens(1.0, 1.0, 0.0));
        HttpResponse<String> revoked = refresh(sim, sim.users().initialRefreshToken(0), SimulatorConfig.DEFAULT_CLIENT_SECRET);
        assertThat(revoked.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(revoked.body()).getString("error")).isEqualTo("invalid_grant");

        HttpResponse<String> wrongClient = refresh(sim, sim.users().initialRefreshToken(0), "not-the-secret");
        assertThat(wrongClient.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(wrongClient.body()).getString("error")).isEqualTo("invalid_client");
        assertThat(sim.users().expectedStoredPlays(0)).isZero();
    }

    @Test
    void faultSharesAnswer429WithRetryAfterAnd5xxWithSpotifysErrorBody() throws Exception {
        SpotifySimulator limited = start(SimulatorConfig.quiet(1, 50).withFaults(1.0, 0.0));
        HttpResponse<String> tooMany = get(recentlyPlayed(limited, "limit=50"), limited.users().initialAccessToken(0));
        assertThat(tooMany.statusCode()).isEqualTo(429);
        assertThat(tooMany.headers().firstValue("Retry-After")).contains("1");
        assertThat(new JsonObject(tooMany.body()).getJsonObject("error").getInteger("status")).isEqualTo(429);

        SpotifySimulator broken = start(SimulatorConfig.quiet(1, 50).withFaults(0.0, 1.0));
        HttpResponse<String> failed = get(recentlyPlayed(broken, "limit=50"), broken.users().initialAccessToken(0));
        assertThat(failed.statusCode()).isIn(500, 502, 503);
        assertThat(broken.stats().serverErrors()).isEqualTo(1);
        assertThat(broken.stats().distinctPlaysServed()).isZero();
    }

    @Test
    void rateWindowLetsInExactlyItsCallsThenAnswers429WithTheWholeSecondsUntilItHasRoom() throws Exception {
        AtomicLong nanos = new AtomicLong();
        SpotifySimulator sim = SpotifySimulator.start(SimulatorConfig.quiet(1, 50).withWindow(5, 10_000), "127.0.0.1", 0,
                nanos::get);
        started.add(sim);
        String token = sim.users().initialAccessToken(0);
        for (int second = 0; second < 5; second++) {
            nanos.set(second * 1_000_000_000L);
            assertThat(get(recentlyPlayed(sim, "limit=50"), token).statusCode()).as("call at %d s", second).isEqualTo(200);
        }

        nanos.set(4_500_000_000L);
        HttpResponse<String> full = get(recentlyPlayed(sim, "limit=50"), token);
        assertThat(full.statusCode()).isEqualTo(429);
        assertThat(full.headers().firstValue("Retry-After")).as("5.5 s until the call of 0 s drops out").contains("6");
        assertThat(new JsonObject(full.body()).getJsonObject("error").getInteger("status")).isEqualTo(429);
        nanos.set(9_999_000_000L);
        assertThat(get(recentlyPlayed(sim, "limit=50"), token).headers().firstValue("Retry-After")).contains("1");

        nanos.set(10_000_000_000L);
        assertThat(get(recentlyPlayed(sim, "limit=50"), token).statusCode()).as("the call of 0 s has dropped out")
                .isEqualTo(200);
        HttpResponse<String> fullAgain = get(recentlyPlayed(sim, "limit=50"), token);
        assertThat(fullAgain.statusCode()).isEqualTo(429);
        assertThat(fullAgain.headers().firstValue("Retry-After")).as("1 s until the call of 1 s drops out").contains("1");

        SimulatorStats.Snapshot stats = sim.stats();
        assertThat(stats.pageRequests()).isEqualTo(9);
        assertThat(stats.pagesServed()).isEqualTo(6);
        assertThat(stats.windowLimited()).isEqualTo(3);
        assertThat(stats.rateLimited()).isEqualTo(3);
    }

    @Test
    void callsTheWindowLetsInStillMeetTheRandomFaultsAndCountInTheWindow() throws Exception {
        AtomicLong nanos = new AtomicLong();
        SpotifySimulator sim = SpotifySimulator.start(SimulatorConfig.quiet(1, 50).withWindow(2, 30_000)
                .withFaults(0.0, 1.0), "127.0.0.1", 0, nanos::get);
        started.add(sim);
        String token = sim.users().initialAccessToken(0);

        assertThat(get(recentlyPlayed(sim, "limit=50"), token).statusCode()).isIn(500, 502, 503);
        assertThat(get(recentlyPlayed(sim, "limit=50"), token).statusCode()).isIn(500, 502, 503);
        HttpResponse<String> limited = get(recentlyPlayed(sim, "limit=50"), token);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("30");
        assertThat(sim.stats().serverErrors()).isEqualTo(2);
        assertThat(sim.stats().windowLimited()).isEqualTo(1);
    }

    @Test
    void itemsAreFullTrackObjectsWithSeveralArtistsAlbumImagesAndMarkets() throws Exception {
        SpotifySimulator sim = start(SimulatorConfig.quiet(5, 50));
        JsonObject page = new JsonObject(get(recentlyPlayed(sim, "limit=50"), sim.users().initialAccessToken(3)).body());
        JsonArray items = page.getJsonArray("items");
        assertThat(items).hasSize(50);
        int multiArtist = 0;
        Set<String> contexts = new HashSet<>();
        for (Object o : items) {
            JsonObject item = (JsonObject) o;
            JsonObject track = item.getJsonObject("track");
            assertThat(track.getString("id")).hasSize(22);
            assertThat(track.getString("uri")).isEqualTo("spotify:track:" + track.getString("id"));
            assertThat(track.getJsonObject("external_ids").getString("isrc")).hasSize(12);
            assertThat(track.getJsonArray("available_markets")).hasSize(185);
            JsonObject album = track.getJsonObject("album");
            assertThat(album.getJsonArray("images")).hasSize(3);
            assertThat(album.getJsonArray("artists")).isNotEmpty();
            assertThat(album.getString("release_date")).matches("\\d{4}(-\\d{2}-\\d{2})?");
            assertThat(item.getString("played_at")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
            if (track.getJsonArray("artists").size() > 1) {
                multiArtist++;
            }
            contexts.add(item.getJsonObject("context") == null ? "none" : item.getJsonObject("context").getString("type"));
        }
        assertThat(multiArtist).isGreaterThan(10);
        assertThat(contexts).contains("playlist", "album");
        JsonObject withMarket = new JsonObject(get(recentlyPlayed(sim, "limit=1&market=from_token"),
                sim.users().initialAccessToken(3)).body());
        assertThat(withMarket.getJsonArray("items").getJsonObject(0).getJsonObject("track")
                .containsKey("available_markets")).isFalse();
    }

    @Test
    void localFilesArriveWithNullIdsAndAreNotExpectedInTheDatabase() throws Exception {
        SpotifySimulator sim = start(SimulatorConfig.quiet(20, 50).withLocalShare(0.2));
        int user = 0;
        while (sim.users().expectedStoredPlays(user) == 50) {
            user++;
        }
        JsonObject page = new JsonObject(get(recentlyPlayed(sim, "limit=50"), sim.users().initialAccessToken(user)).body());
        long locals = page.getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getJsonObject("track"))
                .filter(t -> t.getBoolean("is_local") && t.getValue("id") == null).count();
        assertThat(locals).isEqualTo(50 - sim.users().expectedStoredPlays(user));
        assertThat(sim.stats().distinctPlaysServed()).isEqualTo(sim.users().expectedStoredPlays(user));
    }

    @Test
    void sameSeedServesTheSameItemsAndRepeatedPagesCountOnceAsDistinct() throws Exception {
        SpotifySimulator one = start(SimulatorConfig.quiet(3, 50));
        SpotifySimulator two = start(SimulatorConfig.quiet(3, 50));
        String a = new JsonObject(get(recentlyPlayed(one, "limit=50"), one.users().initialAccessToken(2)).body())
                .getJsonArray("items").encode();
        String b = new JsonObject(get(recentlyPlayed(two, "limit=50"), two.users().initialAccessToken(2)).body())
                .getJsonArray("items").encode();
        assertThat(a).isEqualTo(b);
        get(recentlyPlayed(one, "limit=50"), one.users().initialAccessToken(2));
        assertThat(one.stats().itemsServed()).isEqualTo(100);
        assertThat(one.stats().distinctPlaysServed()).isEqualTo(50);
    }

    @Test
    void slowAnswersWaitOnTimersSoManyRequestsOverlap() throws Exception {
        SpotifySimulator sim = start(SimulatorConfig.quiet(200, 50).withLatency(300, 300));
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int u = 0; u < 200; u++) {
            calls.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(recentlyPlayed(sim, "limit=1")))
                    .header("Authorization", "Bearer " + sim.users().initialAccessToken(u)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
        assertThat(calls).allSatisfy(c -> assertThat(c.get().statusCode()).isEqualTo(200));
        // One event loop answering 200 requests of 300 ms each one after another would need a full minute.
        assertThat(sim.stats().maxInFlight()).isGreaterThan(20);
    }
}
