package io.tempo.sync.store;

/**
 * The slice of users one run covers: users whose stable id hash modulo {@code count} equals
 * {@code index}. {@link #ALL} is the whole user base (one shard of one).
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
