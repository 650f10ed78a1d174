package io.tempo.bench.sync;

import io.tempo.bench.db.BenchPostgres;

/** CPU the whole PostgreSQL server spends over one phase, in ms. */
final class PostgresCpu {

    private final BenchPostgres server;
    private final double before;

    private PostgresCpu(BenchPostgres server) {
        this.server = server;
        this.before = server.cpuMs();
    }

    static PostgresCpu from(BenchPostgres server) {
        return new PostgresCpu(server);
    }

    /** While the phase's connections are still open (the service's): their backends count as they run. */
    double sinceStartMs() {
        return server.cpuMs() - before;
    }

    /**
     * After the phase closed its connections. A backend's CPU moves to the postmaster's children total only once the
     * exited backend is reaped, so the reading waits a moment for that; there is nothing to poll that says it was.
     */
    double afterBackendsExitMs() throws InterruptedException {
        Thread.sleep(500);
        return sinceStartMs();
    }
}
