package io.tempo.bench.sync;

import io.tempo.bench.db.PlayVerifier;
import io.tempo.bench.db.StatementCounter;
import io.tempo.bench.sim.SimulatorStats;
import java.util.List;

/** Measured runs with round figures, for the report tests: what each phase would hand the report. */
final class SyncRuns {

    private SyncRuns() {
    }

    /** A run's simulator counters: only the ones the reports quote are set. */
    static SimulatorStats.Snapshot stats(long pageRequests, long rateLimited, long windowLimited, long serverErrors) {
        return new SimulatorStats.Snapshot(pageRequests, pageRequests, 0, 0, 0, 0, rateLimited, windowLimited,
                serverErrors, 0, 0, 0, 0, 0, 0, 0);
    }

    static PlayVerifier.Verification exact(long plays) {
        return new PlayVerifier.Verification(plays, plays, plays, 0, 0);
    }

    /**
     * 200 users of 50 plays synced in 20 s: 244 statements, 189 MB idle and 335 MB at peak, 5,180 ms of service
     * CPU, 1,860 of PostgreSQL and 2,000 of the simulator.
     */
    static ServiceRun service(int failed, String firstError, SimulatorStats.Snapshot stats,
                              PlayVerifier.Verification verification) {
        SyncService.RunAnswer answer = new SyncService.RunAnswer(20_000_000_000L, 19_990, 200, 200 - failed, failed,
                verification.stored(), failed, firstError);
        return new ServiceRun(200, answer, 244,
                List.of(new StatementCounter.Top(200, 10_000, 1234.4, "select `ingest`($1, $2)")), 189 * 1024,
                335 * 1024, 7682, stats, verification, 5180, 1860, 2000);
    }

    static ServiceRun service() {
        return service(0, "", stats(400, 0, 0, 0), exact(10_000));
    }
}
