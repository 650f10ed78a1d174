package io.tempo.bench.sync;

import io.tempo.bench.Args;
import io.tempo.bench.db.BenchDatabase;
import io.tempo.bench.db.BenchPostgres;
import io.tempo.bench.db.BenchSchema;
import io.tempo.bench.db.CopyBaseline;
import io.tempo.bench.db.ExpectedRows;
import io.tempo.bench.db.IngestBaseline;
import io.tempo.bench.db.PlayVerifier;
import io.tempo.bench.db.Seeder;
import io.tempo.bench.db.StatementCounter;
import io.tempo.bench.naive.NaiveSync;
import io.tempo.bench.proc.CpuTime;
import io.tempo.bench.report.Report;
import io.tempo.bench.report.Samples;
import io.tempo.bench.sim.SimulatorConfig;
import io.tempo.bench.sim.SimulatorStats;
import io.tempo.bench.sim.SpotifySimulator;
import io.tempo.bench.sim.Users;
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

/**
 * The sync benchmarks: throughput of the service against the naive route and the COPY ceiling, all in
 * one invocation on one database; and the same sync under 429s and 5xx, proving the stored plays equal
 * the simulator's exactly. Every repetition starts from emptied tables and a fresh service JVM (so peak
 * RSS is that run's peak), and each phase runs against the same simulator and rows.
 */
public final class SyncBenchmark {

    private final Args args;
    private final SimulatorConfig base;
    private final List<Integer> sizes;
    private final int runs;
    private final Path quarkusApp;
    private final Path candidateApp;
    private final String candidateLabel;
    private final List<String> javaOptions;
    private final Map<String, String> serviceEnv;
    private final Duration naiveBudget;
    private final int naiveMaxUsers;
    private final int ingestConnections;
    private final int ingestUsers;
    /** Users per call of the ingest-alone phase (1: one ingest_spotify_plays call a user). */
    private final int ingestBatch;
    private final boolean slimIngest;
    private final boolean candidateSlimIngest;
    private final boolean jfr;
    private final boolean skipBaselines;
    private final boolean durable;
    private final String scenario;
    private final double rateLimited;
    private final double serverErrors;
    private final String datasourceEnv;
    private final Path outDir;
    private final String command;
    private BenchPostgres server;
    private final List<Variant> variants = new ArrayList<>();
    private Report report;
    /** PostgreSQL CPU of the last COPY or ingest-alone phase (ms). */
    private double lastPostgresCpuMs;

    /** A service build under test with its own database (so builds with different migrations can be compared). */
    private record Variant(String label, Path app, BenchDatabase db) {
    }

