package io.tempo.bench.sync;

import io.tempo.bench.sim.SimulatorStats;

/**
 * One service run against the simulator's rolling window, read against the window's own rate.
 *
 * @param windowRate the calls per second the window lets in at most
 */
record RateLimitRun(ServiceRun run, double windowRate) {

    /** Web API calls the window let in; the calls it refused do not count against it. */
    long accepted() {
        SimulatorStats.Snapshot st = run.sim();
        return st.pageRequests() - st.windowLimited();
    }

    /** How close the run came to the window's rate, as a share (1 = every second of the run at the window's rate). */
    double reached() {
        return accepted() / run.wallSeconds() / windowRate;
    }

    /** 429s ÷ Web API calls. */
    double share429() {
        return (double) run.sim().rateLimited() / run.sim().pageRequests();
    }
}
