package io.tempo.sync.store;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * The per-shard run lock: a lease row with an expiry in {@code sync_run_leases}, so it holds across
 * replicas, frees itself after a crash and works behind transaction-mode poolers (unlike a session
 * advisory lock).
 */
@ApplicationScoped
public class RunLock {

    /** Takes the shard's lease for {@code ttl} if nobody holds an unexpired one; empty when it is held. */
    public Uni<Optional<RunLease>> tryAcquire(Shard shard, Duration ttl) {
        throw new UnsupportedOperationException("TODO store helper");
    }

    /** Extends a lease this run holds; fails if it was lost (expired and taken by another run). */
    public Uni<RunLease> renew(RunLease lease, Duration ttl) {
        throw new UnsupportedOperationException("TODO store helper");
    }

    /** Gives the lease back; a no-op when it already expired and another run took it. */
    public Uni<Void> release(RunLease lease) {
        throw new UnsupportedOperationException("TODO store helper");
    }
}
