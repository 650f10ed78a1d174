package io.tempo.bench.sync;

import io.tempo.bench.db.BenchPostgres;
import io.tempo.bench.report.Report;
import java.nio.file.Path;
import java.util.List;

/** What every phase of one invocation shares: its options, the one database server, the builds, the report. */
record SyncSetup(SyncOptions options, BenchPostgres server, List<ServiceBuild> builds, Report report) {

    /** How a row names a build: nothing when only one build runs, so single-build reports stay as they were. */
    String label(ServiceBuild build) {
        return builds.size() == 1 ? "" : " [" + build.label() + "]";
    }

    /** A log file of this invocation, e.g. {@code sync-tempo-1000-run1}. */
    Path log(String name) {
        return options.runDir().resolve(name + ".log");
    }

    /** The log of one service run: what it was, which build's database, the size and the repetition. */
    Path log(String phase, ServiceBuild build, int size, int run) {
        return log(phase + "-" + build.db().name() + "-" + size + "-run" + run);
    }
}
