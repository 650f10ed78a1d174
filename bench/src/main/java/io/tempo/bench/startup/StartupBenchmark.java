package io.tempo.bench.startup;

import static io.tempo.bench.report.Markdown.fmt;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private final StartupOptions options;
    private final String command;

    public StartupBenchmark(Args args, String command) {
        this.options = StartupOptions.parse(args);
        this.command = command;
    }

    public void run() throws Exception {
        Report report = new Report(options.runDir().resolve("report.md"), "Start-up and idle memory (JVM mode)",
                command);
        report.line("JVM options `" + String.join(" ", options.javaOptions()) + "`; idle RSS read " + options.settleS()
                + " s after ready.");
        report.line("");
        List<List<String>> rows = new ArrayList<>();
        if (options.sync()) {
            rows.addAll(sync());
        }
        if (options.tokener()) {
            rows.addAll(tokener());
        }
        report.table(List.of("service", "what", "median (min–max)"), rows);
        report.line("Logs: `" + options.runDir() + "`");
    }

    private List<List<String>> sync() throws Exception {
        Samples ready = new Samples(), quarkus = new Samples(), idle = new Samples();
        SyncStart first;
        Path data = Files.createTempDirectory("bench-pg-");
        try (BenchPostgres server = BenchPostgres.start(data, true)) {
            BenchDatabase pg = server.createDatabase("tempo");
            first = startSync(pg, options.runDir().resolve("sync-migrate.log"));
            for (int run = 1; run <= options.runs(); run++) {
                SyncStart start = startSync(pg, options.runDir().resolve("sync-" + run + ".log"));
                ready.add(start.readyMs());
                start.quarkusMs().ifPresent(quarkus::add);
                idle.add(start.idleRssMb());
            }
        }
        return List.of(
                List.of("sync-service", "spawn → ready, ms (first start, runs the migration)",
                        fmt("%.0f", first.readyMs())),
                List.of("sync-service", "spawn → ready, ms (" + options.runs() + " starts, schema present)",
                        ready.format("%.0f")),
                List.of("sync-service", "Quarkus \"started in\", ms", quarkus.format("%.0f")),
                List.of("sync-service", "idle RSS, MB", idle.format("%.0f")));
    }

    /** What one start of the sync-service measured. */
    private record SyncStart(double readyMs, Optional<Double> quarkusMs, double idleRssMb) {
    }

    private SyncStart startSync(BenchDatabase pg, Path log) throws Exception {
        int port = ServiceProcess.freePort();
        Map<String, String> env = new HashMap<>(Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                "CRON_SECRET", "startup-bench-only"));
        env.putAll(options.datasource().environment(pg));
        try (ServiceProcess process = ServiceProcess.startQuarkusApp("sync-service", options.syncApp(),
                options.javaOptions(), env, log)) {
            long at = Http.awaitUntil("http://127.0.0.1:" + port + "/q/health/ready", r -> r.status() == 200, process,
                    Duration.ofMinutes(2), 10);
            double ms = (at - process.startedNanos()) / 1e6;
            Thread.sleep(options.settleS() * 1000L); // idle means a set time after ready, not a condition to poll
            return new SyncStart(ms, quarkusStarted(log), process.rssKb() / 1024.0);
        }
    }

    /** The tokener's figures over its starts. */
    private static final class TokenerStarts {
        final Samples ready = new Samples(), token = new Samples(), quarkus = new Samples(), jvm = new Samples(),
                chromiumPss = new Samples(), chromiumRss = new Samples(), processes = new Samples();
    }

    private List<List<String>> tokener() throws Exception {
        TokenerStarts s = new TokenerStarts();
        try (WebPlayerServer page = WebPlayerServer.start(0, 0)) {
            for (int run = 1; run <= options.runs(); run++) {
                startTokener(page, options.runDir().resolve("tokener-" + run + ".log"), s);
            }
        }
        return List.of(
                List.of("tokener-service", "spawn → ready, ms (" + options.runs() + " starts)", s.ready.format("%.0f")),
                List.of("tokener-service", "spawn → first token, ms", s.token.format("%.0f")),
                List.of("tokener-service", "Quarkus \"started in\", ms", s.quarkus.format("%.0f")),
                List.of("tokener-service", "idle RSS of the JVM, MB", s.jvm.format("%.0f")),
                List.of("tokener-service", "idle Chromium: processes", s.processes.format("%.0f")),
                List.of("tokener-service", "idle Chromium: PSS sum, MB (RSS sum)", s.chromiumPss.format("%.0f") + " ("
                        + s.chromiumRss.format("%.0f") + ")"));
    }

    private void startTokener(WebPlayerServer page, Path log, TokenerStarts s) throws Exception {
        try (TokenerService service = TokenerService.start(options.tokenerApp(), options.javaOptions(), page.url(),
                Map.of(), log)) {
            TokenerService.Started started = service.awaitStarted(Duration.ofMinutes(2), 10);
            s.ready.add(started.readyMs());
            s.token.add(started.firstTokenMs());
            Thread.sleep(options.settleS() * 1000L); // as for the sync-service: a set time after the first token
            quarkusStarted(log).ifPresent(s.quarkus::add);
            s.jvm.add(service.process().rssKb() / 1024.0);
            ProcMemory.Tree tree = service.process().descendants();
            s.chromiumRss.add(tree.rssKb() / 1024.0);
            s.chromiumPss.add(tree.pssKb() / 1024.0);
            s.processes.add(tree.processes());
        }
    }

    /** Quarkus's own "started in" figure from the log, when it wrote one. */
    private static Optional<Double> quarkusStarted(Path log) {
        try {
            Matcher m = STARTED_IN.matcher(Files.readString(log));
            return m.find() ? Optional.of(Double.parseDouble(m.group(1)) * 1000) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
