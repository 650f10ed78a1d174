package io.tempo.sync.store;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Run history in {@code sync_runs}. */
@ApplicationScoped
public class RunHistory {

    private static final String STARTED = "insert into tempo.sync_runs (shard, trigger) values ($1, $2) returning id";

    private static final String FINISHED = """
            update tempo.sync_runs
            set finished_at  = now(),
                status       = $2,
                total_users  = $3,
                successful   = $4,
                failed       = $5,
                plays_synced = $6,
                errors       = $7::jsonb
            where id = $1""";

    private static final String RECENT = """
            select id, shard, trigger, started_at, finished_at, status, total_users, successful, failed,
                   plays_synced, errors
            from tempo.sync_runs
            order by id desc
            limit $1""";

    private final Pool pool;

    public RunHistory(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records that a run of the shard with this key started ({@code trigger}: {@code http} or {@code schedule});
     * returns its id.
     */
    public Uni<Long> started(String shardKey, String trigger) {
        return pool.preparedQuery(STARTED).execute(Tuple.of(shardKey, trigger))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** Records a run's outcome ({@code status}: {@code succeeded}, {@code deadline_exceeded} or {@code failed}). */
    public Uni<Void> finished(long runId, String status, SyncResult result) {
        JsonArray errors = new JsonArray();
        result.errors().forEach(error -> errors.add(new JsonObject()
                .put("userId", error.userId() == null ? null : error.userId().toString())
                .put("error", error.error())));
        return pool.preparedQuery(FINISHED)
                .execute(Tuple.tuple().addLong(runId).addString(status).addInteger(result.totalUsers())
                        .addInteger(result.successful()).addInteger(result.failed())
                        .addInteger(result.playsSynced()).addValue(errors))
                .replaceWithVoid();
    }

    /** The newest runs first, at most {@code limit}. */
    public Uni<List<SyncRunView>> recent(int limit) {
        return pool.preparedQuery(RECENT).execute(Tuple.of(limit)).map(rows -> {
            List<SyncRunView> runs = new ArrayList<>(rows.size());
            rows.forEach(row -> runs.add(view(row)));
            return runs;
        });
    }

    private static SyncRunView view(Row row) {
        return new SyncRunView(row.getLong("id"), row.getString("shard"), row.getString("trigger"),
                UserStore.instant(row, "started_at"), UserStore.instant(row, "finished_at"), row.getString("status"),
                row.getInteger("total_users"), row.getInteger("successful"), row.getInteger("failed"),
                row.getInteger("plays_synced"), errors(row.getValue("errors")));
    }

    private static List<UserError> errors(Object json) {
        List<UserError> errors = new ArrayList<>();
        if (json instanceof JsonArray array) {
            for (Object element : array) {
                if (element instanceof JsonObject error) {
                    String userId = error.getString("userId");
                    errors.add(new UserError(userId == null ? null : UUID.fromString(userId), error.getString("error")));
                }
            }
        }
        return errors;
    }
}
