package io.tempo.bench.sync;

import io.tempo.bench.db.BenchDatabase;
import io.tempo.bench.sim.SpotifySimulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A service build under test with its own database, so builds with different migrations can be compared on one
 * server.
 *
 * @param slimIngest what the ingest-alone phase sends for this build: the items this build's service sends
 */
record ServiceBuild(String label, Path app, BenchDatabase db, boolean slimIngest) {

    /** A fresh JVM of this build against its database and {@code sim}, ready to be triggered. */
    SyncService start(SyncOptions options, SpotifySimulator sim, Path log, boolean recordJfr) throws Exception {
        List<String> javaOptions = new ArrayList<>(options.javaOptions());
        if (recordJfr) {
            javaOptions.add("-XX:StartFlightRecording=filename=" + log.toString().replace(".log", ".jfr")
                    + ",settings=profile,dumponexit=true");
        }
        return SyncService.start(app, javaOptions, options.datasource().environment(db), sim.baseUrl(),
                options.simulator().clientId(), options.simulator().clientSecret(), options.serviceEnv(), log);
    }
}
