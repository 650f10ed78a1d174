package io.tempo.sync.run;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The optional in-process schedule ({@code SYNC_SCHEDULE}, off by default): the same run as the HTTP
 * trigger over every user, under the same lease, so it never overlaps a cron-triggered run or a run of
 * another replica; a held lease just skips this tick.
 */
@ApplicationScoped
public class ScheduledSync {

    static final String TRIGGER = "schedule";
    private static final Logger LOG = Logger.getLogger(ScheduledSync.class);

    private final SyncRunner runner;

    ScheduledSync(SyncRunner runner) {
        this.runner = runner;
    }

    @Scheduled(identity = "spotify-sync", cron = "${sync.schedule}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> syncOnSchedule() {
        return runner.run(Shard.ALL, TRIGGER)
                .replaceWithVoid()
                .onFailure(RunInProgressException.class).recoverWithItem(busy -> {
                    LOG.infof("[Spotify Sync] Scheduled sync skipped: %s", busy.getMessage());
                    return null;
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf("[Spotify Sync] Scheduled sync failed: %s", failure.getMessage());
                    return null;
                });
    }
}
