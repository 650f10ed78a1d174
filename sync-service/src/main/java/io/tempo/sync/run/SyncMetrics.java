package io.tempo.sync.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Run metrics for Prometheus: {@code sync_plays_synced_total}, {@code sync_users_synced_total},
 * {@code sync_users_failed_total{reason}} and {@code sync_run_duration_seconds{trigger,status}}.
 */
@ApplicationScoped
class SyncMetrics {

    private final MeterRegistry registry;
    private final Counter playsSynced;
    private final Counter usersSynced;

    SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.playsSynced = Counter.builder("sync.plays.synced")
                .description("New plays stored by sync runs")
                .register(registry);
        this.usersSynced = Counter.builder("sync.users.synced")
                .description("Users whose sync succeeded")
                .register(registry);
    }

    void userSynced(int plays) {
        usersSynced.increment();
        playsSynced.increment(plays);
    }

    void userFailed(FailureReason reason) {
        Counter.builder("sync.users.failed")
                .description("Users whose sync failed, by reason")
                .tag("reason", reason.tag())
                .register(registry)
                .increment();
    }

    void runFinished(String trigger, String status, Duration duration) {
        Timer.builder("sync.run.duration")
                .description("Duration of sync runs, by trigger and final status")
                .tag("trigger", trigger)
                .tag("status", status)
                .register(registry)
                .record(duration);
    }
}
