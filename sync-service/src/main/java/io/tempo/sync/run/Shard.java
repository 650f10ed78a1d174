package io.tempo.sync.run;

/**
 * The slice of users one run covers: users whose stable id hash modulo {@code count} equals
 * {@code index}. {@link #ALL} is the whole user base (one shard of one).
 *
 * <p>The hash is the first 32 bits of {@code md5(<user id as lower-case text>)} read as an unsigned number, computed
 * by the database's {@code tempo.sync_shard_of(id, count)} (see the migration). It depends on nothing but the id, so
 * a user stays in the same shard across runs, replicas and PostgreSQL versions, and every user falls in exactly one
 * shard of {@code count}.
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
}
