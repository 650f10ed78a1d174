package io.tempo.sync.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Builds PlayHistoryObjects shaped like the items of Spotify's recently-played response, with the fields the sync
 * reads and some it skips. The one builder of Spotify's items for every test.
 */
public final class SpotifyPlays {

    private SpotifyPlays() {
    }

    /** A played track of album {@code album-1} by {@code artist-1} and {@code artist-2}, from a playlist. */
    public static JsonObject play(String trackId, Instant playedAt) {
        return play(trackId, "album-1", List.of("artist-1", "artist-2"), playedAt);
    }

    /** A played track of the album by the artists (the first one is the album's), from a playlist. */
    public static JsonObject play(String trackId, String albumId, List<String> artistIds, Instant playedAt) {
        JsonObject[] artists = artistIds.stream().map(id -> artist(id, "Artist " + id)).toArray(JsonObject[]::new);
        JsonObject album = album(albumId, "Album " + albumId, "2021-03-04", artists[0]);
        return play(track(trackId, "Track " + trackId, album, artists), playedAt, playlistContext("mix"));
    }

    public static JsonObject artist(String id, String name) {
        return new JsonObject().put("id", id).put("name", name).put("type", "artist")
                .put("uri", "spotify:artist:" + id)
                .put("external_urls", new JsonObject().put("spotify", "https://open.spotify.com/artist/" + id));
    }

    public static JsonObject album(String id, String name, String releaseDate, JsonObject... artists) {
        return new JsonObject().put("id", id).put("name", name).put("album_type", "album")
                .put("release_date", releaseDate).put("release_date_precision", precisionOf(releaseDate))
                .put("total_tracks", 12).put("type", "album").put("uri", "spotify:album:" + id)
                .put("images", new JsonArray()
                        .add(new JsonObject().put("url", "https://i.scdn.co/image/" + id + "-640").put("height", 640).put("width", 640))
                        .add(new JsonObject().put("url", "https://i.scdn.co/image/" + id + "-300").put("height", 300).put("width", 300)))
                .put("artists", new JsonArray(List.of((Object[]) artists)));
    }

    public static JsonObject track(String id, String name, JsonObject album, JsonObject... artists) {
        return new JsonObject().put("id", id).put("name", name).put("duration_ms", 200_000 + id.length())
                .put("explicit", false).put("popularity", 50).put("is_local", false).put("track_number", 1)
                .put("disc_number", 1).put("type", "track").put("uri", "spotify:track:" + id)
                .put("external_ids", new JsonObject().put("isrc", "US" + id.toUpperCase()))
                .put("album", album)
                .put("artists", new JsonArray(List.of((Object[]) artists)));
    }

    public static JsonObject play(JsonObject track, Instant playedAt, JsonObject context) {
        return new JsonObject().put("track", track).put("played_at", playedAt.toString()).put("context", context);
    }

    public static JsonObject playlistContext(String playlistId) {
        return new JsonObject().put("type", "playlist").put("uri", "spotify:playlist:" + playlistId)
                .put("href", "https://api.spotify.com/v1/playlists/" + playlistId);
    }

    /** A local file as Spotify reports it: {@code is_local} and null ids everywhere. */
    public static JsonObject localFilePlay(Instant playedAt) {
        JsonObject album = new JsonObject().put("id", (String) null).put("name", "").put("album_type", (String) null)
                .put("release_date", (String) null).put("images", new JsonArray()).put("artists", new JsonArray());
        JsonObject track = new JsonObject().put("id", (String) null).put("name", "My demo.mp3").put("duration_ms", 1000)
                .put("explicit", false).put("popularity", 0).put("is_local", true)
                .put("uri", "spotify:local:Me:Demos:My+demo:1").put("album", album)
                .put("artists", new JsonArray().add(new JsonObject().put("id", (String) null).put("name", "Me")));
        return play(track, playedAt, null);
    }

    private static String precisionOf(String releaseDate) {
        return releaseDate.length() == 4 ? "year" : releaseDate.length() == 7 ? "month" : "day";
    }
}
