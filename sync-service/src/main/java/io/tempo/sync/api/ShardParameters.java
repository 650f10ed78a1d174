package io.tempo.sync.api;

import io.tempo.sync.run.Shard;

/** Reads the optional {@code shard}/{@code shards} query parameters (a Kubernetes Indexed Job passes its index). */
final class ShardParameters {

    /** More shards than this is a typo, not a deployment. */
    static final int MAX_SHARDS = 1024;

    private ShardParameters() {
    }

    static Shard parse(String shard, String shards) {
        boolean hasShard = shard != null && !shard.isBlank();
        boolean hasShards = shards != null && !shards.isBlank();
        if (!hasShard && !hasShards) {
            return Shard.ALL;
        }
        if (hasShard != hasShards) {
            throw new InvalidRequestException("shard and shards must be given together");
        }
        int count = integer("shards", shards);
        int index = integer("shard", shard);
        if (count < 1 || count > MAX_SHARDS) {
            throw new InvalidRequestException("shards must be between 1 and " + MAX_SHARDS);
        }
        if (index < 0 || index >= count) {
            throw new InvalidRequestException("shard must satisfy 0 <= shard < shards");
        }
        return new Shard(index, count);
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name + " must be an integer");
        }
    }
}
