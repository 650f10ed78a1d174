package io.tempo.bench.sim;

import java.util.Locale;

/**
 * The simulated music catalog: artists, albums and tracks as pure functions of the seed and an index,
 * so nothing is held in memory and the bench, the simulator and the COPY baseline agree on every row.
 * Tracks have one to four artists (the album's artist first) and popularity is skewed, so users share
 * artists and albums the way real listening histories do and concurrent ingests overlap.
 */
public final class Catalog {

    private static final long ARTIST = 1, ALBUM = 2, TRACK = 3, ALBUM_ARTIST = 4, TRACK_ALBUM = 5,
            TRACK_ARTIST_COUNT = 6, TRACK_ARTIST = 7, NAME = 8, DETAIL = 9;

    private static final String[] WORDS = {
        "Midnight", "Golden", "Electric", "Paper", "Silver", "Velvet", "Neon", "Quiet", "Broken", "Wild",
        "Crystal", "Hollow", "Northern", "Violet", "Static", "Lucky", "Frozen", "Burning", "Distant", "Honey",
        "River", "Echo", "Garden", "Harbor", "Signal", "Mirror", "Thunder", "Ocean", "Engine", "Shadow",
        "Summer", "Letters", "Horizon", "Parade", "Lantern", "Satellite", "Canyon", "Avenue", "Season", "Fever",
    };
    // Names real catalogs are full of: accents, apostrophes, ampersands, quotes and non-Latin scripts.
    private static final String[] FLAVOURS = {
        "", "", "", "", "", " & the Band", " Rós", "é", "'s Dream", " \"Live\"", " / Remix", " 東京", " Ñandú",
        " (feat. Ana Lía)", " – Remastered 2011", "",
    };
    private static final String[] ALBUM_TYPES = {"album", "album", "album", "single", "single", "compilation"};

    private final long seed;
    private final int artists;
    private final int albums;
    private final int tracks;

    public Catalog(SimulatorConfig config) {
        this(config.seed(), config.artists(), config.albums(), config.tracks());
    }

    public Catalog(long seed, int artists, int albums, int tracks) {
        this.seed = seed;
        this.artists = artists;
        this.albums = albums;
        this.tracks = tracks;
    }

    public int trackCount() {
        return tracks;
    }

    public String artistId(int artist) {
        return Hash.spotifyId(seed, ARTIST, artist);
    }

    public String artistName(int artist) {
        return name(ARTIST, artist, 2);
    }

    public String albumId(int album) {
        return Hash.spotifyId(seed, ALBUM, album);
    }

    public String albumName(int album) {
        return name(ALBUM, album, 3);
    }

    public String albumType(int album) {
        return ALBUM_TYPES[Hash.below(seed, DETAIL, album * 8L, ALBUM_TYPES.length)];
    }

    /** Spotify gives a day for most albums and only a year for some old ones. */
    public String releaseDate(int album) {
        int year = 1960 + Hash.below(seed, DETAIL, album * 8L + 1, 66);
        if (Hash.below(seed, DETAIL, album * 8L + 2, 10) == 0) {
            return Integer.toString(year);
        }
        int month = 1 + Hash.below(seed, DETAIL, album * 8L + 3, 12);
        int day = 1 + Hash.below(seed, DETAIL, album * 8L + 4, 28);
        return String.format(Locale.ROOT, "%04d-%02d-%02d", year, month, day);
    }

    public String releaseDatePrecision(int album) {
        return releaseDate(album).length() == 4 ? "year" : "day";
    }

    public int albumTotalTracks(int album) {
        return 1 + Hash.below(seed, DETAIL, album * 8L + 5, 18);
    }

    /** The hex tail of the album's cover URLs (Spotify serves three sizes of one cover). */
    public String imageKey(int album) {
        return Long.toHexString(Hash.of(seed, DETAIL, album * 8L + 6)) + Long.toHexString(Hash.of(seed, DETAIL, album * 8L + 7));
    }

    public String imageUrl(int album, int size) {
        String prefix = size >= 640 ? "ab67616d0000b273" : size >= 300 ? "ab67616d00001e02" : "ab67616d00004851";
        return "https://i.scdn.co/image/" + prefix + imageKey(album);
    }

    public int albumArtist(int album) {
        return Hash.below(seed, ALBUM_ARTIST, album, artists);
    }

    public String trackId(int track) {
        return Hash.spotifyId(seed, TRACK, track);
    }

    public String trackName(int track) {
        return name(TRACK, track, 3);
    }

    public int trackAlbum(int track) {
        return Hash.below(seed, TRACK_ALBUM, track, albums);
    }

    /** One to four distinct artists, the album's artist first (40% one, 30% two, 20% three, 10% four). */
    public int[] trackArtists(int track) {
        int roll = Hash.below(seed, TRACK_ARTIST_COUNT, track, 10);
        int count = roll < 4 ? 1 : roll < 7 ? 2 : roll < 9 ? 3 : 4;
        int[] out = new int[count];
        out[0] = albumArtist(trackAlbum(track));
        for (int i = 1; i < count; i++) {
            int candidate = Hash.below(seed, TRACK_ARTIST, track * 4L + i, artists);
            while (contains(out, i, candidate)) {
                candidate = (candidate + 1) % artists;
            }
            out[i] = candidate;
        }
        return out;
    }

    public int durationMs(int track) {
        return 95_000 + Hash.below(seed, DETAIL, track * 16L + 100_000_000L, 330_000);
    }

    public boolean explicit(int track) {
        return Hash.below(seed, DETAIL, track * 16L + 100_000_001L, 5) == 0;
    }

    public int popularity(int track) {
        return Hash.below(seed, DETAIL, track * 16L + 100_000_002L, 101);
    }

    public String isrc(int track) {
        String letters = Hash.opaque(seed, track * 16L + 100_000_003L, 3).toUpperCase(Locale.ROOT);
        int year = Hash.below(seed, DETAIL, track * 16L + 100_000_004L, 100);
        int serial = Hash.below(seed, DETAIL, track * 16L + 100_000_005L, 100_000);
        return String.format(Locale.ROOT, "US%s%02d%05d", letters, year, serial);
    }

    public int trackNumber(int track) {
        return 1 + Hash.below(seed, DETAIL, track * 16L + 100_000_006L, albumTotalTracks(trackAlbum(track)));
    }

    /** A track index with popular tracks (low indexes) played far more often than the long tail. */
    public int popularTrack(double uniform) {
        return Math.min(tracks - 1, (int) (tracks * uniform * uniform));
    }

    private String name(long kind, long index, int maxWords) {
        int words = 1 + Hash.below(seed, NAME, kind * 1_000_000_000L + index * 4, maxWords);
        StringBuilder out = new StringBuilder();
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                out.append(' ');
            }
            out.append(WORDS[Hash.below(seed, NAME, kind * 1_000_000_000L + index * 4 + w + 1, WORDS.length)]);
        }
        out.append(FLAVOURS[Hash.below(seed, NAME, kind * 7_000_000_000L + index, FLAVOURS.length)]);
        return out.toString();
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }
}
