package io.tempo.bench.sync;

import io.tempo.bench.Args;
import io.tempo.bench.db.ServiceDatasource;
import io.tempo.bench.report.Report;
import io.tempo.bench.sim.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code bench/run-sync.sh} can be told, read once from the command line with each option's default
 * and help text side by side (BENCHMARKS.md, "Harness options", quotes them).
 *
 * @param candidateApp        a second build, interleaved with the first in every repetition (CANDIDATE_TREE)
 * @param ingestBatch         users a call in the ingest-alone phase (1: one ingest_spotify_plays call a user)
 * @param slimIngest          the ingest-alone phase sends the items the current build sends, not Spotify's full ones
 * @param durable             fsync and synchronous_commit on, as in production
 * @param runDir              where this invocation's report and logs go
 */
record SyncOptions(Scenario scenario, List<Integer> sizes, int runs, Path serviceApp, Optional<Path> candidateApp,
                   String candidateLabel, List<String> javaOptions, Map<String, String> serviceEnv,
                   ServiceDatasource datasource, boolean durable, boolean jfr, boolean skipBaselines,
                   Duration naiveBudget, int naiveMaxUsers, int ingestConnections, int ingestUsers, int ingestBatch,
                   boolean slimIngest,
                   boolean candidateSlimIngest, double trouble429Share, double trouble5xxShare,
                   SimulatorConfig simulator, Path runDir) {

    /** What one invocation measures. */
    enum Scenario {
        THROUGHPUT, TROUBLE, RATELIMIT;

        static Scenario fromOption(String value) {
            for (Scenario scenario : values()) {
                if (scenario.option().equals(value)) {
                    return scenario;
                }
            }
            throw new IllegalArgumentException("--scenario throughput|trouble|ratelimit, got " + value);
        }

        /** How {@code --scenario}, the report's title and the results directory name it. */
        String option() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Reads every option, then fails on any it does not know (or stops with the list of them for {@code --help}). */
    static SyncOptions parse(Args args) {
        Scenario scenario = Scenario.fromOption(args.string("scenario", "throughput",
                "throughput (service vs naive route vs COPY), trouble (429s and 5xx) or ratelimit (Spotify's window)"));
        List<Integer> sizes = args.integers("users", "1000,10000", "user counts, one after the other");
        int runs = args.integer("runs", 3, "repetitions at every size, each from emptied tables and a fresh service");
        Path serviceApp = Path.of(args.string("service-app", "/tmp/bench-src/sync-service/target/quarkus-app",
                "the packaged sync-service under test (bench/run-sync.sh builds it)"));
        String candidate = args.string("candidate-app", "", "a second packaged build, run interleaved with the first "
                + "against its own database (CANDIDATE_TREE)");
        String candidateLabel = args.string("candidate-label", "candidate", "what the report calls that build");
        List<String> javaOptions = args.words("service-java-opts", "JVM options of the service");
        Map<String, String> serviceEnv = args.pairs("service-env",
                "KEY=VALUE,... environment overrides of the service");
        ServiceDatasource datasource = ServiceDatasource.fromOption(args.string("datasource-env", "database-url",
                "how the service finds its database: database-url (DATABASE_URL) or quarkus (QUARKUS_DATASOURCE_*)"));
        boolean durable = !args.flag("no-fsync", "PostgreSQL without fsync and synchronous_commit");
        boolean jfr = args.flag("jfr", "a JFR recording of each service run, next to its log");
        boolean skipBaselines = args.flag("skip-baselines", "throughput: the service alone, no naive, COPY or "
                + "ingest phases and no summaries");
        Duration naiveBudget = Duration.ofSeconds(args.integer("naive-budget-s", 60,
                "the naive baseline stops after this many seconds"));
        int naiveMaxUsers = args.limit("naive-max-users", "the naive baseline stops after this many users");
        int ingestConnections = args.integer("ingest-connections", 4, "JDBC connections of the ingest-alone phase");
        int ingestUsers = args.limit("ingest-users", "the ingest-alone phase ingests only the first N users");
        int ingestBatch = args.integer("ingest-batch", 1, "users a call of the ingest-alone phase, as the service "
                + "batches them when busy (builds without ingest_spotify_plays_batch: always 1)");
        boolean slimIngest = args.string("ingest-payload", "full", "full (Spotify's items) or slim (the fields the "
                + "service sends) for the ingest-alone phase").equals("slim");
        boolean candidateSlimIngest = args.string("candidate-ingest-payload", slimIngest ? "slim" : "full",
                "the same for the candidate build (default: --ingest-payload)").equals("slim");
        double trouble429Share = args.decimal("trouble-429-share", 0.10, "trouble: share of calls answered 429");
        double trouble5xxShare = args.decimal("trouble-5xx-share", 0.05, "trouble: share of calls answered 5xx");
        SimulatorConfig simulator = SimulatorConfig.fromArgs(args);
        Path runDir = Report.runDirectory(args, "sync-" + scenario.option());
        args.rejectUnknown();
        return new SyncOptions(scenario, sizes, runs, serviceApp,
                candidate.isBlank() ? Optional.empty() : Optional.of(Path.of(candidate)), candidateLabel, javaOptions,
                serviceEnv, datasource, durable, jfr, skipBaselines, naiveBudget, naiveMaxUsers, ingestConnections,
                ingestUsers, ingestBatch, slimIngest, candidateSlimIngest, trouble429Share, trouble5xxShare, simulator, runDir);
    }
}
