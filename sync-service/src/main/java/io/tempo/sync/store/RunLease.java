package io.tempo.sync.store;

import io.tempo.sync.run.Shard;
import java.time.Instant;

/** A held run lock: the shard it covers, who holds it (a random token per run) and until when. */
public record RunLease(Shard shard, String owner, Instant expiresAt) {
}
