package io.tempo.bench.db;

import io.tempo.bench.sim.Catalog;
import io.tempo.bench.sim.Users;
import java.time.Instant;
import java.util.BitSet;

/**
 * The rows a correct sync of every user ends with, derived from the seed alone: plays of users whose
 * tokens work (local files excluded) and the artists, albums, tracks and track-artist links they
 * reference. Both the COPY ceiling and the row-by-row verification start from here.
 */
public final class ExpectedRows {

    private final Users users;
    private final Catalog catalog;
    private final BitSet tracks = new BitSet();
    private final BitSet albums = new BitSet();
    private final BitSet artists = new BitSet();
    private long plays;
    private long trackArtists;

    public ExpectedRows(Users users) {
        this.users = users;
        this.catalog = users.catalog();
        for (int u = 0; u < users.count(); u++) {
            if (users.revoked(u)) {
                continue;
            }
            for (int k = 0; k < users.plays(u); k++) {
                if (!users.local(u, k)) {
                    plays++;
                    tracks.set(users.track(u, k));
                }
            }
        }
        for (int t = tracks.nextSetBit(0); t >= 0; t = tracks.nextSetBit(t + 1)) {
            int album = catalog.trackAlbum(t);
            albums.set(album);
            artists.set(catalog.albumArtist(album));
            int[] links = catalog.trackArtists(t);
            trackArtists += links.length;
            for (int a : links) {
                artists.set(a);
            }
        }
    }

    public long plays() {
        return plays;
    }

    public long tracks() {
        return tracks.cardinality();
    }

    public long albums() {
        return albums.cardinality();
    }

    public long artists() {
        return artists.cardinality();
    }

    public long trackArtists() {
        return trackArtists;
    }

    /** Every row of every table, for reporting what one repetition writes. */
    public long totalRows() {
        return plays + tracks() + albums() + artists() + trackArtists;
    }

    public String artistsCsv() {
        StringBuilder out = new StringBuilder();
        for (int a = artists.nextSetBit(0); a >= 0; a = artists.nextSetBit(a + 1)) {
            out.append(catalog.artistId(a)).append(',');
            csv(out, catalog.artistName(a));
            out.append('\n');
        }
        return out.toString();
    }

    public String albumsCsv() {
        StringBuilder out = new StringBuilder();
        for (int a = albums.nextSetBit(0); a >= 0; a = albums.nextSetBit(a + 1)) {
            out.append(catalog.albumId(a)).append(',');
            csv(out, catalog.albumName(a));
            out.append(',').append(catalog.albumType(a)).append(',').append(catalog.releaseDate(a)).append(',')
                    .append(catalog.imageUrl(a, 640)).append('\n');
        }
        return out.toString();
    }

    public String tracksCsv() {
        StringBuilder out = new StringBuilder();
        for (int t = tracks.nextSetBit(0); t >= 0; t = tracks.nextSetBit(t + 1)) {
            out.append(catalog.trackId(t)).append(',');
            csv(out, catalog.trackName(t));
            out.append(',').append(catalog.durationMs(t)).append(',').append(catalog.explicit(t)).append(',')
                    .append(catalog.popularity(t)).append(',').append(catalog.isrc(t)).append(',')
                    .append(catalog.albumId(catalog.trackAlbum(t))).append('\n');
        }
        return out.toString();
    }

    public String trackArtistsCsv() {
        StringBuilder out = new StringBuilder();
        for (int t = tracks.nextSetBit(0); t >= 0; t = tracks.nextSetBit(t + 1)) {
            int[] links = catalog.trackArtists(t);
            String id = catalog.trackId(t);
            for (int i = 0; i < links.length; i++) {
                out.append(id).append(',').append(catalog.artistId(links[i])).append(',').append(i).append('\n');
            }
        }
        return out.toString();
    }

    public String playsCsv() {
        StringBuilder out = new StringBuilder();
        for (int u = 0; u < users.count(); u++) {
            if (users.revoked(u)) {
                continue;
            }
            String id = users.id(u).toString();
            long[] times = users.playTimes(u);
            for (int k = 0; k < times.length; k++) {
                if (users.local(u, k)) {
                    continue;
                }
                int track = users.track(u, k);
                out.append(id).append(',').append(catalog.trackId(track)).append(',')
                        .append(Instant.ofEpochMilli(times[k])).append(',');
                switch (users.contextKind(u, k)) {
                    case 1 -> out.append("playlist,spotify:playlist:").append(users.playlistId(u, k));
                    case 2 -> out.append("album,spotify:album:").append(catalog.albumId(catalog.trackAlbum(track)));
                    case 3 -> out.append("artist,spotify:artist:").append(catalog.artistId(catalog.trackArtists(track)[0]));
                    default -> out.append(',');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static void csv(StringBuilder out, String value) {
        out.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
