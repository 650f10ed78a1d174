package io.tempo.bench.sync;

import io.tempo.bench.sim.SimulatorConfig;
import io.tempo.bench.sim.SpotifySimulator;
import java.util.List;

/**
 * The sync against Spotify's kind of limit: a rolling window of N Web API calls per W for the whole app (3,000 per
 * 30 s unless {@code --rate-window-calls}/{@code --rate-window-ms} say otherwise), a fresh simulator (an empty
 * window) for every run. How close a run gets to the window's rate, and how many of its calls were refused.
 */
final class RateLimitScenario {

    private final SyncSetup setup;
    private final SimulatorConfig limited;
    private final RateLimitReport report;

    RateLimitScenario(SyncSetup setup) {
        this.setup = setup;
        SimulatorConfig simulator = setup.options().simulator();
        this.limited = simulator.windowCalls() > 0 ? simulator : simulator.withWindow(3_000, 30_000);
        this.report = new RateLimitReport(setup.report(), limited);
    }

    void run() throws Exception {
        report.window();
        for (int size : setup.options().sizes()) {
            size(size);
        }
        report.finish(setup.options().runs());
    }

    private void size(int size) throws Exception {
        List<RateLimitSamples> byBuild = setup.builds().stream().map(b -> new RateLimitSamples()).toList();
        for (int run = 1; run <= setup.options().runs(); run++) {
            for (int b = 0; b < setup.builds().size(); b++) {
                ServiceBuild build = setup.builds().get(b);
                RateLimitRun r = syncOnce(size, run, build);
                byBuild.get(b).record(r);
                report.run(size, run, build.label(), setup.label(build), r);
            }
        }
        for (int b = 0; b < setup.builds().size(); b++) {
            report.summarise(size, setup.builds().get(b).label(), byBuild.get(b));
        }
    }

    private RateLimitRun syncOnce(int size, int run, ServiceBuild build) throws Exception {
        try (SpotifySimulator sim = SpotifySimulator.start(limited.withUsers(size), "127.0.0.1", 0)) {
            ServiceRun r = ServiceRun.measure(setup, build, sim, setup.log("ratelimit", build, size, run));
            return new RateLimitRun(r, report.windowRate());
        }
    }
}
