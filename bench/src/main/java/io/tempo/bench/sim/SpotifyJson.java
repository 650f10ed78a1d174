package io.tempo.bench.sim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders the Web API's JSON the way Spotify shapes it: full track objects with simplified album and
 * artists, {@code available_markets} when no {@code market} was asked for, images in three sizes,
 * {@code external_ids.isrc}, and the recently-played page with {@code cursors}, {@code next} and
 * {@code href}. Written by hand into one builder: the simulator shares the benchmark's two cores and must
 * stay cheap.
 */
public final class SpotifyJson {

    private static final String[] MARKETS = (
            "AR AU AT BE BO BR BG CA CL CO CR CY CZ DK DO DE EC EE SV FI FR GR GT HN HK HU IS IE IT LV LT LU MY "
                    + "MT MX NL NZ NI NO PA PY PE PH PL PT SG SK ES SE CH TW TR UY US GB AD LI MC ID JP TH VN RO IL "
                    + "ZA SA AE BH QA OM KW EG MA DZ TN LB JO PS IN BY KZ MD UA AL BA HR ME MK RS SI KR BD PK LK GH "
                    + "KE NG TZ UG AG AM BS BB BZ BT BW BF CV CW DM FJ GM GE GD GW GY HT JM KI LS LR MW MV ML MH FM "
                    + "NA NR NE PW PG PR WS SM ST SN SC SL SB KN LC VC SR TL TO TT TV VU AZ BN BI KH CM TD KM GQ SZ "
                    + "GA GN KG LA MO MR MN NP RW TG UZ ZW BJ MG MU MZ AO CI DJ ZM CD CG IQ LY TJ VE ET XK").split(" ");
    private static final DateTimeFormatter PLAYED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Users users;
    private final Catalog catalog;
    private final String markets;

