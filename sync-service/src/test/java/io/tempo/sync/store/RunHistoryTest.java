package io.tempo.sync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.sync.testing.DatabaseTestBase;
import io.tempo.sync.testing.PostgresTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class RunHistoryTest extends DatabaseTestBase {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    RunHistory runs;

    @Test
    void aFinishedRunIsListedWithItsTotalsAndErrors() {
        UUID failedUser = UUID.randomUUID();
        long id = runs.started("1/4", "http").await().atMost(WAIT);
        runs.finished(id, "succeeded", new SyncResult(3, 2, 1, 17,
                List.of(new UserError(failedUser, "Failed to refresh token")))).await().atMost(WAIT);

        List<SyncRunView> recent = runs.recent(10).await().atMost(WAIT);

        assertThat(recent).hasSize(1);
        SyncRunView run = recent.get(0);
        assertThat(run.id()).isEqualTo(id);
        assertThat(run.shard()).isEqualTo("1/4");
        assertThat(run.trigger()).isEqualTo("http");
        assertThat(run.status()).isEqualTo("succeeded");
        assertThat(run.finishedAt()).isAfterOrEqualTo(run.startedAt());
        assertThat(List.of(run.totalUsers(), run.successful(), run.failed(), run.playsSynced()))
                .containsExactly(3, 2, 1, 17);
        assertThat(run.errors()).containsExactly(new UserError(failedUser, "Failed to refresh token"));
        assertThat(db.rows("select errors::text from tempo.sync_runs").get(0).getString(0))
                .isEqualTo("[{\"error\": \"Failed to refresh token\", \"userId\": \"" + failedUser + "\"}]");
    }

    @Test
    void recentListsNewestFirstUpToTheLimitIncludingRunsInProgress() {
        long first = runs.started("all", "schedule").await().atMost(WAIT);
        long second = runs.started("all", "http").await().atMost(WAIT);
        long third = runs.started("all", "http").await().atMost(WAIT);
        runs.finished(first, "deadline_exceeded", new SyncResult(0, 0, 0, 0, List.of())).await().atMost(WAIT);

        List<SyncRunView> recent = runs.recent(2).await().atMost(WAIT);

        assertThat(recent).extracting(SyncRunView::id).containsExactly(third, second);
        assertThat(recent.get(0).status()).isEqualTo("running");
        assertThat(recent.get(0).finishedAt()).isNull();
        assertThat(recent.get(0).totalUsers()).isNull();
        assertThat(recent.get(0).errors()).isEmpty();
    }
}
