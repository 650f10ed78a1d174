package io.tempo.bench.sim;

import java.util.UUID;

/**
 * The simulated users: identity, stored tokens and listening history, each a pure function of the seed
 * and the user's index. Tokens carry the user's index so the simulator needs no token table; the opaque
 * tail only makes them as long as Spotify's.
 */
public final class Users {

    private static final long USER_ID = 20, EXPIRED = 21, REVOKED = 22, ROTATE = 23, NEWEST = 24, GAP = 25,
            PICK = 26, LOCAL = 27, CONTEXT = 28, TOKEN = 29;

    private final SimulatorConfig config;
    private final Catalog catalog;

    public Users(SimulatorConfig config) {
        this.config = config;
        this.catalog = new Catalog(config);
    }

    public SimulatorConfig config() {
        return config;
    }

    public Catalog catalog() {
        return catalog;
    }

    public int count() {
        return config.users();
    }

    /** A version-4-shaped UUID, stable for the seed. */
    public UUID id(int user) {
        long hi = Hash.of(config.seed(), USER_ID, user * 2L);
        long lo = Hash.of(config.seed(), USER_ID, user * 2L + 1);
        hi = (hi & ~0xF000L) | 0x4000L;
        lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo);
    }

    /** Whether the access token the seed stores for this user has already expired. */
    public boolean expired(int user) {
        return Hash.unit(config.seed(), EXPIRED, user) < config.expiredShare();
    }

    /** Whether Spotify rejects this user's refresh token; only expired users ever need one. */
    public boolean revoked(int user) {
        return expired(user) && Hash.unit(config.seed(), REVOKED, user) < config.revokedShare();
    }

    public boolean rotates(int user, int generation) {
        return Hash.unit(config.seed(), ROTATE, user * 1024L + generation) < config.rotateShare();
    }

    public String initialAccessToken(int user) {
        return accessToken(user, 0, !expired(user));
    }

    public String initialRefreshToken(int user) {
        return refreshToken(user, 0);
    }

    public String accessToken(int user, long generation, boolean valid) {
        return "at." + user + "." + generation + "." + (valid ? 'v' : 'x') + "." + Hash.opaque(config.seed(), TOKEN * user, 140);
    }

    public String refreshToken(int user, int generation) {
        return "rt." + user + "." + generation + "." + Hash.opaque(config.seed(), TOKEN * user + 1, 100);
    }

    /** Plays this user has, newest first; Spotify exposes at most 50. */
    public int plays(int user) {
        return config.playsPerUser();
    }

    /**
     * When play {@code k} (0 = newest) happened, in epoch ms with a random millisecond part. Plays are 31 s to
     * 5 min apart, as a track counts once played for more than 30 s.
     */
    public long playedAt(int user, int k) {
        long t = config.epochMs() - Hash.below(config.seed(), NEWEST, user, 120_000);
        for (int i = 1; i <= k; i++) {
            t -= 31_000 + Hash.below(config.seed(), GAP, user * 64L + i, 270_000);
        }
        return t;
    }

    /** All play times, newest first (one pass instead of {@link #playedAt} per play). */
    public long[] playTimes(int user) {
        long[] out = new long[plays(user)];
        long t = config.epochMs() - Hash.below(config.seed(), NEWEST, user, 120_000);
        for (int k = 0; k < out.length; k++) {
            if (k > 0) {
                t -= 31_000 + Hash.below(config.seed(), GAP, user * 64L + k, 270_000);
            }
            out[k] = t;
        }
        return out;
    }

    public boolean local(int user, int k) {
        return config.localShare() > 0 && Hash.unit(config.seed(), LOCAL, user * 64L + k) < config.localShare();
    }

    public int track(int user, int k) {
        return catalog.popularTrack(Hash.unit(config.seed(), PICK, user * 64L + k));
    }

    /** 0 none, 1 playlist, 2 album, 3 artist (60% playlist, 20% album, 10% artist, 10% no context). */
    public int contextKind(int user, int k) {
        int roll = Hash.below(config.seed(), CONTEXT, user * 64L + k, 10);
        return roll < 6 ? 1 : roll < 8 ? 2 : roll < 9 ? 3 : 0;
    }

    public String playlistId(int user, int k) {
        return Hash.spotifyId(config.seed(), CONTEXT, user * 8L + k % 3);
    }

    /** The plays a correct sync stores for this user: revoked users get none, local files are never stored. */
    public int expectedStoredPlays(int user) {
        if (revoked(user)) {
            return 0;
        }
        int stored = 0;
        for (int k = 0; k < plays(user); k++) {
            if (!local(user, k)) {
                stored++;
            }
        }
        return stored;
    }

    public long expectedStoredPlays() {
        long total = 0;
        for (int u = 0; u < count(); u++) {
            total += expectedStoredPlays(u);
        }
        return total;
    }

    /** Parses the user index out of a token this simulator issued; -1 when it is not one of ours. */
    public int userOf(String token, String prefix) {
        if (token == null || !token.startsWith(prefix)) {
            return -1;
        }
        int end = token.indexOf('.', prefix.length());
        if (end < 0) {
            return -1;
        }
        try {
            int user = Integer.parseInt(token, prefix.length(), end, 10);
            return user >= 0 && user < count() ? user : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The generation part of a refresh token ({@code rt.<user>.<generation>.…}). */
    public static int generationOf(String refreshToken) {
        String[] parts = refreshToken.split("\\.", 4);
        try {
            return parts.length >= 3 ? Integer.parseInt(parts[2]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Whether an access token we issued is still usable: the fourth part is {@code v}, {@code x} means expired. */
    public static boolean validAccess(String token) {
        String[] parts = token.split("\\.", 5);
        return parts.length == 5 && parts[3].equals("v");
    }
}
