package io.tempo.sync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.sync.testing.DatabaseTestBase;
import io.tempo.sync.testing.PostgresTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class RunLockTest extends DatabaseTestBase {

    static final Duration TTL = Duration.ofMinutes(6);
    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    RunLock lock;

    @Test
    void secondAcquireOfAHeldShardIsEmpty() {
        RunLock.Lease first = lock.tryAcquire("all", TTL).await().atMost(WAIT).orElseThrow();

        Optional<RunLock.Lease> second = lock.tryAcquire("all", TTL).await().atMost(WAIT);

        assertThat(second).isEmpty();
        assertThat(first.shardKey()).isEqualTo("all");
        assertThat(first.expiresAt()).isBetween(Instant.now().plus(TTL).minusSeconds(30), Instant.now().plus(TTL).plusSeconds(30));
        assertThat(db.rows("select owner from tempo.sync_run_leases where shard_key = 'all'").get(0).getString(0))
                .isEqualTo(first.owner());
    }

    @Test
    void differentShardsLockIndependently() {
        assertThat(lock.tryAcquire("0/2", TTL).await().atMost(WAIT)).isPresent();
        assertThat(lock.tryAcquire("1/2", TTL).await().atMost(WAIT)).isPresent();
        assertThat(lock.tryAcquire("1/2", TTL).await().atMost(WAIT)).isEmpty();
    }

    @Test
    void anExpiredLeaseIsTakenOver() {
        RunLock.Lease crashed = lock.tryAcquire("all", TTL).await().atMost(WAIT).orElseThrow();
        // The replica holding it died: its lease ran out (by the database clock).
        db.execute("update tempo.sync_run_leases set expires_at = now() - interval '1 second'");

        RunLock.Lease next = lock.tryAcquire("all", TTL).await().atMost(WAIT).orElseThrow();

        assertThat(next.owner()).isNotEqualTo(crashed.owner());
        assertThatThrownBy(() -> lock.renew(crashed, TTL).await().atMost(WAIT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("was lost");
    }

    @Test
    void releaseAndRenewByANonOwnerDoNothing() {
        RunLock.Lease holder = lock.tryAcquire("all", TTL).await().atMost(WAIT).orElseThrow();
        RunLock.Lease impostor = new RunLock.Lease("all", "someone-else", holder.expiresAt());
        String before = db.rows("select owner || ' ' || expires_at::text from tempo.sync_run_leases").get(0).getString(0);

        lock.release(impostor).await().atMost(WAIT);
        assertThatThrownBy(() -> lock.renew(impostor, Duration.ofHours(1)).await().atMost(WAIT))
                .isInstanceOf(IllegalStateException.class);

        assertThat(db.rows("select owner || ' ' || expires_at::text from tempo.sync_run_leases").get(0).getString(0))
                .isEqualTo(before);
        assertThat(lock.tryAcquire("all", TTL).await().atMost(WAIT)).isEmpty();
    }

    @Test
    void ownerRenewsAndReleases() {
        RunLock.Lease holder = lock.tryAcquire("all", Duration.ofSeconds(30)).await().atMost(WAIT).orElseThrow();

        RunLock.Lease renewed = lock.renew(holder, Duration.ofHours(1)).await().atMost(WAIT);
        assertThat(renewed.owner()).isEqualTo(holder.owner());
        assertThat(renewed.expiresAt()).isAfter(holder.expiresAt().plus(Duration.ofMinutes(50)));

        lock.release(renewed).await().atMost(WAIT);
        assertThat(db.count("tempo.sync_run_leases")).isZero();
        assertThat(lock.tryAcquire("all", TTL).await().atMost(WAIT)).isPresent();
    }
}
