package io.tempo.bench.sync;

import io.tempo.bench.db.BenchDatabase;
import io.tempo.bench.db.ExpectedRows;
import io.tempo.bench.sim.SpotifySimulator;
import io.tempo.bench.sim.Users;
import java.util.List;

/**
 * Throughput of the service against the naive route and the COPY ceiling: in every repetition, on the same server
 * and the same simulator, the naive baseline and COPY run once (on the first build's database), then each build's
 * service and its ingest function alone.
 */
final class ThroughputScenario {

    private final SyncSetup setup;
    private final ThroughputReport report;
    private final boolean withBaselines;

    ThroughputScenario(SyncSetup setup) {
        this.setup = setup;
        this.report = new ThroughputReport(setup.report());
        this.withBaselines = !setup.options().skipBaselines();
    }

    void run() throws Exception {
        for (int size : setup.options().sizes()) {
            try (SpotifySimulator sim = SpotifySimulator.start(setup.options().simulator().withUsers(size),
                    "127.0.0.1", 0)) {
                size(size, sim);
            }
        }
        report.finish(setup.options().runs(), withBaselines);
    }

    private void size(int size, SpotifySimulator sim) throws Exception {
        ExpectedRows expected = new ExpectedRows(sim.users());
        BaselineSamples baselines = new BaselineSamples();
        List<ThroughputSamples> byBuild = setup.builds().stream().map(b -> new ThroughputSamples()).toList();
        for (int run = 1; run <= setup.options().runs(); run++) {
            if (withBaselines) {
                repetition(size, run, sim, expected, baselines, byBuild);
            } else {
                servicesAlone(size, run, sim);
            }
        }
        for (int b = 0; b < setup.builds().size() && withBaselines; b++) {
            report.summarise(size, setup.builds().get(b).label(), byBuild.get(b), baselines);
        }
    }

    private void servicesAlone(int size, int run, SpotifySimulator sim) throws Exception {
        for (ServiceBuild build : setup.builds()) {
            ServiceRun svc = ServiceRun.measure(setup, build, sim, setup.log("sync", build, size, run));
            report.service(size, run, setup.label(build), svc);
        }
    }

    private void repetition(int size, int run, SpotifySimulator sim, ExpectedRows expected, BaselineSamples baselines,
                            List<ThroughputSamples> byBuild) throws Exception {
        Users users = sim.users();
        BenchDatabase baselineDb = setup.builds().get(0).db();
        NaiveRun naive = NaiveRun.measure(setup, baselineDb, sim);
        report.naive(size, run, naive);
        CopyRun copy = CopyRun.measure(setup, baselineDb, users, expected);
        report.copy(size, run, copy);
        baselines.record(naive, copy);
        for (int b = 0; b < setup.builds().size(); b++) {
            ServiceBuild build = setup.builds().get(b);
            String label = setup.label(build);
            ServiceRun svc = ServiceRun.measure(setup, build, sim, setup.log("sync", build, size, run));
            report.service(size, run, label, svc);
            IngestRun ingest = IngestRun.measure(setup, build, users, expected);
            report.ingest(size, run, label, ingest);
            byBuild.get(b).record(svc, ingest, naive, copy);
            report.progress(size, run, label, svc);
        }
        report.baselines(size, run, naive, copy);
    }
}
