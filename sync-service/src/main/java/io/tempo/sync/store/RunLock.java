package io.tempo.sync.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The per-shard run lock: a lease row with an expiry in {@code sync_run_leases}, so it holds across
 * replicas, frees itself after a crash and works behind transaction-mode poolers (unlike a session
 * advisory lock). Expiry is always judged by the database clock ({@code now()}), never by a replica's, so
 * replicas with skewed clocks agree on who holds a lease.
 */
@ApplicationScoped
public class RunLock {

    // The update branch only fires for an expired lease; a live one makes the statement return no row.
    private static final String ACQUIRE = """
            insert into tempo.sync_run_leases as l (shard_key, owner, expires_at)
            values ($1, $2, now() + $3 * interval '1 millisecond')
            on conflict (shard_key) do update set owner      = excluded.owner,
                                                  expires_at = excluded.expires_at
            where l.expires_at < now()
            returning expires_at""";

    private static final String RENEW = """
            update tempo.sync_run_leases
            set expires_at = now() + $3 * interval '1 millisecond'
            where shard_key = $1 and owner = $2
            returning expires_at""";

    private static final String RELEASE = "delete from tempo.sync_run_leases where shard_key = $1 and owner = $2";

    private final Pool pool;

    public RunLock(Pool pool) {
        this.pool = pool;
    }

    /** A held lock: the shard it covers (its key, e.g. {@code all} or {@code 2/4}), who holds it and until when. */
    public record Lease(String shardKey, String owner, Instant expiresAt) {
    }

    /** Takes the shard's lease for {@code ttl} if nobody holds an unexpired one; empty when it is held. */
    public Uni<Optional<Lease>> tryAcquire(String shardKey, Duration ttl) {
        // A random owner per run: a run that lost its lease cannot renew or release the next holder's.
        String owner = UUID.randomUUID().toString();
        return pool.preparedQuery(ACQUIRE).execute(Tuple.of(shardKey, owner, ttl.toMillis()))
                .map(rows -> first(rows).map(row -> new Lease(shardKey, owner, UserStore.instant(row, "expires_at"))));
    }

    /** Extends a lease this run holds; fails if it was lost (expired and taken by another run). */
    public Uni<Lease> renew(Lease lease, Duration ttl) {
        return pool.preparedQuery(RENEW).execute(Tuple.of(lease.shardKey(), lease.owner(), ttl.toMillis()))
                .map(rows -> first(rows)
                        .map(row -> new Lease(lease.shardKey(), lease.owner(), UserStore.instant(row, "expires_at")))
                        .orElseThrow(() -> new IllegalStateException(
                                "The run lock of shard " + lease.shardKey() + " was lost to another run")));
    }

    /** Gives the lease back; a no-op when it already expired and another run took it. */
    public Uni<Void> release(Lease lease) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(lease.shardKey(), lease.owner())).replaceWithVoid();
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Optional.of(rows.iterator().next()) : Optional.empty();
    }
}
