package io.tempo.bench.tokener;

import io.tempo.bench.proc.ProcMemory;
import java.time.Duration;

/**
 * One cold start of a build as LavaSrc meets it: spawn to ready and to the first token, idle memory a few seconds
 * later (the JVM, Playwright's driver and Chromium), then cached {@code /api/token} under wrk on the JVM that just
 * started (JIT still cold).
 */
final class ColdStartPhase {

    private final TokenerOptions options;
    private final WebPlayerServer page;

    ColdStartPhase(TokenerOptions options, WebPlayerServer page) {
        this.options = options;
        this.page = page;
    }

    void run(TokenerBuild build, int run, TokenerFigures f) throws Exception {
        try (TokenerService service = TokenerBenchmark.start(options, build, page, "cold" + run)) {
            f.started(service.awaitStarted(Duration.ofMinutes(2), 20));
            Thread.sleep(options.idleSeconds() * 1000L); // idle means a set time after the first token, not a poll
            ProcMemory.Tree tree = service.process().descendants();
            long jvmPss = ProcMemory.pssKb(service.process().pid());
            f.idleJvmPss.add(jvmPss / 1024.0);
            f.idlePss.add((jvmPss + tree.pssKb()) / 1024.0);
            Wrk.Result cold = Wrk.run(options.wrk(), options.wrkScript(), service.tokenUrl(), options.threads(),
                    options.connections().get(0), options.coldSeconds(),
                    options.runDir().resolve(build.slug() + "-wrk-first-load-run" + run + ".log"));
            f.coldRps.add(cold.requestsPerSecond());
            f.coldP99.add(cold.p99Ms());
        }
    }
}
