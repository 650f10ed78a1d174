package io.tempo.bench.sim;

/**
 * Deterministic pseudo-randomness: every generated value is a pure function of the seed and what it
 * describes, so the bench can know the expected plays without asking the simulator, and two runs with
 * the same seed serve the same bytes.
 */
public final class Hash {

    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private Hash() {
    }

    /** SplitMix64's finaliser: a well-mixed 64-bit value for any input. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public static long of(long seed, long a, long b) {
        return mix(mix(mix(seed + 0x9e3779b97f4a7c15L) ^ a) + b * 0x9e3779b97f4a7c15L);
    }

    /** A uniform double in [0, 1). */
    public static double unit(long seed, long a, long b) {
        return (of(seed, a, b) >>> 11) * 0x1.0p-53;
    }

    /** A value in [0, bound). */
    public static int below(long seed, long a, long b, int bound) {
        return (int) Math.floorMod(of(seed, a, b), (long) bound);
    }

    /** A 22-character base62 id, shaped like Spotify's. */
    public static String spotifyId(long seed, long kind, long index) {
        char[] id = new char[22];
        long h = of(seed, kind, index);
        long g = mix(h ^ 0x5851f42d4c957f2dL);
        for (int i = 0; i < 22; i++) {
            long source = i < 11 ? h : g;
            id[i] = BASE62[(int) Math.floorMod(source, 62L)];
            if (i < 11) {
                h = h / 62 ^ mix(h + i);
            } else {
                g = g / 62 ^ mix(g + i);
            }
        }
        return new String(id);
    }

    /** {@code length} base62 characters, e.g. the opaque tail of a token. */
    public static String opaque(long seed, long a, int length) {
        StringBuilder out = new StringBuilder(length);
        long h = of(seed, a, length);
        for (int i = 0; i < length; i++) {
            h = mix(h + i);
            out.append(BASE62[(int) Math.floorMod(h, 62L)]);
        }
        return out.toString();
    }
}
