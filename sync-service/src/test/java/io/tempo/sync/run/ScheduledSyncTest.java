package io.tempo.sync.run;

import static io.tempo.sync.testing.SpotifyPlays.play;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.sync.store.RunLock;
import io.tempo.sync.testing.PostgresTestResource;
import io.tempo.sync.testing.SpotifyTestBase;
import io.tempo.sync.testing.WireMockResource;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-process schedule runs the same sync as the cron route and respects the same lease. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(WireMockResource.class)
class ScheduledSyncTest extends SpotifyTestBase {

    @Inject
    ScheduledSync scheduledSync;

    @Inject
    RunLock runLock;

    @Test
    void scheduledRunSyncsEveryUserAndIsRecordedAsScheduled() {
        db.insertUserWithTokens("scheduled-access", "scheduled-refresh");
        spotify.givenHistory("scheduled-access", List.of(play("t1", Instant.parse("2024-05-01T10:00:00Z"))));

        scheduledSync.syncOnSchedule().await().atMost(Duration.ofSeconds(30));

        Row run = db.rows("select shard, trigger, status, plays_synced from tempo.sync_runs").get(0);
        assertThat(run.getString("shard")).isEqualTo("all");
        assertThat(run.getString("trigger")).isEqualTo("schedule");
        assertThat(run.getString("status")).isEqualTo("succeeded");
        assertThat(run.getInteger("plays_synced")).isEqualTo(1);
        assertThat(db.count("plays")).isEqualTo(1);
    }

    @Test
    void scheduledRunSkipsWhileAnotherRunHoldsTheLease() {
        db.insertUserWithTokens("scheduled-access", "scheduled-refresh");
        RunLock.Lease held = runLock.tryAcquire(Shard.ALL.key(), Duration.ofMinutes(1)).await().indefinitely().orElseThrow();
        try {
            scheduledSync.syncOnSchedule().await().atMost(Duration.ofSeconds(30));
        } finally {
            runLock.release(held).await().indefinitely();
        }

        assertThat(db.count("tempo.sync_runs")).isZero();
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }
}
