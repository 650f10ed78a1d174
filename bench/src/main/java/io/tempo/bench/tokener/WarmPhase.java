package io.tempo.bench.tokener;

import io.tempo.bench.proc.Http;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One more start of a build for the warmed figures: fresh tokens with a warm browser (forced, with the force rate
 * limit set to 0), each checked to have reached the page, then cached {@code /api/token} under wrk after a warm-up,
 * checked the other way (not one request reached the page).
 */
final class WarmPhase {

    private final TokenerOptions options;
    private final WebPlayerServer page;

    WarmPhase(TokenerOptions options, WebPlayerServer page) {
        this.options = options;
        this.page = page;
    }

    void run(TokenerBuild build, TokenerFigures f) throws Exception {
        try (TokenerService service = TokenerBenchmark.start(options, build, page, "warm")) {
            f.started(service.awaitStarted(Duration.ofMinutes(2), 20));
            for (int i = 0; i < options.freshSamples(); i++) {
                Thread.sleep(options.freshIntervalMs()); // the pacing itself, see TokenerOptions
                f.fresh.add(freshFetch(service, i));
            }
            wrk(service, options.connections().get(0), options.warmupSeconds(), log(build, "warmup"));
            int before = page.tokenRequests();
            for (int run = 1; run <= options.runs(); run++) {
                for (int c : options.connections()) {
                    Wrk.Result r = wrk(service, c, options.seconds(), log(build, "c" + c + "-run" + run));
                    requireClean(build, r);
                    f.warm.computeIfAbsent(c, k -> new TokenerFigures.WrkSamples()).add(r);
                }
            }
            f.pageRequestsDuringLoad = page.tokenRequests() - before;
            f.jvmPeakKb = service.process().peakRssKb();
        }
    }

    private Wrk.Result wrk(TokenerService service, int connections, int seconds, Path log) throws Exception {
        return Wrk.run(options.wrk(), options.wrkScript(), service.tokenUrl(), options.threads(), connections, seconds,
                log);
    }

    private Path log(TokenerBuild build, String what) {
        return options.runDir().resolve(build.slug() + "-wrk-" + what + ".log");
    }

    private static void requireClean(TokenerBuild build, Wrk.Result r) {
        if (r.errors() > 0 || r.non2xx() > 0) {
            throw new IllegalStateException(build.label() + ": wrk saw " + r.errors() + " socket errors and "
                    + r.non2xx() + " non-2xx");
        }
    }

    /** A forced fetch that must be fresh: answered uncached and seen by the page. */
    private double freshFetch(TokenerService service, int i) throws Exception {
        int before = page.tokenRequests();
        Http.Response response = Http.get(service.tokenUrl() + "?force=1", Map.of(), Duration.ofSeconds(90));
        JsonObject body = new JsonObject(response.body());
        if (response.status() != 200 || body.getBoolean("cached", true) || page.tokenRequests() <= before) {
            throw new IllegalStateException("forced fetch " + i + " was not fresh: " + response.status() + " "
                    + body.getValue("cached") + ", page token requests " + before + " -> " + page.tokenRequests());
        }
        return response.nanos() / 1e6;
    }
}