    public SyncBenchmark(Args args, String command) {
        this.args = args;
        this.command = command;
        this.base = SimulatorConfig.fromArgs(args);
        this.sizes = args.integers("users", "1000,10000");
        this.runs = args.integer("runs", 3);
        this.quarkusApp = Path.of(args.string("service-app", "/tmp/bench-src/sync-service/target/quarkus-app"));
        String candidate = args.string("candidate-app", "");
        this.candidateApp = candidate.isBlank() ? null : Path.of(candidate);
        this.candidateLabel = args.string("candidate-label", "candidate");
        String opts = args.string("service-java-opts", "");
        this.javaOptions = opts.isBlank() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(opts.trim().split("\\s+")));
        this.serviceEnv = args.pairs("service-env");
        this.naiveBudget = Duration.ofSeconds(args.integer("naive-budget-s", 60));
        this.naiveMaxUsers = args.integer("naive-max-users", Integer.MAX_VALUE);
        this.ingestConnections = args.integer("ingest-connections", 4);
        this.ingestUsers = args.integer("ingest-users", Integer.MAX_VALUE);
        this.ingestBatch = args.integer("ingest-batch", 1);
        this.slimIngest = args.string("ingest-payload", "full").equals("slim");
        this.candidateSlimIngest = args.string("candidate-ingest-payload", slimIngest ? "slim" : "full").equals("slim");
        this.jfr = args.flag("jfr");
        this.skipBaselines = args.flag("skip-baselines");
        this.durable = !args.flag("no-fsync");
        this.scenario = args.string("scenario", "throughput");
        this.rateLimited = args.decimal("trouble-429-share", 0.10);
        this.serverErrors = args.decimal("trouble-5xx-share", 0.05);
        this.datasourceEnv = args.string("datasource-env", "database-url");
        this.outDir = Path.of(args.string("out", "bench/target/results"));
    }

    public void run() throws Exception {
        args.rejectUnknown();
        if (!Files.isRegularFile(quarkusApp.resolve("quarkus-run.jar"))) {
            throw new IllegalArgumentException("no packaged sync-service at " + quarkusApp
                    + " (bench/run-sync.sh builds one from a copy of the tree)");
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path runDir = outDir.resolve("sync-" + scenario + "-" + stamp);
        report = new Report(runDir.resolve("report.md"), "Sync: " + scenario, command);
        report.line("Simulator: " + base.describe());
        report.line("");
        report.line("Service: JVM options `" + String.join(" ", javaOptions) + "`, environment overrides "
                + (serviceEnv.isEmpty() ? "none" : "`" + serviceEnv + "`") + "; PostgreSQL 17 (embedded), "
                + (durable ? "fsync and synchronous_commit on" : "fsync and synchronous_commit OFF")
                + "; service connects through " + (datasourceEnv.equals("quarkus") ? "QUARKUS_DATASOURCE_*" : "DATABASE_URL")
                + ".");
        report.line("");
        Path data = Files.createTempDirectory("bench-pg-");
        try (BenchPostgres pg = BenchPostgres.start(data, durable)) {
            server = pg;
            variants.add(new Variant("as built", quarkusApp, pg.createDatabase("tempo")));
            if (candidateApp != null) {
                variants.add(new Variant(candidateLabel, candidateApp, pg.createDatabase("tempo_candidate")));
                report.line("Compared builds, interleaved in every repetition, each with its own database on the same "
                        + "server: **as built** = `" + quarkusApp + "`, **" + candidateLabel + "** = `" + candidateApp + "`.");
                report.line("");
            }
            for (Variant variant : variants) {
                migrateThroughService(variant, runDir);
            }
            switch (scenario) {
                case "throughput" -> throughput(runDir);
                case "trouble" -> trouble(runDir);
                case "ratelimit" -> rateLimit(runDir);
                default -> throw new IllegalArgumentException("--scenario throughput|trouble|ratelimit, got " + scenario);
            }
        } finally {
            deleteTree(data);
        }
        report.line("Results and service logs: `" + runDir + "`");
    }

    /** The service's Flyway creates the schema on its first start, exactly as in production. */
    private void migrateThroughService(Variant variant, Path runDir) throws Exception {
        SimulatorConfig config = base.withUsers(0);
        try (SpotifySimulator sim = SpotifySimulator.start(config, "127.0.0.1", 0);
             SyncService service = startService(variant, sim, runDir.resolve("migrate-" + variant.db().name() + ".log"),
                     false)) {
            report.line(String.format(Locale.ROOT, "Schema of %s migrated by its own Flyway (start-up to ready: %.0f ms).",
                    variant.label(), service.startupMs()));
            report.line("");
        }
    }

    private void throughput(Path runDir) throws Exception {
        List<List<String>> summary = new ArrayList<>();
        List<List<String>> perRun = new ArrayList<>();
        List<List<String>> cpuSummary = new ArrayList<>();
        BenchDatabase baselineDb = variants.get(0).db();
        for (int size : sizes) {
            SimulatorConfig config = base.withUsers(size);
            try (SpotifySimulator sim = SpotifySimulator.start(config, "127.0.0.1", 0)) {
                Users users = sim.users();
                ExpectedRows expected = new ExpectedRows(users);
                Samples naiveUsersPerS = new Samples(), naiveStatements = new Samples(), copyPlaysPerS = new Samples(),
                        copyCpuPerUser = new Samples();
                List<VariantSamples> byVariant = variants.stream().map(v -> new VariantSamples()).toList();
                for (int run = 1; run <= runs; run++) {
                    double copyRate = 0;
                    double naiveRate = 0;
                    if (skipBaselines) {
                        for (Variant variant : variants) {
                            ServiceRun svc = serviceRun(variant, sim, runDir.resolve("sync-" + variant.db().name() + "-"
                                    + size + "-run" + run + ".log"));
                            perRun.add(svc.row(size, run, label(variant)));
                        }
                        continue;
                    }
                    NaiveRun naive = naiveRun(baselineDb, sim);
                    perRun.add(naive.row(size, run));
                    naiveRate = naive.usersPerSecond();
                    naiveUsersPerS.add(naiveRate);
                    naiveStatements.add(naive.statementsPerUser());
                    CopyBaseline.Result copy = copyRun(baselineDb, users, expected);
                    copyRate = copy.playsPerSecond();
                    copyPlaysPerS.add(copyRate);
                    double copyCpu = lastPostgresCpuMs / size;
                    copyCpuPerUser.add(copyCpu);
                    perRun.add(List.of(Integer.toString(size), Integer.toString(run), "COPY ceiling",
                            fmt("%.2f", copy.nanos() / 1e9), "–", fmt("%.0f", copyRate), fmt("– + %.2f", copyCpu),
                            "1 transaction", "–", "exact"));
                    for (int v = 0; v < variants.size(); v++) {
                        Variant variant = variants.get(v);
                        VariantSamples samples = byVariant.get(v);
                        ServiceRun svc = serviceRun(variant, sim, runDir.resolve("sync-" + variant.db().name() + "-"
                                + size + "-run" + run + ".log"));
                        perRun.add(svc.row(size, run, label(variant)));
                        boolean slim = v == 0 ? slimIngest : candidateSlimIngest;
                        IngestBaseline.Result ingest = ingestRun(variant.db(), users, expected, slim);
                        double ingestCpu = lastPostgresCpuMs / ingest.users();
                        perRun.add(List.of(Integer.toString(size), Integer.toString(run),
                                "ingest_spotify_plays alone (" + (slim ? "slim" : "full") + " items), " + ingest.connections() + " connections"
                                        + (ingest.users() < size ? ", first " + ingest.users() + " users" : "") + label(variant),
                                fmt("%.2f", ingest.nanos() / 1e9), fmt("%.0f", ingest.users() / (ingest.nanos() / 1e9)),
                                fmt("%.0f", ingest.playsPerSecond()), fmt("– + %.2f", ingestCpu), "1", "–", "exact"));
                        samples.record(svc, ingest, naiveRate, copyRate, ingestCpu, copyCpu);
                        report.line(String.format(Locale.ROOT, "- %d users, run %d%s: service %d ok / %d failed%s, "
                                        + "%.1f users/s, %s; simulator (%.1f CPU ms/user, incl. the harness) %s",
                                size, run, label(variant),
                                svc.answer.successful(), svc.answer.failed(), svc.answer.failed() == 0 ? ""
                                        : " (first error: " + svc.answer.firstError() + ")", svc.usersPerSecond(),
                                svc.verification, svc.simulatorCpuMs / size, svc.sim.toJson()));
                        if (run == 1) {
                            for (StatementCounter.Top top : svc.topStatements) {
                                report.line(String.format(Locale.ROOT, "  - statement: %d calls, %d rows, %.0f ms: `%s`",
                                        top.calls(), top.rows(), top.totalMs(), top.query().replace('`', '\'')));
                            }
                        }
                    }
                    report.line(String.format(Locale.ROOT, "- %d users, run %d: naive %.2f users/s over %d users, COPY "
                            + "%.0f plays/s; load average now %s", size, run, naiveRate, naive.result.usersDone(),
                            copyRate, loadAverage()));
                }
                for (int v = 0; v < variants.size() && !skipBaselines; v++) {
                    VariantSamples x = byVariant.get(v);
                    summary.add(List.of(Integer.toString(size), variants.get(v).label(), x.wall.format("%.1f"),
                            x.usersPerS.format("%.0f"), x.playsPerS.format("%.0f"), x.statements.format("%.2f"),
                            x.peak.format("%.0f"), naiveUsersPerS.format("%.2f"), naiveStatements.format("%.0f"),
                            x.userRatio.format("%.0f") + "×", copyPlaysPerS.format("%.0f"), x.ingestPlaysPerS.format("%.0f"),
                            x.ingestRatio.format("%.2f"), x.verified));
                    cpuSummary.add(List.of(Integer.toString(size), variants.get(v).label(), x.serviceCpu.format("%.1f"),
                            x.postgresCpu.format("%.1f"), x.ceiling.format("%.0f"), x.ingestCpu.format("%.2f"),
                            copyCpuPerUser.format("%.2f"), x.cpuRatio.format("%.2f")));
                }
            }
        }
        report.line("");
        report.line("### Every phase of every run");
        report.line("");
        report.table(List.of("users", "run", "what", "wall s", "users/s", "plays/s",
                "CPU ms/user (service + PostgreSQL)", "DB statements/user", "peak RSS MB", "plays check"), perRun);
        if (skipBaselines) {
            return; // the summaries are ratios against the baselines
        }
        report.line("### Summary (median, min–max over " + runs + " runs)");
        report.line("");
        report.table(List.of("users", "build", "service wall s", "service users/s", "service plays/s",
                "service DB statements/user", "service peak RSS MB", "naive users/s", "naive DB statements/user",
                "service ÷ naive (users/s)", "COPY plays/s", "ingest fn alone plays/s", "ingest fn ÷ COPY",
                "plays check"), summary);
        report.line("### CPU cost (median, min–max): what the wall times above would be on two dedicated cores");
        report.line("");
        report.table(List.of("users", "build", "service JVM CPU ms/user", "PostgreSQL CPU ms/user",
                "CPU-bound ceiling on 2 cores, users/s", "ingest fn alone: PostgreSQL CPU ms/user",
                "COPY: PostgreSQL CPU ms/user", "COPY CPU ÷ ingest CPU (ingest rate vs COPY on equal CPU)"), cpuSummary);
    }

    /** The figures of one build over the repetitions of one size; ratios use the baselines of the same repetition. */
    private static final class VariantSamples {
        final Samples wall = new Samples(), usersPerS = new Samples(), playsPerS = new Samples(),
                statements = new Samples(), peak = new Samples(), ingestPlaysPerS = new Samples(),
                userRatio = new Samples(), ingestRatio = new Samples(), serviceCpu = new Samples(),
                postgresCpu = new Samples(), ceiling = new Samples(), ingestCpu = new Samples(), cpuRatio = new Samples();
        String verified = "exact";

        void record(ServiceRun svc, IngestBaseline.Result ingest, double naiveUsersPerS, double copyPlaysPerS,
                    double ingestCpuPerUser, double copyCpuPerUser) {
            serviceCpu.add(svc.serviceCpuPerUser());
            postgresCpu.add(svc.postgresCpuPerUser());
            ceiling.add(svc.twoCoreCeiling());
            ingestCpu.add(ingestCpuPerUser);
            cpuRatio.add(copyCpuPerUser / ingestCpuPerUser);
            wall.add(svc.wallSeconds());
            usersPerS.add(svc.usersPerSecond());
            playsPerS.add(svc.playsPerSecond());
            statements.add(svc.statementsPerUser());
            peak.add(svc.peakRssKb / 1024.0);
            ingestPlaysPerS.add(ingest.playsPerSecond());
            userRatio.add(svc.usersPerSecond() / naiveUsersPerS);
            ingestRatio.add(ingest.playsPerSecond() / copyPlaysPerS);
            if (!svc.verification.exact()) {
                verified = svc.verification.toString();
            }
        }
    }

    private String label(Variant variant) {
        return variants.size() == 1 ? "" : " [" + variant.label() + "]";
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0] + " (1 min)";
        } catch (Exception e) {
            return "?";
        }
    }

    private void trouble(Path runDir) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (int size : sizes) {
            for (Variant variant : variants) {
                Samples clean = new Samples(), faulty = new Samples(), slowdown = new Samples();
                for (int run = 1; run <= runs; run++) {
                    ServiceRun ok;
                    try (SpotifySimulator sim = SpotifySimulator.start(base.withUsers(size), "127.0.0.1", 0)) {
                        ok = serviceRun(variant, sim, runDir.resolve("clean-" + variant.db().name() + "-" + size
                                + "-run" + run + ".log"));
                    }
                    ServiceRun bad;
                    try (SpotifySimulator sim = SpotifySimulator.start(base.withUsers(size).withFaults(rateLimited,
                            serverErrors), "127.0.0.1", 0)) {
                        bad = serviceRun(variant, sim, runDir.resolve("trouble-" + variant.db().name() + "-" + size
                                + "-run" + run + ".log"));
                    }
                    clean.add(ok.wallSeconds());
                    faulty.add(bad.wallSeconds());
                    slowdown.add(bad.wallSeconds() / ok.wallSeconds());
                    for (ServiceRun r : List.of(ok, bad)) {
                        SimulatorStats.Snapshot st = r.sim;
                        rows.add(List.of(Integer.toString(size), variant.label(), Integer.toString(run), r == ok
                                        ? "no faults" : fmt("%.0f%% 429 + %.0f%% 5xx", rateLimited * 100, serverErrors * 100),
                                fmt("%.1f", r.wallSeconds()), Long.toString(st.pageRequests()),
                                Long.toString(st.rateLimited()), Long.toString(st.serverErrors()),
                                r.answer.successful() + "/" + r.answer.totalUsers(),
                                r.answer.failed() == 0 ? "0" : r.answer.failed() + " (" + r.answer.firstError() + ")",
                                Long.toString(r.answer.playsSynced()), Long.toString(r.verification.expected()),
                                Long.toString(r.verification.stored()), Long.toString(r.verification.missing()),
                                Long.toString(r.verification.unexpected())));
                    }
                }
                report.line(String.format(Locale.ROOT, "- %d users%s: wall %s s without faults, %s s with faults, "
                                + "slowdown %s×", size, label(variant), clean.format("%.1f"), faulty.format("%.1f"),
                        slowdown.format("%.2f")));
            }
        }
        report.line("");
        report.table(List.of("users", "build", "run", "Spotify", "wall s", "page requests", "429s", "5xx", "users ok",
                "users failed", "playsSynced (service)", "plays expected", "plays stored", "missing", "unexpected"), rows);
    }

    /**
     * The sync against Spotify's kind of limit: a rolling window of N Web API calls per W for the whole app (3,000 per
     * 30 s unless {@code --rate-window-calls}/{@code --rate-window-ms} say otherwise), a fresh simulator (an empty
     * window) for every run. How close a run gets to the window's rate, and how many of its calls were refused.
     */
    private void rateLimit(Path runDir) throws Exception {
        SimulatorConfig limited = base.windowCalls() > 0 ? base : base.withWindow(3_000, 30_000);
        double windowRate = limited.windowCalls() / (limited.windowMs() / 1000.0);
        report.line(String.format(Locale.ROOT, "Rate window: %d Web API calls per %.0f s (%.0f calls/s) for the app.",
                limited.windowCalls(), limited.windowMs() / 1000.0, windowRate));
        report.line("");
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> summary = new ArrayList<>();
        for (int size : sizes) {
            List<RateLimitSamples> byVariant = variants.stream().map(v -> new RateLimitSamples()).toList();
            for (int run = 1; run <= runs; run++) {
                for (int v = 0; v < variants.size(); v++) {
                    Variant variant = variants.get(v);
                    ServiceRun r;
                    try (SpotifySimulator sim = SpotifySimulator.start(limited.withUsers(size), "127.0.0.1", 0)) {
                        r = serviceRun(variant, sim, runDir.resolve("ratelimit-" + variant.db().name() + "-" + size
                                + "-run" + run + ".log"));
                    }
                    SimulatorStats.Snapshot st = r.sim;
                    long accepted = st.pageRequests() - st.windowLimited();
                    double reached = accepted / r.wallSeconds() / windowRate;
                    double share429 = (double) st.rateLimited() / st.pageRequests();
                    byVariant.get(v).record(reached, share429, r);
                    rows.add(List.of(Integer.toString(size), variant.label(), Integer.toString(run),
                            fmt("%.1f", r.wallSeconds()), Long.toString(st.pageRequests()), Long.toString(accepted),
                            fmt("%.1f %%", reached * 100), Long.toString(st.rateLimited()),
                            fmt("%.2f %%", share429 * 100), fmt("%.1f", r.usersPerSecond()),
                            r.answer.failed() == 0 ? "0" : r.answer.failed() + " (" + r.answer.firstError() + ")",
                            Long.toString(r.verification.expected()), Long.toString(r.verification.stored()),
                            Long.toString(r.verification.missing()), Long.toString(r.verification.unexpected())));
                    report.line(String.format(Locale.ROOT, "- %d users, run %d%s: %.1f s, %.1f %% of the window's "
                                    + "rate, %d of %d calls answered 429, %d users failed; %s", size, run,
                            label(variant), r.wallSeconds(), reached * 100, st.rateLimited(), st.pageRequests(),
                            r.answer.failed(), r.verification));
                }
            }
            for (int v = 0; v < variants.size(); v++) {
                RateLimitSamples x = byVariant.get(v);
                summary.add(List.of(Integer.toString(size), variants.get(v).label(), x.reached.format("%.1f"),
                        x.share429.format("%.2f"), x.usersPerS.format("%.1f"), x.wall.format("%.1f"),
                        x.failed.format("%.0f"), x.verified));
            }
        }
        report.line("");
        report.line("### Summary (median, min–max over " + runs + " runs)");
        report.line("");
        report.table(List.of("users", "build", "window rate reached %", "calls answered 429 %", "users/s", "wall s",
                "users failed", "plays check"), summary);
        report.line("### Every run");
        report.line("");
        report.table(List.of("users", "build", "run", "wall s", "Web API calls", "let in by the window",
                "window rate reached", "429s", "429 share", "users/s", "users failed", "plays expected",
                "plays stored", "missing", "unexpected"), rows);
    }

    /** One build's rate-limit figures over the repetitions of one size. */
    private static final class RateLimitSamples {
        final Samples reached = new Samples(), share429 = new Samples(), usersPerS = new Samples(),
                wall = new Samples(), failed = new Samples();
        String verified = "exact";

        void record(double reachedShare, double rateLimitedShare, ServiceRun run) {
            reached.add(reachedShare * 100);
            share429.add(rateLimitedShare * 100);
            usersPerS.add(run.usersPerSecond());
            wall.add(run.wallSeconds());
            failed.add(run.answer.failed());
            if (!run.verification.exact()) {
                verified = run.verification.toString();
            }
        }
    }

    private SyncService startService(Variant variant, SpotifySimulator sim, Path log, boolean recordJfr)
            throws Exception {
        List<String> options = new ArrayList<>(javaOptions);
        if (recordJfr) {
            options.add("-XX:StartFlightRecording=filename=" + log.toString().replace(".log", ".jfr")
                    + ",settings=profile,dumponexit=true");
        }
        Map<String, String> database = switch (datasourceEnv) {
            case "database-url" -> Map.of("DATABASE_URL", variant.db().serviceDatabaseUrl());
            case "quarkus" -> variant.db().serviceDatasourceEnv();
            default -> throw new IllegalArgumentException("--datasource-env database-url|quarkus");
        };
        return SyncService.start(variant.app(), options, database, sim.baseUrl(), base.clientId(), base.clientSecret(),
                serviceEnv, log);
    }

    private ServiceRun serviceRun(Variant variant, SpotifySimulator sim, Path log) throws Exception {
        Users users = sim.users();
        BenchDatabase db = variant.db();
        startFrom(db, users);
        try (SyncService service = startService(variant, sim, log, jfr)) {
            long idleRss = service.process().rssKb();
            StatementCounter.reset(db);
            sim.resetStats();
            double serviceCpu = CpuTime.processMs(service.process().pid());
            double pgCpu = server.cpuMs();
            double simCpu = CpuTime.processMs(ProcessHandle.current().pid());
            SyncService.RunAnswer answer = service.sync(Duration.ofMinutes(20));
            simCpu = CpuTime.processMs(ProcessHandle.current().pid()) - simCpu;
            serviceCpu = CpuTime.processMs(service.process().pid()) - serviceCpu;
            pgCpu = server.cpuMs() - pgCpu;
            long peak = service.process().peakRssKb();
            StatementCounter.Counts counts = StatementCounter.of(db, BenchPostgres.SERVICE_ROLE);
            SimulatorStats.Snapshot stats = sim.stats();
            PlayVerifier.Verification verification = PlayVerifier.verify(db, users, u -> true);
            return new ServiceRun(users.count(), answer, counts.statements(), counts.top(), idleRss, peak,
                    service.startupMs(), stats, verification, serviceCpu, pgCpu, simCpu);
        }
    }

    /** Every phase starts from emptied tables holding only the seeded users and their tokens. */
    private static void startFrom(BenchDatabase db, Users users) throws Exception {
        BenchSchema.reset(db);
        Seeder.seed(db, users);
        BenchSchema.settle(db);
    }

    /**
     * PostgreSQL CPU since {@code before}. A phase's backend exits when its connection closes and its CPU moves to
     * the postmaster's children total only once reaped, so the reading waits a moment for that.
     */
    private double postgresCpuSince(double before) throws InterruptedException {
        Thread.sleep(500);
        return server.cpuMs() - before;
    }

    private NaiveRun naiveRun(BenchDatabase db, SpotifySimulator sim) throws Exception {
        Users users = sim.users();
        startFrom(db, users);
        StatementCounter.reset(db);
        sim.resetStats();
        double pgCpu = server.cpuMs();
        NaiveSync.Result result = new NaiveSync(db, users, sim.baseUrl(), sim.baseUrl())
                .run(naiveMaxUsers, naiveBudget);
        pgCpu = postgresCpuSince(pgCpu);
        StatementCounter.Counts counts = StatementCounter.of(db, BenchPostgres.NAIVE_ROLE);
        PlayVerifier.Verification verification = PlayVerifier.verify(db, users, result.covered()::get);
        return new NaiveRun(result, counts.statements(), verification, pgCpu);
    }

    private CopyBaseline.Result copyRun(BenchDatabase db, Users users, ExpectedRows expected) throws Exception {
        startFrom(db, users);
        double pgCpu = server.cpuMs();
        CopyBaseline.Result result = CopyBaseline.run(db, expected);
        lastPostgresCpuMs = postgresCpuSince(pgCpu);
        PlayVerifier.Verification verification = PlayVerifier.verify(db, users, u -> true);
        if (!verification.exact()) {
            throw new IllegalStateException("COPY baseline stored the wrong rows: " + verification);
        }
        return result;
    }

    private IngestBaseline.Result ingestRun(BenchDatabase db, Users users, ExpectedRows expected, boolean slim)
            throws Exception {
        startFrom(db, users);
        double pgCpu = server.cpuMs();
        IngestBaseline.Result result = IngestBaseline.run(db, users, ingestConnections, ingestUsers, slim, ingestBatch);
        lastPostgresCpuMs = postgresCpuSince(pgCpu);
        PlayVerifier.Verification verification = PlayVerifier.verify(db, users, u -> true);
        if (ingestUsers >= users.count() && (!verification.exact() || result.plays() != expected.plays())) {
            throw new IllegalStateException("ingest baseline stored the wrong rows: " + verification);
        }
        return result;
    }

    /** @param serviceCpuMs CPU of the service JVM during the run; {@code postgresCpuMs} of the whole database server */
    private record ServiceRun(int users, SyncService.RunAnswer answer, long statements,
                              List<StatementCounter.Top> topStatements, long idleRssKb, long peakRssKb,
                              double startupMs, SimulatorStats.Snapshot sim, PlayVerifier.Verification verification,
                              double serviceCpuMs, double postgresCpuMs, double simulatorCpuMs) {

        double serviceCpuPerUser() {
            return serviceCpuMs / users;
        }

        double postgresCpuPerUser() {
            return postgresCpuMs / users;
        }

        /** Users/s the service and its database could reach on two cores of their own if CPU were the only limit. */
        double twoCoreCeiling() {
            return 2000.0 / (serviceCpuPerUser() + postgresCpuPerUser());
        }

        double wallSeconds() {
            return answer.wallNanos() / 1e9;
        }

        double usersPerSecond() {
            return users / wallSeconds();
        }

        double playsPerSecond() {
            return verification.stored() / wallSeconds();
        }

        double statementsPerUser() {
            return (double) statements / users;
        }

        List<String> row(int size, int run, String label) {
            return List.of(Integer.toString(size), Integer.toString(run), "service" + label, fmt("%.2f", wallSeconds()),
                    fmt("%.1f", usersPerSecond()), fmt("%.0f", playsPerSecond()),
                    fmt("%.1f + %.1f", serviceCpuPerUser(), postgresCpuPerUser()), fmt("%.2f", statementsPerUser()),
                    fmt("%.0f (idle %.0f)", peakRssKb / 1024.0, idleRssKb / 1024.0),
                    verification.exact() ? "exact" : verification.toString());
        }
    }

    private record NaiveRun(NaiveSync.Result result, long statements, PlayVerifier.Verification verification,
                            double postgresCpuMs) {

        double usersPerSecond() {
            return result.usersDone() / (result.nanos() / 1e9);
        }

        double playsPerSecond() {
            return result.playsInserted() / (result.nanos() / 1e9);
        }

        double statementsPerUser() {
            return (double) statements / Math.max(1, result.usersDone());
        }

        List<String> row(int size, int run) {
            return List.of(Integer.toString(size), Integer.toString(run),
                    "naive (" + result.usersDone() + " users" + (result.stoppedEarly() ? ", time-boxed" : "") + ")",
                    fmt("%.2f", result.nanos() / 1e9), fmt("%.2f", usersPerSecond()), fmt("%.0f", playsPerSecond()),
                    fmt("– + %.1f", postgresCpuMs / Math.max(1, result.usersDone())),
                    fmt("%.1f", statementsPerUser()), "–",
                    verification.exact() ? "exact" : verification.toString());
        }
    }

    static String fmt(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // Best effort: a leftover temp directory is harmless.
        }
    }
}
