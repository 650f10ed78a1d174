package io.tempo.bench.tokener;

import io.tempo.bench.report.Samples;
import java.util.LinkedHashMap;
import java.util.Map;

/** Everything measured of one build over all its starts. */
final class TokenerFigures {

    final Samples ready = new Samples();
    final Samples firstToken = new Samples();
    final Samples idlePss = new Samples();
    final Samples idleJvmPss = new Samples();
    final Samples coldRps = new Samples();
    final Samples coldP99 = new Samples();
    final Samples fresh = new Samples();
    /** The warmed wrk runs by their number of connections. */
    final Map<Integer, WrkSamples> warm = new LinkedHashMap<>();
    int pageRequestsDuringLoad;
    long jvmPeakKb;

    void started(TokenerService.Started started) {
        ready.add(started.readyMs());
        firstToken.add(started.firstTokenMs());
    }

    /** One wrk run's throughput and latency percentiles. */
    static final class WrkSamples {
        final Samples rps = new Samples();
        final Samples p50 = new Samples();
        final Samples p99 = new Samples();
        final Samples p999 = new Samples();

        void add(Wrk.Result r) {
            rps.add(r.requestsPerSecond());
            p50.add(r.p50Ms());
            p99.add(r.p99Ms());
            p999.add(r.p999Ms());
        }
    }
}
