package io.tempo.bench.sync;

import io.tempo.bench.report.Samples;
import io.tempo.bench.sim.SimulatorConfig;
import io.tempo.bench.sim.SpotifySimulator;
import java.nio.file.Path;

/**
 * The sync under 429s and 5xx: each repetition syncs the same users twice from empty tables, against a clean
 * simulator and against one that answers a share of the calls with faults, and checks the stored plays equal the
 * simulator's exactly.
 */
final class TroubleScenario {

    private final SyncSetup setup;
    private final TroubleReport report;

    TroubleScenario(SyncSetup setup) {
        this.setup = setup;
        this.report = new TroubleReport(setup.report(), setup.options().trouble429Share(),
                setup.options().trouble5xxShare());
    }

    void run() throws Exception {
        for (int size : setup.options().sizes()) {
            for (ServiceBuild build : setup.builds()) {
                sizeOfBuild(size, build);
            }
        }
        report.finish();
    }

    private void sizeOfBuild(int size, ServiceBuild build) throws Exception {
        SyncOptions options = setup.options();
        SimulatorConfig clean = options.simulator().withUsers(size);
        SimulatorConfig faulty = clean.withFaults(options.trouble429Share(), options.trouble5xxShare());
        Samples cleanWall = new Samples(), faultyWall = new Samples(), slowdown = new Samples();
        for (int run = 1; run <= options.runs(); run++) {
            ServiceRun ok = syncOnce(clean, build, setup.log("clean", build, size, run));
            ServiceRun bad = syncOnce(faulty, build, setup.log("trouble", build, size, run));
            cleanWall.add(ok.wallSeconds());
            faultyWall.add(bad.wallSeconds());
            slowdown.add(bad.wallSeconds() / ok.wallSeconds());
            report.run(size, build.label(), run, ok, false);
            report.run(size, build.label(), run, bad, true);
        }
        report.slowdown(size, setup.label(build), cleanWall, faultyWall, slowdown);
    }

    /** A fresh simulator for each run, so neither run sees the other's faults or counters. */
    private ServiceRun syncOnce(SimulatorConfig config, ServiceBuild build, Path log) throws Exception {
        try (SpotifySimulator sim = SpotifySimulator.start(config, "127.0.0.1", 0)) {
            return ServiceRun.measure(setup, build, sim, log);
        }
    }
}