    public SpotifyJson(Users users) {
        this.users = users;
        this.catalog = users.catalog();
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < Math.min(users.config().markets(), MARKETS.length); i++) {
            list.append(i == 0 ? "" : ",").append('"').append(MARKETS[i]).append('"');
        }
        this.markets = list.append(']').toString();
    }

    /** Spotify's timestamp shape: always three millisecond digits. */
    public static String playedAt(long epochMs) {
        return PLAYED_AT.format(Instant.ofEpochMilli(epochMs));
    }

    /**
     * A recently-played page. {@code newestFirst} holds play ordinals (0 = the user's newest, indexes into
     * {@code times}) already in response order; {@code next} is the absolute URL of the next page or null.
     */
    public String page(int user, long[] times, int[] newestFirst, int count, boolean withMarkets, String href,
                       String next, int limit) {
        StringBuilder out = new StringBuilder(count * (withMarkets ? 3300 : 1800) + 512);
        out.append("{\"items\":");
        items(out, user, times, newestFirst, count, withMarkets);
        out.append(",\"next\":");
        string(out, next);
        out.append(",\"cursors\":");
        if (count == 0) {
            out.append("null");
        } else {
            out.append("{\"after\":\"").append(times[newestFirst[0]])
                    .append("\",\"before\":\"").append(times[newestFirst[count - 1]]).append("\"}");
        }
        out.append(",\"limit\":").append(limit).append(",\"href\":");
        string(out, href);
        return out.append('}').toString();
    }

    /** The {@code items} array of a page alone, as the service hands it to {@code ingest_spotify_plays}. */
    public void items(StringBuilder out, int user, long[] times, int[] newestFirst, int count, boolean withMarkets) {
        out.append('[');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(',');
            }
            item(out, user, newestFirst[i], times[newestFirst[i]], withMarkets);
        }
        out.append(']');
    }

    /**
     * The same items reduced to the fields {@code ingest_spotify_plays} reads (what a service that trims
     * Spotify's answer before the database call sends): ids, names, album type and date, the first image,
     * duration, explicit, popularity, ISRC, context type and URI.
     */
    public void slimItems(StringBuilder out, int user, long[] times, int[] newestFirst, int count) {
        out.append('[');
        for (int i = 0; i < count; i++) {
            int k = newestFirst[i];
            if (i > 0) {
                out.append(',');
            }
            int track = users.track(user, k);
            out.append("{\"played_at\":\"").append(playedAt(times[k])).append("\",\"context\":");
            int context = users.local(user, k) ? 0 : users.contextKind(user, k);
            int album = catalog.trackAlbum(track);
            switch (context) {
                case 1 -> out.append("{\"type\":\"playlist\",\"uri\":\"spotify:playlist:").append(users.playlistId(user, k)).append("\"}");
                case 2 -> out.append("{\"type\":\"album\",\"uri\":\"spotify:album:").append(catalog.albumId(album)).append("\"}");
                case 3 -> out.append("{\"type\":\"artist\",\"uri\":\"spotify:artist:")
                        .append(catalog.artistId(catalog.trackArtists(track)[0])).append("\"}");
                default -> out.append("null");
            }
            out.append(",\"track\":");
            if (users.local(user, k)) {
                out.append("{\"id\":null,\"is_local\":true,\"name\":");
                string(out, catalog.trackName(track));
                out.append(",\"artists\":[],\"album\":null}}");
                continue;
            }
            out.append("{\"id\":\"").append(catalog.trackId(track)).append("\",\"name\":");
            string(out, catalog.trackName(track));
            out.append(",\"duration_ms\":").append(catalog.durationMs(track)).append(",\"explicit\":")
                    .append(catalog.explicit(track)).append(",\"popularity\":").append(catalog.popularity(track))
                    .append(",\"is_local\":false,\"external_ids\":{\"isrc\":\"").append(catalog.isrc(track))
                    .append("\"},\"artists\":[");
            int[] artists = catalog.trackArtists(track);
            for (int a = 0; a < artists.length; a++) {
                out.append(a == 0 ? "" : ",").append("{\"id\":\"").append(catalog.artistId(artists[a])).append("\",\"name\":");
                string(out, catalog.artistName(artists[a]));
                out.append('}');
            }
            out.append("],\"album\":{\"id\":\"").append(catalog.albumId(album)).append("\",\"name\":");
            string(out, catalog.albumName(album));
            out.append(",\"album_type\":\"").append(catalog.albumType(album)).append("\",\"release_date\":\"")
                    .append(catalog.releaseDate(album)).append("\",\"images\":[{\"url\":\"")
                    .append(catalog.imageUrl(album, 640)).append("\",\"height\":640,\"width\":640}],\"artists\":[{\"id\":\"")
                    .append(catalog.artistId(catalog.albumArtist(album))).append("\",\"name\":");
            string(out, catalog.artistName(catalog.albumArtist(album)));
            out.append("}]}}}");
        }
        out.append(']');
    }

    private void item(StringBuilder out, int user, int k, long playedAtMs, boolean withMarkets) {
        out.append("{\"track\":");
        int track = users.track(user, k);
        if (users.local(user, k)) {
            localTrack(out, track);
        } else {
            track(out, track, withMarkets);
        }
        out.append(",\"played_at\":\"").append(playedAt(playedAtMs)).append("\",\"context\":");
        switch (users.local(user, k) ? 0 : users.contextKind(user, k)) {
            case 1 -> context(out, "playlist", users.playlistId(user, k));
            case 2 -> context(out, "album", catalog.albumId(catalog.trackAlbum(track)));
            case 3 -> context(out, "artist", catalog.artistId(catalog.trackArtists(track)[0]));
            default -> out.append("null");
        }
        out.append('}');
    }

    /** A full track object as {@code GET /v1/tracks/{id}} and the recently-played items carry it. */
    public void track(StringBuilder out, int track, boolean withMarkets) {
        int album = catalog.trackAlbum(track);
        String id = catalog.trackId(track);
        out.append("{\"album\":{\"album_type\":\"").append(catalog.albumType(album)).append('"')
                .append(",\"total_tracks\":").append(catalog.albumTotalTracks(album));
        if (withMarkets) {
            out.append(",\"available_markets\":").append(markets);
        }
        String albumId = catalog.albumId(album);
        externalUrls(out, "album", albumId);
        out.append(",\"href\":\"https://api.spotify.com/v1/albums/").append(albumId).append('"')
                .append(",\"id\":\"").append(albumId).append("\",\"images\":[");
        int[] sizes = {640, 300, 64};
        for (int i = 0; i < sizes.length; i++) {
            out.append(i == 0 ? "" : ",").append("{\"url\":\"").append(catalog.imageUrl(album, sizes[i]))
                    .append("\",\"height\":").append(sizes[i]).append(",\"width\":").append(sizes[i]).append('}');
        }
        out.append("],\"name\":");
        string(out, catalog.albumName(album));
        out.append(",\"release_date\":\"").append(catalog.releaseDate(album))
                .append("\",\"release_date_precision\":\"").append(catalog.releaseDatePrecision(album))
                .append("\",\"type\":\"album\",\"uri\":\"spotify:album:").append(albumId).append("\",\"artists\":[");
        simpleArtist(out, catalog.albumArtist(album));
        out.append("]},\"artists\":[");
        int[] artists = catalog.trackArtists(track);
        for (int i = 0; i < artists.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            simpleArtist(out, artists[i]);
        }
        out.append(']');
        if (withMarkets) {
            out.append(",\"available_markets\":").append(markets);
        } else {
            out.append(",\"is_playable\":true");
        }
        out.append(",\"disc_number\":1,\"duration_ms\":").append(catalog.durationMs(track))
                .append(",\"explicit\":").append(catalog.explicit(track))
                .append(",\"external_ids\":{\"isrc\":\"").append(catalog.isrc(track)).append("\"}");
        externalUrls(out, "track", id);
        out.append(",\"href\":\"https://api.spotify.com/v1/tracks/").append(id).append('"')
                .append(",\"id\":\"").append(id).append("\",\"is_local\":false,\"name\":");
        string(out, catalog.trackName(track));
        out.append(",\"popularity\":").append(catalog.popularity(track))
                .append(",\"preview_url\":null,\"track_number\":").append(catalog.trackNumber(track))
                .append(",\"type\":\"track\",\"uri\":\"spotify:track:").append(id).append("\"}");
    }

    /** A local file: Spotify sends it with null ids, no album and {@code is_local: true}. */
    private void localTrack(StringBuilder out, int track) {
        String name = catalog.trackName(track);
        String artist = catalog.artistName(catalog.trackArtists(track)[0]);
        out.append("{\"album\":{\"album_type\":null,\"total_tracks\":0,\"available_markets\":[],\"external_urls\":{},")
                .append("\"href\":null,\"id\":null,\"images\":[],\"name\":\"\",\"release_date\":null,")
                .append("\"release_date_precision\":null,\"type\":\"album\",\"uri\":null,\"artists\":[]},")
                .append("\"artists\":[{\"external_urls\":{},\"href\":null,\"id\":null,\"name\":");
        string(out, artist);
        out.append(",\"type\":\"artist\",\"uri\":null}],\"available_markets\":[],\"disc_number\":0,\"duration_ms\":")
                .append(catalog.durationMs(track))
                .append(",\"explicit\":false,\"external_ids\":{},\"external_urls\":{},\"href\":null,\"id\":null,")
                .append("\"is_local\":true,\"name\":");
        string(out, name);
        out.append(",\"popularity\":0,\"preview_url\":null,\"track_number\":0,\"type\":\"track\",\"uri\":");
        string(out, "spotify:local:" + artist + "::" + name + ":" + catalog.durationMs(track) / 1000);
        out.append('}');
    }

    private void simpleArtist(StringBuilder out, int artist) {
        String id = catalog.artistId(artist);
        out.append('{');
        externalUrls(out, "artist", id);
        out.append(",\"href\":\"https://api.spotify.com/v1/artists/").append(id).append("\",\"id\":\"").append(id)
                .append("\",\"name\":");
        string(out, catalog.artistName(artist));
        out.append(",\"type\":\"artist\",\"uri\":\"spotify:artist:").append(id).append("\"}");
    }

    private static void context(StringBuilder out, String type, String id) {
        out.append("{\"type\":\"").append(type).append('"');
        externalUrls(out, type, id);
        out.append(",\"href\":\"https://api.spotify.com/v1/").append(type).append("s/").append(id)
                .append("\",\"uri\":\"spotify:").append(type).append(':').append(id).append("\"}");
    }

    private static void externalUrls(StringBuilder out, String type, String id) {
        if (out.charAt(out.length() - 1) != '{') {
            out.append(',');
        }
        out.append("\"external_urls\":{\"spotify\":\"https://open.spotify.com/").append(type).append('/').append(id)
                .append("\"}");
    }

    /** A JSON string literal (or null) with the escapes the names need. */
    public static void string(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    public static String error(int status, String message) {
        StringBuilder out = new StringBuilder("{\"error\":{\"status\":").append(status).append(",\"message\":");
        string(out, message);
        return out.append("}}").toString();
    }
}
