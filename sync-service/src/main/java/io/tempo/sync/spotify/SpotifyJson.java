package io.tempo.sync.spotify;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Spotify's JSON bodies defensively: anything that does not match the Web API reference becomes
 * {@link SpotifyException.UnexpectedResponse} with a short description, never a body or a token.
 */
final class SpotifyJson {

    private SpotifyJson() {
    }

    static RecentlyPlayedPage recentlyPlayed(String body) {
        JsonObject page = object(body);
        Object rawItems = page.getValue("items");
        if (!(rawItems instanceof JsonArray items)) {
            throw new SpotifyException.UnexpectedResponse("recently played page without an items array");
        }
        List<PlayedItem> played = new ArrayList<>(items.size());
        for (Object raw : items) {
            if (!(raw instanceof JsonObject item)) {
                throw new SpotifyException.UnexpectedResponse("recently played item is not an object");
            }
            if (!(item.getValue("track") instanceof JsonObject)) {
                throw new SpotifyException.UnexpectedResponse("recently played item without a track");
            }
            played.add(new PlayedItem(playedAt(item.getValue("played_at")), slim(item)));
        }
        return new RecentlyPlayedPage(played, nextRequest(page.getValue("next")));
    }

    static SpotifyTokens tokens(String body) {
        JsonObject json = object(body);
        String accessToken = string(json, "access_token");
        if (accessToken == null || accessToken.isBlank()) {
            throw new SpotifyException.UnexpectedResponse("token response without an access_token");
        }
        if (!(json.getValue("expires_in") instanceof Number expiresIn) || expiresIn.longValue() <= 0) {
            throw new SpotifyException.UnexpectedResponse("token response without a valid expires_in");
        }
        String refreshToken = string(json, "refresh_token");
        return new SpotifyTokens(accessToken, expiresIn.longValue(), string(json, "scope"),
                refreshToken == null || refreshToken.isBlank() ? null : refreshToken);
    }

    static SpotifyProfile profile(String body) {
        JsonObject json = object(body);
        String id = string(json, "id");
        if (id == null || id.isBlank()) {
            throw new SpotifyException.UnexpectedResponse("profile without an id");
        }
        return new SpotifyProfile(id, string(json, "email"));
    }

    private static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw new SpotifyException.UnexpectedResponse("empty body");
        }
        try {
            return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new SpotifyException.UnexpectedResponse("body is not a JSON object");
        }
    }

    private static String string(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new SpotifyException.UnexpectedResponse(field + " is not a string");
        }
        return text;
    }

    private static Instant playedAt(Object value) {
        if (value instanceof String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                // fall through to the error below
            }
        }
        throw new SpotifyException.UnexpectedResponse("recently played item without a valid played_at");
    }

    /**
     * The following page as Spotify's {@code next} link describes it. Only its cursor is taken: the
     * request goes to the configured base URL, so a bearer token is never sent where a body pointed.
     */
    static PageRequest nextRequest(Object next) {
        if (next == null) {
            return null;
        }
        if (!(next instanceof String link) || link.isBlank()) {
            throw new SpotifyException.UnexpectedResponse("next is not a link");
        }
        String query;
        try {
            query = new URI(link).getRawQuery();
        } catch (URISyntaxException e) {
            throw new SpotifyException.UnexpectedResponse("next is not a link");
        }
        if (query == null) {
            return null;
        }
        Long before = null;
        Long after = null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (name.equals("before")) {
                before = cursor(value);
            } else if (name.equals("after")) {
                after = cursor(value);
            }
        }
        if (before != null) {
            return PageRequest.before(before);
        }
        return after == null ? null : PageRequest.afterCursor(after);
    }

    private static Long cursor(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new SpotifyException.UnexpectedResponse("next link with a cursor that is not a timestamp");
        }
    }

    /**
     * The fields of a PlayHistoryObject that ingest_spotify_plays reads, copied as they came (a malformed value
     * still reaches the function's validation). Spotify's items carry available_markets twice, external URLs,
     * hrefs and three image sizes: about 4 KB an item that would otherwise be encoded, sent and parsed into jsonb
     * only to be ignored. Measured in BENCHMARKS.md.
     */
    static JsonObject slim(JsonObject item) {
        JsonObject out = new JsonObject().put("played_at", item.getValue("played_at"));
        if (item.getValue("context") instanceof JsonObject context) {
            out.put("context", new JsonObject().put("type", context.getValue("type")).put("uri", context.getValue("uri")));
        } else {
            out.put("context", item.getValue("context"));
        }
        if (!(item.getValue("track") instanceof JsonObject track)) {
            return out.put("track", item.getValue("track"));
        }
        JsonObject slimTrack = copy(track, "id", "name", "duration_ms", "explicit", "popularity", "is_local", "external_ids");
        slimTrack.put("artists", artists(track.getValue("artists")));
        if (track.getValue("album") instanceof JsonObject album) {
            JsonObject slimAlbum = copy(album, "id", "name", "album_type", "release_date");
            if (album.getValue("images") instanceof JsonArray images) {
                slimAlbum.put("images", images.isEmpty() ? new JsonArray() : new JsonArray().add(images.getValue(0)));
            } else {
                slimAlbum.put("images", album.getValue("images"));
            }
            slimAlbum.put("artists", artists(album.getValue("artists")));
            slimTrack.put("album", slimAlbum);
        } else {
            slimTrack.put("album", track.getValue("album"));
        }
        return out.put("track", slimTrack);
    }

    private static JsonObject copy(JsonObject from, String... keys) {
        JsonObject out = new JsonObject();
        for (String key : keys) {
            if (from.containsKey(key)) {
                out.put(key, from.getValue(key));
            }
        }
        return out;
    }

    private static Object artists(Object raw) {
        if (!(raw instanceof JsonArray artists)) {
            return raw;
        }
        JsonArray out = new JsonArray();
        for (Object artist : artists) {
            out.add(artist instanceof JsonObject a ? copy(a, "id", "name") : artist);
        }
        return out;
    }
}
