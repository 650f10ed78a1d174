package io.tempo.sync.store;

import io.smallrye.mutiny.Uni;
import io.tempo.sync.sync.SyncResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Run history in {@code sync_runs}. */
@ApplicationScoped
public class SyncRunStore {

    /** Records that a run of the shard started ({@code trigger}: {@code http} or {@code schedule}); returns its id. */
    public Uni<Long> started(Shard shard, String trigger) {
        throw new UnsupportedOperationException("TODO store helper");
    }

    /** Records a run's outcome ({@code status}: {@code succeeded}, {@code deadline_exceeded} or {@code failed}). */
    public Uni<Void> finished(long runId, String status, SyncResult result) {
        throw new UnsupportedOperationException("TODO store helper");
    }

    /** The newest runs first, at most {@code limit}. */
    public Uni<List<SyncRunView>> recent(int limit) {
        throw new UnsupportedOperationException("TODO store helper");
    }
}
