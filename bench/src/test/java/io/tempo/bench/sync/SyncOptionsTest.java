package io.tempo.bench.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tempo.bench.Args;
import io.tempo.bench.db.ServiceDatasource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sync benchmark's options: the defaults BENCHMARKS.md documents, and the commands it quotes, still parse. */
class SyncOptionsTest {

    private static SyncOptions parse(String... argv) {
        return SyncOptions.parse(new Args(argv));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        SyncOptions options = parse();

        assertThat(options.scenario()).isEqualTo(SyncOptions.Scenario.THROUGHPUT);
        assertThat(options.sizes()).containsExactly(1000, 10000);
        assertThat(options.runs()).isEqualTo(3);
        assertThat(options.serviceApp()).isEqualTo(Path.of("/tmp/bench-src/sync-service/target/quarkus-app"));
        assertThat(options.candidateApp()).isEmpty();
        assertThat(options.javaOptions()).isEmpty();
        assertThat(options.serviceEnv()).isEmpty();
        assertThat(options.datasource()).isEqualTo(ServiceDatasource.DATABASE_URL);
        assertThat(options.durable()).isTrue();
        assertThat(options.jfr()).isFalse();
        assertThat(options.skipBaselines()).isFalse();
        assertThat(options.naiveBudget()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.naiveMaxUsers()).isEqualTo(Integer.MAX_VALUE);
        assertThat(options.ingestConnections()).isEqualTo(4);
        assertThat(options.ingestUsers()).isEqualTo(Integer.MAX_VALUE);
        assertThat(options.slimIngest()).isFalse();
        assertThat(options.candidateSlimIngest()).isFalse();
        assertThat(options.trouble429Share()).isEqualTo(0.10);
        assertThat(options.trouble5xxShare()).isEqualTo(0.05);
        assertThat(options.simulator().latencyMs()).isEqualTo(100);
        assertThat(options.simulator().tokenLatencyMs()).isEqualTo(100);
        assertThat(options.simulator().playsPerUser()).isEqualTo(50);
        assertThat(options.simulator().expiredShare()).isEqualTo(0.2);
        assertThat(options.simulator().windowCalls()).isZero();
        assertThat(options.runDir().getParent()).isEqualTo(Path.of("bench/target/results"));
        assertThat(options.runDir().getFileName().toString()).matches("sync-throughput-\\d{8}-\\d{6}");
    }

    @Test
    void theBeforeAndAfterThroughputCommandOfBenchmarksMdParses() {
        SyncOptions options = parse("--service-app", "/tmp/src/sync-service/target/quarkus-app",
                "--candidate-app", "/tmp/bench-candidate/sync-service/target/quarkus-app",
                "--users", "1000,10000", "--runs", "3", "--naive-budget-s", "30", "--ingest-users", "2000",
                "--ingest-payload", "slim", "--candidate-ingest-payload", "full", "--candidate-label",
                "before (6e7f6b4)", "--service-env", "SYNC_CONCURRENCY=64,SYNC_DEADLINE=30m",
                "--service-java-opts", "-Xmx512m");

        assertThat(options.serviceApp()).isEqualTo(Path.of("/tmp/src/sync-service/target/quarkus-app"));
        assertThat(options.candidateApp())
                .isEqualTo(Optional.of(Path.of("/tmp/bench-candidate/sync-service/target/quarkus-app")));
        assertThat(options.candidateLabel()).isEqualTo("before (6e7f6b4)");
        assertThat(options.naiveBudget()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.ingestUsers()).isEqualTo(2000);
        assertThat(options.slimIngest()).isTrue();
        assertThat(options.candidateSlimIngest()).isFalse();
        assertThat(options.serviceEnv()).isEqualTo(Map.of("SYNC_CONCURRENCY", "64", "SYNC_DEADLINE", "30m"));
        assertThat(options.javaOptions()).containsExactly("-Xmx512m");
    }

    @Test
    void theTroubleAndRateLimitCommandsParse() {
        SyncOptions trouble = parse("--scenario", "trouble", "--users", "1000,10000", "--runs", "3",
                "--trouble-429-share", "0.2", "--trouble-5xx-share", "0.01");
        SyncOptions limited = parse("--scenario", "ratelimit", "--users", "10000", "--rate-window-calls", "3000",
                "--rate-window-ms", "30000", "--datasource-env", "quarkus", "--no-fsync");

        assertThat(trouble.scenario()).isEqualTo(SyncOptions.Scenario.TROUBLE);
        assertThat(trouble.trouble429Share()).isEqualTo(0.2);
        assertThat(trouble.trouble5xxShare()).isEqualTo(0.01);
        assertThat(trouble.runDir().getFileName().toString()).startsWith("sync-trouble-");
        assertThat(limited.scenario()).isEqualTo(SyncOptions.Scenario.RATELIMIT);
        assertThat(limited.simulator().windowCalls()).isEqualTo(3000);
        assertThat(limited.simulator().windowMs()).isEqualTo(30000);
        assertThat(limited.datasource()).isEqualTo(ServiceDatasource.QUARKUS);
        assertThat(limited.durable()).isFalse();
        assertThat(limited.runDir().getFileName().toString()).startsWith("sync-ratelimit-");
    }

    @Test
    void theCandidatePayloadFollowsTheBuildsUnlessGiven() {
        assertThat(parse("--ingest-payload", "slim").candidateSlimIngest()).isTrue();
        assertThat(parse("--ingest-payload", "slim", "--candidate-ingest-payload", "full").candidateSlimIngest())
                .isFalse();
    }

    @Test
    void refusesAnUnknownScenarioDatasourceOrOption() {
        assertThatThrownBy(() -> parse("--scenario", "soak"))
                .hasMessage("--scenario throughput|trouble|ratelimit, got soak");
        assertThatThrownBy(() -> parse("--datasource-env", "jdbc"))
                .hasMessage("--datasource-env database-url|quarkus");
        assertThatThrownBy(() -> parse("--user", "200")).hasMessage("unknown options: [user]");
    }

    @Test
    void helpListsTheSyncAndTheSimulatorOptionsWithTheirDefaults() {
        assertThatThrownBy(() -> parse("--help")).isInstanceOf(Args.HelpRequested.class)
                .message()
                .contains("--scenario throughput ", "--users 1000,10000 ", "--runs 3 ", "--naive-budget-s 60 ",
                        "--naive-max-users N ", "--trouble-429-share 0.1 ", "--skip-baselines ", "--no-fsync ",
                        "--latency-ms 100 ", "--rate-window-calls 0 ", "--out bench/target/results ");
    }

    @Test
    void theReportSaysHowTheServiceRan() {
        assertThat(SyncBenchmark.serviceLine(parse("--service-java-opts", "-Xmx512m -XX:+UseSerialGC",
                "--service-env", "SYNC_CONCURRENCY=32", "--datasource-env", "quarkus", "--no-fsync")))
                .isEqualTo("Service: JVM options `-Xmx512m -XX:+UseSerialGC`, environment overrides "
                        + "`{SYNC_CONCURRENCY=32}`; PostgreSQL 17 (embedded), fsync and synchronous_commit OFF; "
                        + "service connects through QUARKUS_DATASOURCE_*.");
        assertThat(SyncBenchmark.serviceLine(parse())).isEqualTo("Service: JVM options ``, environment overrides "
                + "none; PostgreSQL 17 (embedded), fsync and synchronous_commit on; service connects through "
                + "DATABASE_URL.");
    }
}
