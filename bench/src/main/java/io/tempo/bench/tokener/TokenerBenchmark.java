package io.tempo.bench.tokener;

import io.tempo.bench.Args;
import io.tempo.bench.proc.Http;
import io.tempo.bench.proc.ProcMemory;
import io.tempo.bench.report.Report;
import io.tempo.bench.report.Samples;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tokener as LavaSrc loads it: cold start to the first token, the time to a fresh token with a warm
 * browser (forced, with the force rate limit set to 0), cached {@code /api/token} under wrk from a
 * separate process, and the memory of the JVM and of Chromium. Every fresh fetch is checked against the
 * local page's counters (it really reached the page), and the wrk runs are checked the other way (not
 * one of them did).
 */
public final class TokenerBenchmark {

    private final Args args;
    private final String command;

    public TokenerBenchmark(Args args, String command) {
        this.args = args;
        this.command = command;
    }

    public void run() throws Exception {
        Path app = Path.of(args.string("tokener-app", "/tmp/bench-src/tokener-service/target/quarkus-app"));
        String opts = args.string("java-opts", "");
        List<String> javaOptions = opts.isBlank() ? List.of() : Arrays.asList(opts.trim().split("\\s+"));
        Map<String, String> env = new HashMap<>(Map.of("TOKENER_CACHE_MIN_FETCH_INTERVAL", "0s"));
        env.putAll(args.pairs("service-env"));
        int runs = args.integer("runs", 3);
        int seconds = args.integer("duration-s", 15);
        int warmup = args.integer("warmup-s", 10);
        List<Integer> connections = args.integers("connections", "64,256");
        int threads = args.integer("threads", 2);
        int freshSamples = args.integer("fresh-samples", 20);
        // Forced refreshes are paced: in service they are at most one per min-fetch-interval (30 s by default),
        // and the tokener opens the next fetch's page right after answering, which back-to-back calls would wait for.
        int freshIntervalMs = args.integer("fresh-interval-ms", 1000);
        String wrk = args.string("wrk", "/usr/bin/wrk");
        Path script = Path.of(args.string("wrk-script", "bench/wrk/percentiles.lua")).toAbsolutePath();
        int pageTokenLatency = args.integer("page-token-latency-ms", 0);
        Path outDir = Path.of(args.string("out", "bench/target/results"));
        args.rejectUnknown();
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalArgumentException("no packaged tokener-service at " + app);
        }
        Path runDir = outDir.resolve("tokener-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Report report = new Report(runDir.resolve("report.md"), "Tokener", command);
        report.line("Service: JVM options `" + String.join(" ", javaOptions) + "`, environment `" + env + "`; wrk "
                + threads + " threads, " + seconds + " s per run after a " + warmup + " s warm-up, keep-alive, loopback;"
                + " local web-player page answering its token request after " + pageTokenLatency + " ms.");
        report.line("");

        try (WebPlayerServer page = WebPlayerServer.start(0, pageTokenLatency)) {
            Samples ready = new Samples(), firstToken = new Samples();
            TokenerService service = null;
            for (int run = 1; run <= runs; run++) {
                if (service != null) {
                    service.close();
                }
                service = TokenerService.start(app, javaOptions, page.url(), env, runDir.resolve("tokener-" + run + ".log"));
                long readyAt = Http.awaitUntil(service.readyUrl(), r -> r.status() == 200, service.process(),
                        Duration.ofMinutes(2), 20);
                long tokenAt = service.awaitFirstToken(Duration.ofMinutes(2));
                ready.add((readyAt - service.process().startedNanos()) / 1e6);
                firstToken.add((tokenAt - service.process().startedNanos()) / 1e6);
            }
            try (TokenerService tokener = service) {
                long jvmAfterStart = tokener.process().rssKb();
                ProcMemory.Tree chromiumAfterStart = tokener.process().descendants();

                Samples fresh = new Samples();
                for (int i = 0; i < freshSamples; i++) {
                    Thread.sleep(freshIntervalMs);
                    int before = page.tokenRequests();
                    Http.Response response = Http.get(tokener.tokenUrl() + "?force=1", Map.of(), Duration.ofSeconds(90));
                    JsonObject body = new JsonObject(response.body());
                    if (response.status() != 200 || body.getBoolean("cached", true) || page.tokenRequests() <= before) {
                        throw new IllegalStateException("forced fetch " + i + " was not fresh: " + response.status()
                                + " " + body.getValue("cached") + ", page token requests " + before + " -> "
                                + page.tokenRequests());
                    }
                    fresh.add(response.nanos() / 1e6);
                }
                report.line(String.format(Locale.ROOT, "Fresh token with a warm browser (GET /api/token?force=1, %d "
                        + "calls %d ms apart, each one reaching the page): median %.0f ms, min %.0f, max %.0f.",
                        freshSamples, freshIntervalMs, fresh.median(), fresh.min(), fresh.max()));
                report.line("");

                Wrk.run(wrk, script, tokener.tokenUrl(), threads, connections.get(0), warmup, runDir.resolve("wrk-warmup.log"));
                int pageRequestsBeforeLoad = page.tokenRequests();
                List<List<String>> rows = new ArrayList<>();
                Map<Integer, List<Samples>> byConnections = new HashMap<>();
                for (int run = 1; run <= runs; run++) {
                    for (int c : connections) {
                        Wrk.Result r = Wrk.run(wrk, script, tokener.tokenUrl(), threads, c, seconds,
                                runDir.resolve("wrk-c" + c + "-run" + run + ".log"));
                        rows.add(List.of(Integer.toString(c), Integer.toString(run), fmt("%.0f", r.requestsPerSecond()),
                                fmt("%.2f", r.p50Ms()), fmt("%.2f", r.p90Ms()), fmt("%.2f", r.p99Ms()), fmt("%.2f", r.p999Ms()),
                                fmt("%.1f", r.maxMs()), Long.toString(r.errors()), Long.toString(r.non2xx())));
                        List<Samples> s = byConnections.computeIfAbsent(c, k -> List.of(new Samples(), new Samples(),
                                new Samples(), new Samples()));
                        s.get(0).add(r.requestsPerSecond());
                        s.get(1).add(r.p50Ms());
                        s.get(2).add(r.p99Ms());
                        s.get(3).add(r.p999Ms());
                    }
                }
                int pageRequestsDuringLoad = page.tokenRequests() - pageRequestsBeforeLoad;
                long jvmAfterLoad = tokener.process().rssKb();
                long jvmPeak = tokener.process().peakRssKb();
                ProcMemory.Tree chromiumAfterLoad = tokener.process().descendants();

                report.line("### Cached /api/token under wrk");
                report.line("");
                report.table(List.of("connections", "run", "req/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms",
                        "socket errors", "non-2xx"), rows);
                List<List<String>> summary = new ArrayList<>();
                byConnections.forEach((c, s) -> summary.add(List.of(Integer.toString(c), s.get(0).format("%.0f"),
                        s.get(1).format("%.2f"), s.get(2).format("%.2f"), s.get(3).format("%.2f"))));
                report.table(List.of("connections", "req/s median (min–max)", "p50 ms", "p99 ms", "p99.9 ms"), summary);
                report.line("Token requests that reached the page during all wrk runs: " + pageRequestsDuringLoad
                        + " (0 means every answer came from the cache).");
                report.line("");
                report.line("### Start-up and memory");
                report.line("");
                report.table(List.of("what", "value"), List.of(
                        List.of("spawn → /q/health/ready, ms (" + runs + " cold starts)", ready.format("%.0f")),
                        List.of("spawn → first token, ms (" + runs + " cold starts)", firstToken.format("%.0f")),
                        List.of("fresh token, warm browser, ms (median of " + freshSamples + ")", fmt("%.0f (min %.0f, max %.0f)",
                                fresh.median(), fresh.min(), fresh.max())),
                        List.of("JVM RSS after first token, MB", fmt("%.0f", jvmAfterStart / 1024.0)),
                        List.of("JVM RSS after the wrk runs (peak), MB", fmt("%.0f (%.0f)", jvmAfterLoad / 1024.0,
                                jvmPeak / 1024.0)),
                        List.of("Chromium after first token: processes, RSS sum MB, PSS sum MB",
                                fmt("%d, %.0f, %.0f", chromiumAfterStart.processes(), chromiumAfterStart.rssKb() / 1024.0,
                                        chromiumAfterStart.pssKb() / 1024.0)),
                        List.of("Chromium after the wrk runs: processes, RSS sum MB, PSS sum MB",
                                fmt("%d, %.0f, %.0f", chromiumAfterLoad.processes(), chromiumAfterLoad.rssKb() / 1024.0,
                                        chromiumAfterLoad.pssKb() / 1024.0))));
            }
        }
        report.line("Raw wrk output and service logs: `" + runDir + "`");
    }

    private static String fmt(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
