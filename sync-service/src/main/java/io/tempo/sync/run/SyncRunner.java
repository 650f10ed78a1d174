package io.tempo.sync.run;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.tempo.sync.config.SyncConfig;
import io.tempo.sync.store.DatabaseErrors;
import io.tempo.sync.store.RunHistory;
import io.tempo.sync.store.RunLock;
import io.tempo.sync.store.SyncCandidate;
import io.tempo.sync.store.SyncResult;
import io.tempo.sync.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * One sync run over a shard: takes the shard's lease (409 when another run holds it), records the run,
 * streams the shard's users through {@link UserSync} with bounded concurrency, and records the outcome.
 * A user's failure never stops the run. After the deadline the remaining users are still drained from
 * the stream, cheaply, so each is reported ({@code Sync deadline exceeded}) and
 * {@code totalUsers = successful + failed} always holds. The lease is renewed while the run lasts and
 * given back however it ends.
 */
@ApplicationScoped
public class SyncRunner {

    private static final Logger LOG = Logger.getLogger(SyncRunner.class);

    private final RunLock runLock;
    private final RunHistory runHistory;
    private final UserStore userStore;
    private final UserSync userSync;
    private final SyncMetrics metrics;
    private final SyncConfig config;
    private final Clock clock;

    SyncRunner(RunLock runLock, RunHistory runHistory, UserStore userStore, UserSync userSync, SyncMetrics metrics,
               SyncConfig config, Clock clock) {
        this.runLock = runLock;
        this.runHistory = runHistory;
        this.userStore = userStore;
        this.userSync = userSync;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /** Runs a sync of the shard with the configured deadline; {@code trigger} is {@code http} or {@code schedule}. */
    public Uni<SyncRun> run(Shard shard, String trigger) {
        return run(shard, trigger, config.run().deadline());
    }

    /**
     * Runs a sync with an explicit deadline (the tests' way to a short one). Fails with {@link RunInProgressException} when the shard's
     * lease is held, and with {@link RunFailedException} when the run cannot begin or the user list breaks off.
     */
    Uni<SyncRun> run(Shard shard, String trigger, Duration deadline) {
        return Uni.createFrom().deferred(() -> {
            // Once started, a run goes on to its end even if the caller hangs up (a cron client with a short
            // timeout): cancelling the returned Uni only stops waiting for it, so the outcome is always recorded.
            CompletableFuture<SyncRun> outcome = new CompletableFuture<>();
            start(shard, trigger, deadline).subscribe().with(outcome::complete, outcome::completeExceptionally);
            return Uni.createFrom().completionStage(outcome);
        });
    }

    private Uni<SyncRun> start(Shard shard, String trigger, Duration deadline) {
        long startNanos = System.nanoTime();
        Instant deadlineAt = clock.instant().plus(deadline);
        Duration ttl = deadline.plus(config.run().leaseMargin());
        return runLock.tryAcquire(shard.key(), ttl)
                .onFailure().transform(failure -> notStarted("could not take the run lock", failure))
                .flatMap(lease -> lease
                        .map(held -> runHolding(shard, held, ttl, trigger, deadlineAt, startNanos))
                        .orElseGet(() -> Uni.createFrom().failure(new RunInProgressException(shard))));
    }

    private Uni<SyncRun> runHolding(Shard shard, RunLock.Lease lease, Duration ttl, String trigger, Instant deadlineAt,
                                    long startNanos) {
        Cancellable renewal = keepRenewing(lease, ttl);
        return runHistory.started(shard.key(), trigger)
                .onFailure().transform(failure -> notStarted("could not record the run", failure))
                .flatMap(runId -> syncUsers(runId, shard, trigger, deadlineAt, startNanos))
                .onTermination().call(() -> {
                    renewal.cancel();
                    return runLock.release(lease).onFailure().recoverWithItem(failure -> {
                        LOG.warnf("[Spotify Sync] Could not release the run lease of shard %s (it expires by itself): %s",
                                lease.shardKey(), failure.getClass().getSimpleName());
                        return null;
                    });
                });
    }

    private Uni<SyncRun> syncUsers(long runId, Shard shard, String trigger, Instant deadlineAt, long startNanos) {
        RunTally tally = new RunTally();
        int concurrency = config.run().concurrency();
        LOG.infof("[Spotify Sync] Starting sync run %d for shard %s (trigger %s, concurrency %d, deadline %s)",
                runId, shard.key(), trigger, concurrency, deadlineAt);
        return userStore.candidates(shard.index(), shard.count())
                .onItem().transformToUni(user -> syncOne(user, deadlineAt)).merge(concurrency)
                .onItem().invoke(tally::record)
                .onItem().ignoreAsUni()
                .onItem().transformToUni(ignored -> finish(runId, shard, trigger, tally, startNanos))
                .onFailure(failure -> !(failure instanceof RunFailedException)).recoverWithUni(failure -> {
                    SyncResult partial = tally.result();
                    LOG.errorf("[Spotify Sync] Run %d failed after %d users: the user list could not be read (%s: %s)",
                            runId, partial.totalUsers(), failure.getClass().getSimpleName(), failure.getMessage());
                    metrics.runFinished(trigger, SyncRun.FAILED, Duration.ofNanos(System.nanoTime() - startNanos));
                    return runHistory.finished(runId, SyncRun.FAILED, partial)
                            .onFailure().recoverWithNull()
                            .chain(() -> Uni.createFrom().<SyncRun>failure(new RunFailedException(
                                    "Sync failed: the user list could not be read from the database: "
                                            + DatabaseErrors.describe(failure), failure)));
                });
    }

    private Uni<UserOutcome> syncOne(SyncCandidate user, Instant deadlineAt) {
        return userSync.sync(user, deadlineAt)
                .map(plays -> {
                    metrics.userSynced(plays);
                    if (plays > 0) {
                        LOG.infof("[Spotify Sync] Synced %d plays for user %s", plays, user.userId());
                    } else {
                        LOG.debugf("[Spotify Sync] No new plays for user %s", user.userId());
                    }
                    return UserOutcome.synced(user.userId(), plays);
                })
                .onFailure().recoverWithItem(failure -> {
                    UserSyncException error = UserFailures.classify(failure);
                    metrics.userFailed(error.reason());
                    if (error.reason() == FailureReason.INTERNAL) {
                        LOG.errorf(failure, "[Spotify Sync] Error syncing user %s: %s", user.userId(), error.getMessage());
                    } else if (error.reason() == FailureReason.NO_TOKENS) {
                        // Expected for every account that never connected Spotify; not worth a warning each run.
                        LOG.infof("[Spotify Sync] Error syncing user %s: %s", user.userId(), error.getMessage());
                    } else {
                        LOG.warnf("[Spotify Sync] Error syncing user %s: %s", user.userId(), error.getMessage());
                    }
                    return UserOutcome.failed(user.userId(), error.reason(), error.getMessage());
                });
    }

    private Uni<SyncRun> finish(long runId, Shard shard, String trigger, RunTally tally, long startNanos) {
        SyncResult result = tally.result();
        String status = tally.deadlineWasExceeded() ? SyncRun.DEADLINE_EXCEEDED : SyncRun.SUCCEEDED;
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        metrics.runFinished(trigger, status, duration);
        LOG.infof("[Spotify Sync] Completed: %d successful, %d failed, %d plays synced (%d users, %d ms)",
                result.successful(), result.failed(), result.playsSynced(), result.totalUsers(), duration.toMillis());
        Uni<Void> explained = result.totalUsers() == 0 && shard.count() == 1 ? explainNoUsers() : Uni.createFrom().voidItem();
        return explained.chain(() -> runHistory.finished(runId, status, result))
                .onFailure().recoverWithItem(failure -> {
                    // The plays are stored; only the history row is incomplete. The caller still gets the result.
                    LOG.warnf("[Spotify Sync] Could not record the outcome of run %d: %s", runId,
                            failure.getClass().getSimpleName());
                    return null;
                })
                .replaceWith(new SyncRun(runId, status, result, duration));
    }

    /**
     * No users at all is what a login role without BYPASSRLS sees of Supabase's auth.users (row level security on):
     * the statistics still count the rows, so the log can say why instead of reporting a silent success.
     */
    private Uni<Void> explainNoUsers() {
        return userStore.statistics()
                .invoke(statistics -> {
                    if (statistics.users() > 0) {
                        LOG.warnf("[Spotify Sync] Found 0 users to sync, but auth.users holds about %d rows: the role "
                                        + "the service logs in as (%s) cannot see them. Log in as a role with BYPASSRLS "
                                        + "(Supabase's postgres), or give this role a policy on auth.users that lets "
                                        + "it read every row.", statistics.users(), statistics.loginRole());
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /** Renews the lease at a third of its time to live, so a run that outlives its deadline keeps it. */
    private Cancellable keepRenewing(RunLock.Lease lease, Duration ttl) {
        Duration every = ttl.dividedBy(3);
        RunLock.Lease[] current = {lease};
        return Multi.createFrom().ticks().startingAfter(every).every(every)
                .onItem().transformToUniAndConcatenate(tick -> runLock.renew(current[0], ttl)
                        .invoke(renewed -> current[0] = renewed)
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("[Spotify Sync] Could not renew the run lease of shard %s: %s",
                                    lease.shardKey(), failure.getClass().getSimpleName());
                            return null;
                        }))
                .subscribe().with(ignored -> { }, failure -> { });
    }

    private static RunFailedException notStarted(String what, Throwable cause) {
        LOG.errorf("[Spotify Sync] Sync could not start: %s (%s: %s)", what, cause.getClass().getSimpleName(),
                cause.getMessage());
        return new RunFailedException("Sync could not start: " + DatabaseErrors.describe(cause), cause);
    }
}
