package io.tempo.bench.sync;

import io.tempo.bench.db.BenchDatabase;
import io.tempo.bench.db.BenchPostgres;
import io.tempo.bench.db.PlayVerifier;
import io.tempo.bench.db.StatementCounter;
import io.tempo.bench.proc.CpuTime;
import io.tempo.bench.sim.SimulatorStats;
import io.tempo.bench.sim.SpotifySimulator;
import io.tempo.bench.sim.Users;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The service phase: one sync of every user by a fresh service JVM (so peak RSS is this run's peak), and what it
 * cost.
 *
 * @param serviceCpuMs  CPU of the service JVM during the run
 * @param postgresCpuMs CPU of the whole database server during the run
 * @param simulatorCpuMs CPU of the harness's own JVM (the simulator) during the run
 */
record ServiceRun(int users, SyncService.RunAnswer answer, long statements, List<StatementCounter.Top> topStatements,
                  long idleRssKb, long peakRssKb, double startupMs, SimulatorStats.Snapshot sim,
                  PlayVerifier.Verification verification, double serviceCpuMs, double postgresCpuMs,
                  double simulatorCpuMs) {

    static ServiceRun measure(SyncSetup setup, ServiceBuild build, SpotifySimulator sim, Path log) throws Exception {
        Users users = sim.users();
        BenchDatabase db = build.db();
        FreshTables.seed(db, users);
        try (SyncService service = build.start(setup.options(), sim, log, setup.options().jfr())) {
            long idleRss = service.process().rssKb();
            StatementCounter.reset(db);
            sim.resetStats();
            double serviceCpu = CpuTime.processMs(service.process().pid());
            PostgresCpu postgresCpu = PostgresCpu.from(setup.server());
            double simCpu = CpuTime.processMs(ProcessHandle.current().pid());
            SyncService.RunAnswer answer = service.sync(Duration.ofMinutes(20));
            simCpu = CpuTime.processMs(ProcessHandle.current().pid()) - simCpu;
            serviceCpu = CpuTime.processMs(service.process().pid()) - serviceCpu;
            double pgCpu = postgresCpu.sinceStartMs();
            long peak = service.process().peakRssKb();
            StatementCounter.Counts counts = StatementCounter.of(db, BenchPostgres.SERVICE_ROLE);
            SimulatorStats.Snapshot stats = sim.stats();
            PlayVerifier.Verification verification = PlayVerifier.verify(db, users, u -> true);
            return new ServiceRun(users.count(), answer, counts.statements(), counts.top(), idleRss, peak,
                    service.startupMs(), stats, verification, serviceCpu, pgCpu, simCpu);
        }
    }

    double serviceCpuPerUser() {
        return serviceCpuMs / users;
    }

    double postgresCpuPerUser() {
        return postgresCpuMs / users;
    }

    /** Users/s the service and its database could reach on two cores of their own if CPU were the only limit. */
    double twoCoreCeiling() {
        return 2000.0 / (serviceCpuPerUser() + postgresCpuPerUser());
    }

    double wallSeconds() {
        return answer.wallNanos() / 1e9;
    }

    double usersPerSecond() {
        return users / wallSeconds();
    }

    double playsPerSecond() {
        return verification.stored() / wallSeconds();
    }

    double statementsPerUser() {
        return (double) statements / users;
    }

    /** {@code 0}, or how many users failed and the first error, as the tables quote it. */
    String failures() {
        return answer.failed() == 0 ? "0" : answer.failed() + " (" + answer.firstError() + ")";
    }
}
