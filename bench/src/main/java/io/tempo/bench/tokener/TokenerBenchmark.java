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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tokener as LavaSrc loads it, each build started fresh several times:
 *
 * <ul>
 *   <li>cold start: spawn to {@code /q/health/ready} and to the first token;</li>
 *   <li>idle memory a few seconds after the first token: PSS of the JVM, Playwright's driver and Chromium;</li>
 *   <li>cached {@code /api/token} in the first 10 s of load, on the JVM that just started (JIT still cold);</li>
 *   <li>then, on one more start: fresh tokens with a warm browser (forced, with the force rate limit set to 0),
 *       and cached {@code /api/token} after a warm-up (the warmed figures).</li>
 * </ul>
 *
 * With {@code --baseline-app} a second build (another commit's) runs the same steps, interleaved run by run, so
 * the two are compared on the same machine at the same time. Every fresh fetch is checked against the local
 * page's counters (it really reached the page), and the wrk runs are checked the other way (not one did).
 */
public final class TokenerBenchmark {

    private final Args args;
    private final String command;

    public TokenerBenchmark(Args args, String command) {
        this.args = args;
        this.command = command;
    }

    private record Build(String label, Path app, List<String> javaOptions) {
    }

    /** Everything measured of one build. */
    private static final class Figures {
        final Samples ready = new Samples();
        final Samples firstToken = new Samples();
        final Samples idlePss = new Samples();
        final Samples idleJvmPss = new Samples();
        final Samples coldRps = new Samples();
        final Samples coldP99 = new Samples();
        final Samples fresh = new Samples();
        final Map<Integer, List<Samples>> warm = new LinkedHashMap<>();
        int pageRequestsDuringLoad;
        long jvmPeakKb;
    }

    public void run() throws Exception {
        List<Build> builds = new ArrayList<>();
        builds.add(new Build(args.string("label", "this build"),
                Path.of(args.string("tokener-app", "/tmp/bench-src/tokener-service/target/quarkus-app")),
                options(args.string("java-opts", ""))));
        String baseline = args.string("baseline-app", "");
        if (!baseline.isBlank()) {
            builds.add(new Build(args.string("baseline-label", "baseline"), Path.of(baseline),
                    options(args.string("baseline-java-opts", ""))));
        }
        Map<String, String> env = new HashMap<>(Map.of("TOKENER_CACHE_MIN_FETCH_INTERVAL", "0s"));
        env.putAll(args.pairs("service-env"));
        int runs = args.integer("runs", 3);
        int seconds = args.integer("duration-s", 15);
        int warmup = args.integer("warmup-s", 10);
        int coldSeconds = args.integer("cold-s", 10);
        int idleSeconds = args.integer("idle-s", 5);
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
        for (Build build : builds) {
            if (!Files.isRegularFile(build.app().resolve("quarkus-run.jar"))) {
                throw new IllegalArgumentException("no packaged tokener-service at " + build.app());
            }
        }
        Path runDir = outDir.resolve("tokener-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Report report = new Report(runDir.resolve("report.md"), "Tokener", command);
        for (Build build : builds) {
            report.line("- " + build.label() + ": `" + build.app() + "`, JVM options `" + String.join(" ", build.javaOptions())
                    + "`");
        }
        report.line("");
        report.line("Environment `" + env + "`; wrk " + threads + " threads, keep-alive, loopback; first-load figures: "
                + coldSeconds + " s at " + connections.get(0) + " connections right after the first token; warmed: "
                + seconds + " s per run after a " + warmup + " s warm-up; local web-player page answering its token "
                + "request after " + pageTokenLatency + " ms; idle memory " + idleSeconds + " s after the first token.");
        report.line("");

        Map<Build, Figures> figures = new LinkedHashMap<>();
        builds.forEach(build -> figures.put(build, new Figures()));
        try (WebPlayerServer page = WebPlayerServer.start(0, pageTokenLatency)) {
            for (int run = 1; run <= runs; run++) {
                for (Build build : builds) {
                    Figures f = figures.get(build);
                    try (TokenerService service = start(build, page, env, runDir, "cold" + run)) {
                        startUp(service, f);
                        Thread.sleep(idleSeconds * 1000L);
                        ProcMemory.Tree tree = service.process().descendants();
                        long jvmPss = ProcMemory.pssKb(service.process().pid());
                        f.idleJvmPss.add(jvmPss / 1024.0);
                        f.idlePss.add((jvmPss + tree.pssKb()) / 1024.0);
                        Wrk.Result cold = Wrk.run(wrk, script, service.tokenUrl(), threads, connections.get(0), coldSeconds,
                                runDir.resolve(slug(build) + "-wrk-first-load-run" + run + ".log"));
                        f.coldRps.add(cold.requestsPerSecond());
                        f.coldP99.add(cold.p99Ms());
                    }
                }
            }
            for (Build build : builds) {
                Figures f = figures.get(build);
                try (TokenerService service = start(build, page, env, runDir, "warm")) {
                    startUp(service, f);
                    for (int i = 0; i < freshSamples; i++) {
                        Thread.sleep(freshIntervalMs);
                        f.fresh.add(freshFetch(service, page, i));
                    }
                    Wrk.run(wrk, script, service.tokenUrl(), threads, connections.get(0), warmup,
                            runDir.resolve(slug(build) + "-wrk-warmup.log"));
                    int before = page.tokenRequests();
                    for (int run = 1; run <= runs; run++) {
                        for (int c : connections) {
                            Wrk.Result r = Wrk.run(wrk, script, service.tokenUrl(), threads, c, seconds,
                                    runDir.resolve(slug(build) + "-wrk-c" + c + "-run" + run + ".log"));
                            if (r.errors() > 0 || r.non2xx() > 0) {
                                throw new IllegalStateException(build.label() + ": wrk saw " + r.errors()
                                        + " socket errors and " + r.non2xx() + " non-2xx");
                            }
                            List<Samples> s = f.warm.computeIfAbsent(c, k -> List.of(new Samples(), new Samples(),
                                    new Samples(), new Samples()));
                            s.get(0).add(r.requestsPerSecond());
                            s.get(1).add(r.p50Ms());
                            s.get(2).add(r.p99Ms());
                            s.get(3).add(r.p999Ms());
                        }
                    }
                    f.pageRequestsDuringLoad = page.tokenRequests() - before;
                    f.jvmPeakKb = service.process().peakRssKb();
                }
            }
        }
        report(report, figures, connections, runs, freshSamples, coldSeconds);
        report.line("Raw wrk output and service logs: `" + runDir + "`");
    }

    private static TokenerService start(Build build, WebPlayerServer page, Map<String, String> env, Path runDir,
            String name) throws Exception {
        return TokenerService.start(build.app(), build.javaOptions(), page.url(), env,
                runDir.resolve(slug(build) + "-" + name + ".log"));
    }

    private static void startUp(TokenerService service, Figures f) throws Exception {
        long readyAt = Http.awaitUntil(service.readyUrl(), r -> r.status() == 200, service.process(),
                Duration.ofMinutes(2), 20);
        long tokenAt = service.awaitFirstToken(Duration.ofMinutes(2));
        f.ready.add((readyAt - service.process().startedNanos()) / 1e6);
        f.firstToken.add((tokenAt - service.process().startedNanos()) / 1e6);
    }

    private static double freshFetch(TokenerService service, WebPlayerServer page, int i) throws Exception {
        int before = page.tokenRequests();
        Http.Response response = Http.get(service.tokenUrl() + "?force=1", Map.of(), Duration.ofSeconds(90));
        JsonObject body = new JsonObject(response.body());
        if (response.status() != 200 || body.getBoolean("cached", true) || page.tokenRequests() <= before) {
            throw new IllegalStateException("forced fetch " + i + " was not fresh: " + response.status() + " "
                    + body.getValue("cached") + ", page token requests " + before + " -> " + page.tokenRequests());
        }
        return response.nanos() / 1e6;
    }

    private static void report(Report report, Map<Build, Figures> figures, List<Integer> connections, int runs,
            int freshSamples, int coldSeconds) {
        List<String> header = new ArrayList<>(List.of("what"));
        figures.keySet().forEach(build -> header.add(build.label()));
        List<List<String>> rows = new ArrayList<>();
        rows.add(row(figures, "spawn → /q/health/ready, ms (" + runs + " cold starts)", f -> f.ready.format("%.0f")));
        rows.add(row(figures, "spawn → first token, ms", f -> f.firstToken.format("%.0f")));
        rows.add(row(figures, "idle memory, PSS of JVM + driver + Chromium, MB", f -> f.idlePss.format("%.0f")));
        rows.add(row(figures, "… of which the JVM, MB", f -> f.idleJvmPss.format("%.0f")));
        rows.add(row(figures, "cached, first " + coldSeconds + " s of load, " + connections.get(0) + " connections, req/s",
                f -> f.coldRps.format("%.0f")));
        rows.add(row(figures, "… p99 ms", f -> f.coldP99.format("%.2f")));
        for (int c : connections) {
            rows.add(row(figures, "cached, warmed, " + c + " connections, req/s", f -> f.warm.get(c).get(0).format("%.0f")));
            rows.add(row(figures, "… p50 / p99 / p99.9 ms", f -> fmt("%.2f / %.2f / %.2f", f.warm.get(c).get(1).median(),
                    f.warm.get(c).get(2).median(), f.warm.get(c).get(3).median())));
        }
        rows.add(row(figures, "fresh token, warm browser, ms (" + freshSamples + " forced calls)",
                f -> f.fresh.format("%.0f")));
        rows.add(row(figures, "token requests that reached the page during the warmed wrk runs",
                f -> Integer.toString(f.pageRequestsDuringLoad)));
        rows.add(row(figures, "JVM peak RSS under load, MB", f -> fmt("%.0f", f.jvmPeakKb / 1024.0)));
        report.line("Medians with (min–max).");
        report.line("");
        report.table(header, rows);
    }

    private static List<String> row(Map<Build, Figures> figures, String what, java.util.function.Function<Figures, String> cell) {
        List<String> row = new ArrayList<>(List.of(what));
        figures.values().forEach(f -> row.add(cell.apply(f)));
        return row;
    }

    private static List<String> options(String opts) {
        return opts.isBlank() ? List.of() : Arrays.asList(opts.trim().split("\\s+"));
    }

    private static String slug(Build build) {
        return build.label().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String fmt(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
