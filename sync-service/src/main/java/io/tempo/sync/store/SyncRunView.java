package io.tempo.sync.store;

import java.time.Instant;
import java.util.List;

/** One row of {@code sync_runs} as {@code GET /api/cron/sync-spotify/runs} lists it. */
public record SyncRunView(long id, String shard, String trigger, Instant startedAt, Instant finishedAt,
                          String status, Integer totalUsers, Integer successful, Integer failed,
                          Integer playsSynced, List<UserError> errors) {
}
