package io.tempo.bench.tokener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tempo.bench.Args;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tokener benchmark's options and its table, without starting anything. */
class TokenerOptionsTest {

    private static TokenerOptions parse(String... argv) {
        return TokenerOptions.parse(new Args(argv));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        TokenerOptions o = parse();

        assertThat(o.builds()).containsExactly(new TokenerBuild("this build",
                Path.of("/tmp/bench-src/tokener-service/target/quarkus-app"), List.of()));
        assertThat(o.env()).isEqualTo(Map.of("TOKENER_CACHE_MIN_FETCH_INTERVAL", "0s"));
        assertThat(List.of(o.runs(), o.seconds(), o.warmupSeconds(), o.coldSeconds(), o.idleSeconds(), o.threads(),
                o.freshSamples(), o.freshIntervalMs(), o.pageTokenLatencyMs()))
                .containsExactly(3, 15, 10, 10, 5, 2, 20, 1000, 0);
        assertThat(o.connections()).containsExactly(64, 256);
        assertThat(o.wrk()).isEqualTo("/usr/bin/wrk");
        assertThat(o.wrkScript()).isEqualTo(Path.of("bench/wrk/percentiles.lua").toAbsolutePath());
        assertThat(o.runDir().getFileName().toString()).startsWith("tokener-");
    }

    @Test
    void whatRunTokenerShPassesForABaselineParses() {
        TokenerOptions o = parse("--tokener-app", "/tmp/src/tokener-service/target/quarkus-app", "--java-opts",
                "-XX:+UseSerialGC -Xmx128m", "--label", "this build", "--baseline-app",
                "/tmp/base/tokener-service/target/quarkus-app", "--baseline-label", "2ab124e", "--baseline-java-opts",
                "", "--wrk-script", "/work/bench/wrk/percentiles.lua", "--runs", "1", "--service-env", "A=1");

        assertThat(o.builds()).containsExactly(
                new TokenerBuild("this build", Path.of("/tmp/src/tokener-service/target/quarkus-app"),
                        List.of("-XX:+UseSerialGC", "-Xmx128m")),
                new TokenerBuild("2ab124e", Path.of("/tmp/base/tokener-service/target/quarkus-app"), List.of()));
        assertThat(o.env()).isEqualTo(Map.of("TOKENER_CACHE_MIN_FETCH_INTERVAL", "0s", "A", "1"));
        assertThat(o.builds().get(1).slug()).isEqualTo("2ab124e");
        assertThat(new TokenerBuild("before (6e7f6b4)", Path.of("x"), List.of()).slug()).isEqualTo("before-6e7f6b4-");
    }

    @Test
    void aBaselineLabelWithoutABaselineIsRefused() {
        assertThatThrownBy(() -> parse("--baseline-label", "old")).hasMessage("unknown options: [baseline-label]");
    }

    @Test
    void theTableHasARowPerFigureAndAColumnPerBuild() {
        TokenerOptions o = parse("--connections", "64", "--runs", "1", "--fresh-samples", "2");
        TokenerFigures f = new TokenerFigures();
        f.started(new TokenerService.Started(1500, 2600));
        f.idlePss.add(420);
        f.idleJvmPss.add(150);
        f.coldRps.add(21000);
        f.coldP99.add(7.5);
        f.warm.put(64, new TokenerFigures.WrkSamples());
        f.warm.get(64).add(new Wrk.Result(600_000, 15, 0, 0, 1.25, 2, 4.5, 9.75, 20));
        f.fresh.add(800).add(900);
        f.pageRequestsDuringLoad = 0;
        f.jvmPeakKb = 300 * 1024;

        assertThat(TokenerReport.rows(o, Map.of(o.builds().get(0), f))).containsExactly(
                List.of("spawn → /q/health/ready, ms (1 cold starts)", "1500"),
                List.of("spawn → first token, ms", "2600"),
                List.of("idle memory, PSS of JVM + driver + Chromium, MB", "420"),
                List.of("… of which the JVM, MB", "150"),
                List.of("cached, first 10 s of load, 64 connections, req/s", "21000"),
                List.of("… p99 ms", "7.50"),
                List.of("cached, warmed, 64 connections, req/s", "40000"),
                List.of("… p50 / p99 / p99.9 ms", "1.25 / 4.50 / 9.75"),
                List.of("fresh token, warm browser, ms (2 forced calls)", "850 (800–900)"),
                List.of("token requests that reached the page during the warmed wrk runs", "0"),
                List.of("JVM peak RSS under load, MB", "300"));
    }
}
