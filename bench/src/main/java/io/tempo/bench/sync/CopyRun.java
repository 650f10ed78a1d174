package io.tempo.bench.sync;

import io.tempo.bench.db.BenchDatabase;
import io.tempo.bench.db.CopyBaseline;
import io.tempo.bench.db.ExpectedRows;
import io.tempo.bench.sim.Users;

/** The COPY ceiling phase: the rows the sync must store, written by {@code COPY} in one transaction. */
record CopyRun(CopyBaseline.Result result, double postgresCpuMs, int users) {

    static CopyRun measure(SyncSetup setup, BenchDatabase db, Users users, ExpectedRows expected) throws Exception {
        FreshTables.seed(db, users);
        PostgresCpu postgresCpu = PostgresCpu.from(setup.server());
        CopyBaseline.Result result = CopyBaseline.run(db, expected);
        double pgCpu = postgresCpu.afterBackendsExitMs();
        StoredRows.requireExact(db, users, "COPY baseline", result.plays(), expected.plays());
        return new CopyRun(result, pgCpu, users.count());
    }

    double playsPerSecond() {
        return result.playsPerSecond();
    }

    double postgresCpuPerUser() {
        return postgresCpuMs / users;
    }
}
