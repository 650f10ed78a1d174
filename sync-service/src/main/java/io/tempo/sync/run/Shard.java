package io.tempo.sync.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The slice of users one run covers: users whose stable id hash modulo {@code count} equals
 * {@code index}. {@link #ALL} is the whole user base (one shard of one).
 *
 * <p>The hash is the first 32 bits of {@code md5(<user id as lower-case text>)} read as an unsigned number; the
 * database computes it with {@code sync_shard_of(id, count)} (see the migration) and {@link #contains(UUID)} does
 * the same in Java. It depends on nothing but the id, so a user stays in the same shard across runs, replicas and
 * PostgreSQL versions, and every user falls in exactly one shard of {@code count}.
 */
public record Shard(int index, int count) {

    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard must satisfy 0 <= shard < shards, got " + index + "/" + count);
        }
    }

    /** The key of this shard's run lease and its label in {@code sync_runs}, e.g. {@code all} or {@code 2/4}. */
    public String key() {
        return count == 1 ? "all" : index + "/" + count;
    }

    /** Whether the user belongs to this shard; the same formula as the SQL function {@code sync_shard_of}. */
    public boolean contains(UUID userId) {
        return count == 1 || hash(userId) % count == index;
    }

    public static long hash(UUID userId) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(userId.toString().getBytes(StandardCharsets.US_ASCII));
            return ((md5[0] & 0xffL) << 24) | ((md5[1] & 0xffL) << 16) | ((md5[2] & 0xffL) << 8) | (md5[3] & 0xffL);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is always available in the JDK", e);
        }
    }
}
