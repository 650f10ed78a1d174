package io.tempo.bench.sync;

import io.tempo.bench.report.Samples;

/** One build's rate-limit figures over the repetitions of one size. */
final class RateLimitSamples {

    final Samples reached = new Samples();
    final Samples share429 = new Samples();
    final Samples usersPerS = new Samples();
    final Samples wall = new Samples();
    final Samples failed = new Samples();
    /** {@code exact} until a run's plays differ from the simulator's; then that run's difference. */
    String verified = "exact";

    void record(RateLimitRun limited) {
        ServiceRun run = limited.run();
        reached.add(limited.reached() * 100);
        share429.add(limited.share429() * 100);
        usersPerS.add(run.usersPerSecond());
        wall.add(run.wallSeconds());
        failed.add(run.answer().failed());
        if (!run.verification().exact()) {
            verified = run.verification().toString();
        }
    }
}
