package io.tempo.bench.sync;

import io.tempo.bench.db.BenchDatabase;
import io.tempo.bench.db.BenchPostgres;
import io.tempo.bench.db.PlayVerifier;
import io.tempo.bench.db.StatementCounter;
import io.tempo.bench.naive.NaiveSync;
import io.tempo.bench.sim.SpotifySimulator;
import io.tempo.bench.sim.Users;

/** The naive baseline phase: the original route's algorithm, time-boxed, against the same simulator and rows. */
record NaiveRun(NaiveSync.Result result, long statements, PlayVerifier.Verification verification,
                double postgresCpuMs) {

    static NaiveRun measure(SyncSetup setup, BenchDatabase db, SpotifySimulator sim) throws Exception {
        Users users = sim.users();
        FreshTables.seed(db, users);
        StatementCounter.reset(db);
        sim.resetStats();
        PostgresCpu postgresCpu = PostgresCpu.from(setup.server());
        NaiveSync.Result result = new NaiveSync(db, users, sim.baseUrl(), sim.baseUrl())
                .run(setup.options().naiveMaxUsers(), setup.options().naiveBudget());
        double pgCpu = postgresCpu.afterBackendsExitMs();
        StatementCounter.Counts counts = StatementCounter.of(db, BenchPostgres.NAIVE_ROLE);
        // Only the users it reached before its time box count: the others were never meant to be stored.
        PlayVerifier.Verification verification = PlayVerifier.verify(db, users, result.covered()::get);
        return new NaiveRun(result, counts.statements(), verification, pgCpu);
    }

    double usersPerSecond() {
        return result.usersDone() / (result.nanos() / 1e9);
    }

    double playsPerSecond() {
        return result.playsInserted() / (result.nanos() / 1e9);
    }

    double statementsPerUser() {
        return (double) statements / Math.max(1, result.usersDone());
    }

    double postgresCpuPerUser() {
        return postgresCpuMs / Math.max(1, result.usersDone());
    }
}
