package io.tempo.bench.naive;

import io.tempo.bench.db.BenchDatabase;
import io.tempo.bench.sim.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Baseline (a): the shape of the original cron route, for comparison only. Users one at a time; per
 * user a query for the newest stored play, a refresh when the token has expired, one recently-played
 * request; per play its own statements (upsert the track's artists, its album, the track, its artist
 * links, then insert the play), each in autocommit, as a route that calls the database once per row
 * does. It talks to the same simulator and writes the same tables as the service.
 */
public final class NaiveSync {

    private final BenchDatabase postgres;
    private final Users users;
    private final String spotifyApi;
    private final String spotifyAccounts;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public NaiveSync(BenchDatabase postgres, Users users, String spotifyApi, String spotifyAccounts) {
        this.postgres = postgres;
        this.users = users;
        this.spotifyApi = spotifyApi;
        this.spotifyAccounts = spotifyAccounts;
    }

    /**
     * @param covered users that ran to the end (by index), for verifying exactly those
     * @param failed  users whose sync failed (revoked refresh token, Spotify errors)
     */
    public record Result(long nanos, int usersDone, long playsInserted, int failed, BitSet covered, boolean stoppedEarly) {
    }

    /** Syncs users in id order until all are done, {@code maxUsers} are done or {@code budget} is spent. */
    public Result run(int maxUsers, Duration budget) throws SQLException, IOException, InterruptedException {
        Map<UUID, Integer> index = new HashMap<>();
        for (int u = 0; u < users.count(); u++) {
            index.put(users.id(u), u);
        }
        BitSet covered = new BitSet();
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        int done = 0;
        int failed = 0;
        long inserted = 0;
        boolean early = false;
        try (Connection c = postgres.naive()) {
            c.setAutoCommit(true);
            List<Object[]> candidates = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT user_id, access_token, refresh_token, expires_at FROM spotify_tokens ORDER BY user_id");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    candidates.add(new Object[] {r.getObject(1, UUID.class), r.getString(2), r.getString(3),
                            r.getTimestamp(4)});
                }
            }
            Statements sql = new Statements(c);
            for (Object[] candidate : candidates) {
                if (done >= maxUsers || System.nanoTime() > deadline) {
                    early = done < candidates.size();
                    break;
                }
                UUID userId = (UUID) candidate[0];
                try {
                    inserted += syncUser(sql, userId, (String) candidate[1], (String) candidate[2],
                            (Timestamp) candidate[3]);
                } catch (NaiveFailure e) {
                    failed++;
                }
                covered.set(index.get(userId));
                done++;
            }
        }
        return new Result(System.nanoTime() - start, done, inserted, failed, covered, early);
    }

    private long syncUser(Statements sql, UUID userId, String accessToken, String refreshToken, Timestamp expiresAt)
            throws SQLException, IOException, InterruptedException {
        String token = accessToken;
        if (expiresAt == null || expiresAt.toInstant().isBefore(Instant.now().plusSeconds(60))) {
            token = refresh(sql, userId, refreshToken);
        }
        Instant last = null;
        sql.lastPlay.setObject(1, userId);
        try (ResultSet r = sql.lastPlay.executeQuery()) {
            if (r.next()) {
                last = r.getTimestamp(1).toInstant();
            }
        }
        String url = spotifyApi + "/v1/me/player/recently-played?limit=50"
                + (last == null ? "" : "&after=" + last.toEpochMilli());
        JsonObject page = new JsonObject(get(url, token));
        long inserted = 0;
        JsonArray items = page.getJsonArray("items");
        for (int i = 0; i < items.size(); i++) {
            inserted += storePlay(sql, userId, items.getJsonObject(i));
        }
        return inserted;
    }

    private long storePlay(Statements sql, UUID userId, JsonObject item) throws SQLException {
        JsonObject track = item.getJsonObject("track");
        if (track == null || track.getString("id") == null) {
            return 0;
        }
        JsonArray artists = track.getJsonArray("artists");
        PreparedStatement upsertArtists = sql.upsertArtists(artists.size());
        for (int i = 0; i < artists.size(); i++) {
            upsertArtists.setString(2 * i + 1, artists.getJsonObject(i).getString("id"));
            upsertArtists.setString(2 * i + 2, artists.getJsonObject(i).getString("name"));
        }
        upsertArtists.executeUpdate();

        JsonObject album = track.getJsonObject("album");
        JsonArray images = album.getJsonArray("images");
        sql.upsertAlbum.setString(1, album.getString("id"));
        sql.upsertAlbum.setString(2, album.getString("name"));
        sql.upsertAlbum.setString(3, album.getString("album_type"));
        sql.upsertAlbum.setString(4, album.getString("release_date"));
        sql.upsertAlbum.setString(5, images == null || images.isEmpty() ? null : images.getJsonObject(0).getString("url"));
        sql.upsertAlbum.executeUpdate();

        sql.upsertTrack.setString(1, track.getString("id"));
        sql.upsertTrack.setString(2, track.getString("name"));
        sql.upsertTrack.setObject(3, track.getInteger("duration_ms"));
        sql.upsertTrack.setObject(4, track.getBoolean("explicit"));
        sql.upsertTrack.setObject(5, track.getInteger("popularity"));
        JsonObject externalIds = track.getJsonObject("external_ids");
        sql.upsertTrack.setString(6, externalIds == null ? null : externalIds.getString("isrc"));
        sql.upsertTrack.setString(7, album.getString("id"));
        sql.upsertTrack.executeUpdate();

        PreparedStatement links = sql.upsertTrackArtists(artists.size());
        for (int i = 0; i < artists.size(); i++) {
            links.setString(3 * i + 1, track.getString("id"));
            links.setString(3 * i + 2, artists.getJsonObject(i).getString("id"));
            links.setInt(3 * i + 3, i);
        }
        links.executeUpdate();

        JsonObject context = item.getJsonObject("context");
        sql.insertPlay.setObject(1, userId);
        sql.insertPlay.setString(2, track.getString("id"));
        sql.insertPlay.setObject(3, OffsetDateTime.parse(item.getString("played_at")));
        sql.insertPlay.setString(4, context == null ? null : context.getString("type"));
        sql.insertPlay.setString(5, context == null ? null : context.getString("uri"));
        return sql.insertPlay.executeUpdate();
    }

    private String refresh(Statements sql, UUID userId, String refreshToken) throws IOException, InterruptedException,
            SQLException {
        SimulatorCredentials credentials = new SimulatorCredentials(users.config().clientId(),
                users.config().clientSecret());
        HttpRequest request = HttpRequest.newBuilder(URI.create(spotifyAccounts + "/api/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", credentials.basic())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
                        + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new NaiveFailure("Failed to refresh token");
        }
        JsonObject body = new JsonObject(response.body());
        String access = body.getString("access_token");
        sql.saveToken.setString(1, access);
        sql.saveToken.setTimestamp(2, Timestamp.from(Instant.now().plusSeconds(body.getLong("expires_in"))));
        sql.saveToken.setString(3, body.getString("refresh_token"));
        sql.saveToken.setObject(4, userId);
        sql.saveToken.executeUpdate();
        return access;
    }

    /** GET with the retries a simple route does: honours 429's Retry-After up to three times, gives up on 5xx. */
    private String get(String url, String token) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return response.body();
            }
            if (response.statusCode() == 429 && attempt < 3) {
                long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(seconds * 1000);
                continue;
            }
            throw new NaiveFailure("Spotify answered " + response.statusCode());
        }
    }

    private record SimulatorCredentials(String id, String secret) {
        String basic() {
            return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final class NaiveFailure extends RuntimeException {
        NaiveFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** The prepared statements, with one variant per artist count for the multi-row upserts. */
    private static final class Statements {
        final Connection c;
        final PreparedStatement lastPlay;
        final PreparedStatement upsertAlbum;
        final PreparedStatement upsertTrack;
        final PreparedStatement insertPlay;
        final PreparedStatement saveToken;
        final Map<Integer, PreparedStatement> artists = new HashMap<>();
        final Map<Integer, PreparedStatement> links = new HashMap<>();

        Statements(Connection c) throws SQLException {
            this.c = c;
            lastPlay = c.prepareStatement("SELECT played_at FROM plays WHERE user_id = ? ORDER BY played_at DESC LIMIT 1");
            upsertAlbum = c.prepareStatement("INSERT INTO albums (id, name, album_type, release_date, image_url) "
                    + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                    + "album_type = excluded.album_type, release_date = excluded.release_date, image_url = excluded.image_url");
            upsertTrack = c.prepareStatement("INSERT INTO tracks (id, name, duration_ms, explicit, popularity, isrc, "
                    + "album_id) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                    + "duration_ms = excluded.duration_ms, explicit = excluded.explicit, popularity = excluded.popularity, "
                    + "isrc = excluded.isrc, album_id = excluded.album_id");
            insertPlay = c.prepareStatement("INSERT INTO plays (user_id, track_id, played_at, context_type, context_uri) "
                    + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, played_at) DO NOTHING");
            saveToken = c.prepareStatement("UPDATE spotify_tokens SET access_token = ?, expires_at = ?, "
                    + "refresh_token = coalesce(?, refresh_token), updated_at = now() WHERE user_id = ?");
        }

        PreparedStatement upsertArtists(int count) throws SQLException {
            PreparedStatement p = artists.get(count);
            if (p == null) {
                p = c.prepareStatement("INSERT INTO artists (id, name) VALUES " + values(count, 2)
                        + " ON CONFLICT (id) DO UPDATE SET name = excluded.name");
                artists.put(count, p);
            }
            return p;
        }

        PreparedStatement upsertTrackArtists(int count) throws SQLException {
            PreparedStatement p = links.get(count);
            if (p == null) {
                p = c.prepareStatement("INSERT INTO track_artists (track_id, artist_id, position) VALUES "
                        + values(count, 3) + " ON CONFLICT (track_id, artist_id) DO UPDATE SET position = excluded.position");
                links.put(count, p);
            }
            return p;
        }

        private static String values(int rows, int columns) {
            String row = "(" + "?, ".repeat(columns - 1) + "?)";
            return String.join(", ", java.util.Collections.nCopies(rows, row));
        }
    }
}
