package io.tempo.bench.startup;

import io.tempo.bench.Args;
import io.tempo.bench.db.BenchDatabase;
import io.tempo.bench.db.BenchPostgres;
import io.tempo.bench.proc.Http;
import io.tempo.bench.proc.ProcMemory;
import io.tempo.bench.proc.ServiceProcess;
import io.tempo.bench.report.Report;
import io.tempo.bench.report.Samples;
import io.tempo.bench.tokener.TokenerService;
import io.tempo.bench.tokener.WebPlayerServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up to ready and idle memory of each service in JVM mode: spawn to the first 200 of
 * {@code /q/health/ready}, Quarkus's own "started in" figure, and RSS after the service has been idle
 * for a few seconds (for the tokener also Chromium's processes). The sync-service starts against an
 * already migrated database; its first start (with the migration) is reported apart.
 */
public final class StartupBenchmark {

    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");

    private final Args args;
    private final String command;
    private String datasourceEnv = "database-url";

    public StartupBenchmark(Args args, String command) {
        this.args = args;
        this.command = command;
    }

    public void run() throws Exception {
        Path syncApp = Path.of(args.string("service-app", "/tmp/bench-src/sync-service/target/quarkus-app"));
        Path tokenerApp = Path.of(args.string("tokener-app", "/tmp/bench-src/tokener-service/target/quarkus-app"));
        String opts = args.string("java-opts", "");
        List<String> javaOptions = opts.isBlank() ? List.of() : Arrays.asList(opts.trim().split("\\s+"));
        int runs = args.integer("runs", 5);
        int settle = args.integer("settle-s", 5);
        String only = args.string("only", "both");
        datasourceEnv = args.string("datasource-env", "database-url");
        Path outDir = Path.of(args.string("out", "bench/target/results"));
        args.rejectUnknown();
        Path runDir = outDir.resolve("startup-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Report report = new Report(runDir.resolve("report.md"), "Start-up and idle memory (JVM mode)", command);
        report.line("JVM options `" + String.join(" ", javaOptions) + "`; idle RSS read " + settle + " s after ready.");
        report.line("");
        List<List<String>> rows = new ArrayList<>();
        if (!only.equals("tokener")) {
            rows.addAll(sync(syncApp, javaOptions, runs, settle, runDir));
        }
        if (!only.equals("sync")) {
            rows.addAll(tokener(tokenerApp, javaOptions, runs, settle, runDir));
        }
        report.table(List.of("service", "what", "median (min–max)"), rows);
        report.line("Logs: `" + runDir + "`");
    }

    private List<List<String>> sync(Path app, List<String> javaOptions, int runs, int settle, Path runDir)
            throws Exception {
        Samples ready = new Samples(), quarkus = new Samples(), idle = new Samples();
        double firstStart;
        Path data = Files.createTempDirectory("bench-pg-");
        try (BenchPostgres server = BenchPostgres.start(data, true)) {
            BenchDatabase pg = server.createDatabase("tempo");
            firstStart = startSync(app, javaOptions, pg, runDir.resolve("sync-migrate.log"), settle, null, null, null);
            for (int run = 1; run <= runs; run++) {
                startSync(app, javaOptions, pg, runDir.resolve("sync-" + run + ".log"), settle, ready, quarkus, idle);
            }
        }
        return List.of(
                List.of("sync-service", "spawn → ready, ms (first start, runs the migration)", fmt("%.0f", firstStart)),
                List.of("sync-service", "spawn → ready, ms (" + runs + " starts, schema present)", ready.format("%.0f")),
                List.of("sync-service", "Quarkus \"started in\", ms", quarkus.format("%.0f")),
                List.of("sync-service", "idle RSS, MB", idle.format("%.0f")));
    }

    private double startSync(Path app, List<String> javaOptions, BenchDatabase pg, Path log, int settle,
                             Samples ready, Samples quarkus, Samples idle) throws Exception {
        int port = ServiceProcess.freePort();
        Map<String, String> env = new java.util.HashMap<>(Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                "CRON_SECRET", "startup-bench-only"));
        env.putAll(datasourceEnv.equals("quarkus") ? pg.serviceDatasourceEnv()
                : Map.of("DATABASE_URL", pg.serviceDatabaseUrl()));
        try (ServiceProcess process = ServiceProcess.startQuarkusApp("sync-service", app, javaOptions, env, log)) {
            long at = Http.awaitUntil("http://127.0.0.1:" + port + "/q/health/ready", r -> r.status() == 200, process,
                    Duration.ofMinutes(2), 10);
            double ms = (at - process.startedNanos()) / 1e6;
            Thread.sleep(settle * 1000L);
            if (ready != null) {
                ready.add(ms);
                quarkusStarted(log).ifPresent(quarkus::add);
                idle.add(process.rssKb() / 1024.0);
            }
            return ms;
        }
    }

    private List<List<String>> tokener(Path app, List<String> javaOptions, int runs, int settle, Path runDir)
            throws Exception {
        Samples ready = new Samples(), token = new Samples(), quarkus = new Samples(), jvm = new Samples(),
                chromiumPss = new Samples(), chromiumRss = new Samples(), processes = new Samples();
        try (WebPlayerServer page = WebPlayerServer.start(0, 0)) {
            for (int run = 1; run <= runs; run++) {
                Path log = runDir.resolve("tokener-" + run + ".log");
                try (TokenerService service = TokenerService.start(app, javaOptions, page.url(), Map.of(), log)) {
                    long at = Http.awaitUntil(service.readyUrl(), r -> r.status() == 200, service.process(),
                            Duration.ofMinutes(2), 10);
                    long first = service.awaitFirstToken(Duration.ofMinutes(2));
                    ready.add((at - service.process().startedNanos()) / 1e6);
                    token.add((first - service.process().startedNanos()) / 1e6);
                    Thread.sleep(settle * 1000L);
                    quarkusStarted(log).ifPresent(quarkus::add);
                    jvm.add(service.process().rssKb() / 1024.0);
                    ProcMemory.Tree tree = service.process().descendants();
                    chromiumRss.add(tree.rssKb() / 1024.0);
                    chromiumPss.add(tree.pssKb() / 1024.0);
                    processes.add(tree.processes());
                }
            }
        }
        return List.of(
                List.of("tokener-service", "spawn → ready, ms (" + runs + " starts)", ready.format("%.0f")),
                List.of("tokener-service", "spawn → first token, ms", token.format("%.0f")),
                List.of("tokener-service", "Quarkus \"started in\", ms", quarkus.format("%.0f")),
                List.of("tokener-service", "idle RSS of the JVM, MB", jvm.format("%.0f")),
                List.of("tokener-service", "idle Chromium: processes", processes.format("%.0f")),
                List.of("tokener-service", "idle Chromium: PSS sum, MB (RSS sum)", chromiumPss.format("%.0f") + " ("
                        + chromiumRss.format("%.0f") + ")"));
    }

    private static java.util.Optional<Double> quarkusStarted(Path log) {
        try {
            Matcher m = STARTED_IN.matcher(Files.readString(log));
            return m.find() ? java.util.Optional.of(Double.parseDouble(m.group(1)) * 1000) : java.util.Optional.empty();
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }

    private static String fmt(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
