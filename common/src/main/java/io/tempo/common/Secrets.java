package io.tempo.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Helpers that keep secrets out of logs and timing side channels. */
public final class Secrets {

    private Secrets() {
    }

    /**
     * Compares a presented secret with the expected one in time that does not depend on where they
     * differ. Both sides are hashed first so the length of the expected secret does not leak either.
     */
    public static boolean constantTimeEquals(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    /** A stable, non-reversible name for a secret (hex SHA-256), fit for cache keys and log lines. */
    public static String fingerprint(String secret) {
        return HexFormat.of().formatHex(sha256(secret));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
