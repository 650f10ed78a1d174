package io.tempo.bench.sync;

import io.tempo.bench.db.BenchDatabase;
import io.tempo.bench.db.ExpectedRows;
import io.tempo.bench.db.IngestBaseline;
import io.tempo.bench.sim.Users;

/** The ingest-alone phase: the service's ingest function fed over JDBC, no HTTP and no latency. */
record IngestRun(IngestBaseline.Result result, double postgresCpuMs, boolean slim) {

    static IngestRun measure(SyncSetup setup, ServiceBuild build, Users users, ExpectedRows expected)
            throws Exception {
        SyncOptions options = setup.options();
        BenchDatabase db = build.db();
        FreshTables.seed(db, users);
        PostgresCpu postgresCpu = PostgresCpu.from(setup.server());
        IngestBaseline.Result result = IngestBaseline.run(db, users, options.ingestConnections(), options.ingestUsers(),
                build.slimIngest(), options.ingestBatch());
        double pgCpu = postgresCpu.afterBackendsExitMs();
        // With --ingest-users below the size only a prefix is stored, which no check can call exact.
        if (options.ingestUsers() >= users.count()) {
            StoredRows.requireExact(db, users, "ingest baseline", result.plays(), expected.plays());
        }
        return new IngestRun(result, pgCpu, build.slimIngest());
    }

    double usersPerSecond() {
        return result.users() / (result.nanos() / 1e9);
    }

    double postgresCpuPerUser() {
        return postgresCpuMs / result.users();
    }
}
