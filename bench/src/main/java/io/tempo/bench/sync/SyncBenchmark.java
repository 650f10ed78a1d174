package io.tempo.bench.sync;

import io.tempo.bench.Args;
import io.tempo.bench.db.BenchPostgres;
import io.tempo.bench.report.Report;
import io.tempo.bench.sim.SpotifySimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The sync benchmarks: throughput of the service against the naive route and the COPY ceiling, all in one
 * invocation on one database; the same sync under 429s and 5xx; and at Spotify's rolling rate window; each proving
 * the stored plays equal the simulator's exactly. Every repetition starts from emptied tables and a fresh service
 * JVM (so peak RSS is that run's peak), and each phase runs against the same simulator and rows. This class sets
 * the stage (the server, one database per build, their schemas) and hands it to the scenario.
 */
public final class SyncBenchmark {

    private final SyncOptions options;
    private final String command;

    public SyncBenchmark(Args args, String command) {
        this.options = SyncOptions.parse(args);
        this.command = command;
    }

    public void run() throws Exception {
        if (!Files.isRegularFile(options.serviceApp().resolve("quarkus-run.jar"))) {
            throw new IllegalArgumentException("no packaged sync-service at " + options.serviceApp()
                    + " (bench/run-sync.sh builds one from a copy of the tree)");
        }
        Report report = new Report(options.runDir().resolve("report.md"), "Sync: " + options.scenario().option(),
                command);
        report.line("Simulator: " + options.simulator().describe());
        report.line("");
        report.line(serviceLine(options));
        report.line("");
        Path data = Files.createTempDirectory("bench-pg-");
        try (BenchPostgres server = BenchPostgres.start(data, options.durable())) {
            SyncSetup setup = new SyncSetup(options, server, builds(server, report), report);
            for (ServiceBuild build : setup.builds()) {
                migrateThroughService(setup, build);
            }
            switch (options.scenario()) {
                case THROUGHPUT -> new ThroughputScenario(setup).run();
                case TROUBLE -> new TroubleScenario(setup).run();
                case RATELIMIT -> new RateLimitScenario(setup).run();
            }
        } finally {
            deleteTree(data);
        }
        report.line("Results and service logs: `" + options.runDir() + "`");
    }

    /** How the service ran: what a reader needs to compare this report with another. */
    static String serviceLine(SyncOptions options) {
        return "Service: JVM options `" + String.join(" ", options.javaOptions()) + "`, environment overrides "
                + (options.serviceEnv().isEmpty() ? "none" : "`" + options.serviceEnv() + "`")
                + "; PostgreSQL 17 (embedded), "
                + (options.durable() ? "fsync and synchronous_commit on" : "fsync and synchronous_commit OFF")
                + "; service connects through " + options.datasource().variables() + ".";
    }

    /** The build under test, and the candidate (if any) with a database of its own on the same server. */
    private List<ServiceBuild> builds(BenchPostgres server, Report report) throws Exception {
        List<ServiceBuild> builds = new ArrayList<>();
        builds.add(new ServiceBuild("as built", options.serviceApp(), server.createDatabase("tempo"),
                options.slimIngest()));
        if (options.candidateApp().isPresent()) {
            Path candidate = options.candidateApp().get();
            builds.add(new ServiceBuild(options.candidateLabel(), candidate, server.createDatabase("tempo_candidate"),
                    options.candidateSlimIngest()));
            report.line("Compared builds, interleaved in every repetition, each with its own database on the same "
                    + "server: **as built** = `" + options.serviceApp() + "`, **" + options.candidateLabel() + "** = `"
                    + candidate + "`.");
            report.line("");
        }
        return builds;
    }

    /** The service's Flyway creates the schema on its first start, exactly as in production. */
    private static void migrateThroughService(SyncSetup setup, ServiceBuild build) throws Exception {
        try (SpotifySimulator sim = SpotifySimulator.start(setup.options().simulator().withUsers(0), "127.0.0.1", 0);
             SyncService service = build.start(setup.options(), sim, setup.log("migrate-" + build.db().name()),
                     false)) {
            setup.report().line(String.format(Locale.ROOT, "Schema of %s migrated by its own Flyway (start-up to "
                    + "ready: %.0f ms).", build.label(), service.startupMs()));
            setup.report().line("");
        }
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // Best effort: a leftover temp directory is harmless.
        }
    }
}
