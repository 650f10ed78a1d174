package io.tempo.bench.sync;

import io.tempo.bench.report.Samples;

/** The naive and COPY figures over the repetitions of one size: one set for every build compared. */
final class BaselineSamples {

    final Samples naiveUsersPerS = new Samples();
    final Samples naiveStatements = new Samples();
    final Samples copyPlaysPerS = new Samples();
    final Samples copyCpuPerUser = new Samples();

    void record(NaiveRun naive, CopyRun copy) {
        naiveUsersPerS.add(naive.usersPerSecond());
        naiveStatements.add(naive.statementsPerUser());
        copyPlaysPerS.add(copy.playsPerSecond());
        copyCpuPerUser.add(copy.postgresCpuPerUser());
    }
}
