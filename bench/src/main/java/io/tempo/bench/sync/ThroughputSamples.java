package io.tempo.bench.sync;

import io.tempo.bench.report.Samples;

/** The figures of one build over the repetitions of one size; ratios use the baselines of the same repetition. */
final class ThroughputSamples {

    final Samples wall = new Samples();
    final Samples usersPerS = new Samples();
    final Samples playsPerS = new Samples();
    final Samples statements = new Samples();
    final Samples peak = new Samples();
    final Samples ingestPlaysPerS = new Samples();
    final Samples userRatio = new Samples();
    final Samples ingestRatio = new Samples();
    final Samples serviceCpu = new Samples();
    final Samples postgresCpu = new Samples();
    final Samples ceiling = new Samples();
    final Samples ingestCpu = new Samples();
    final Samples cpuRatio = new Samples();
    /** {@code exact} until a run's plays differ from the simulator's; then that run's difference. */
    String verified = "exact";

    void record(ServiceRun svc, IngestRun ingest, NaiveRun naive, CopyRun copy) {
        serviceCpu.add(svc.serviceCpuPerUser());
        postgresCpu.add(svc.postgresCpuPerUser());
        ceiling.add(svc.twoCoreCeiling());
        ingestCpu.add(ingest.postgresCpuPerUser());
        cpuRatio.add(copy.postgresCpuPerUser() / ingest.postgresCpuPerUser());
        wall.add(svc.wallSeconds());
        usersPerS.add(svc.usersPerSecond());
        playsPerS.add(svc.playsPerSecond());
        statements.add(svc.statementsPerUser());
        peak.add(svc.peakRssKb() / 1024.0);
        ingestPlaysPerS.add(ingest.result().playsPerSecond());
        userRatio.add(svc.usersPerSecond() / naive.usersPerSecond());
        ingestRatio.add(ingest.result().playsPerSecond() / copy.playsPerSecond());
        if (!svc.verification().exact()) {
            verified = svc.verification().toString();
        }
    }
}
