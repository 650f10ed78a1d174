package io.tempo.bench.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.tempo.bench.db.CopyBaseline;
import io.tempo.bench.db.IngestBaseline;
import io.tempo.bench.db.PlayVerifier;
import io.tempo.bench.naive.NaiveSync;
import io.tempo.bench.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The throughput report's cells, figure by figure, in the format BENCHMARKS.md's tables were made from. */
class ThroughputReportTest {

    private static final NaiveRun NAIVE = new NaiveRun(
            new NaiveSync.Result(10_150_000_000L, 9, 450, 0, new BitSet(), true), 2262, SyncRuns.exact(450), 790);
    private static final CopyRun COPY = new CopyRun(new CopyBaseline.Result(2_220_000_000L, 10_000, 30_000), 650, 200);
    private static final IngestRun INGEST = new IngestRun(
            new IngestBaseline.Result(3_400_000_000L, 10_000, 4, 1_000_000, 200), 1870, false);

    @Test
    void serviceRowGivesWallRatesCpuStatementsMemoryAndTheCheck() {
        assertThat(ThroughputReport.serviceRow(200, 1, "", SyncRuns.service())).containsExactly("200", "1", "service",
                "20.00", "10.0", "500", "25.9 + 9.3", "1.22", "335 (idle 189)", "exact");
    }

    @Test
    void serviceRowNamesTheBuildAndAMismatch() {
        PlayVerifier.Verification lost = new PlayVerifier.Verification(10_000, 9_950, 9_950, 50, 0);
        ServiceRun run = SyncRuns.service(1, "Sync deadline exceeded", SyncRuns.stats(400, 0, 0, 0), lost);

        assertThat(ThroughputReport.serviceRow(200, 2, " [candidate]", run)).containsExactly("200", "2",
                "service [candidate]", "20.00", "10.0", "498", "25.9 + 9.3", "1.22", "335 (idle 189)",
                "MISMATCH: expected 10000, stored 9950, matched 9950, missing 50, unexpected 0");
    }

    @Test
    void naiveRowSaysItWasTimeBoxed() {
        assertThat(ThroughputReport.naiveRow(200, 1, NAIVE)).containsExactly("200", "1", "naive (9 users, time-boxed)",
                "10.15", "0.89", "44", "– + 87.8", "251.3", "–", "exact");
    }

    @Test
    void copyAndIngestRowsGiveTheirRatesAndPostgresCpu() {
        assertThat(ThroughputReport.copyRow(200, 1, COPY)).containsExactly("200", "1", "COPY ceiling", "2.22", "–",
                "4505", "– + 3.25", "1 transaction", "–", "exact");
        assertThat(ThroughputReport.ingestRow(200, 1, "", INGEST)).containsExactly("200", "1",
                "ingest_spotify_plays alone (full items), 4 connections", "3.40", "59", "2941", "– + 9.35", "1", "–",
                "exact");
    }

    @Test
    void ingestRowSaysWhenOnlyTheFirstUsersWereIngested() {
        IngestRun firstUsers = new IngestRun(new IngestBaseline.Result(1_000_000_000L, 5_000, 4, 500_000, 100), 900,
                true);

        assertThat(ThroughputReport.ingestRow(200, 1, " [as built]", firstUsers).get(2))
                .isEqualTo("ingest_spotify_plays alone (slim items), 4 connections, first 100 users [as built]");
    }

    @Test
    void progressLinesQuoteTheRunTheSimulatorAndTheCostliestStatements() {
        ServiceRun run = SyncRuns.service();

        assertThat(ThroughputReport.serviceLine(200, 1, "", run)).isEqualTo("- 200 users, run 1: service 200 ok / 0 "
                + "failed, 10.0 users/s, exact: expected 10000, stored 10000, matched 10000, missing 0, unexpected 0; "
                + "simulator (10.0 CPU ms/user, incl. the harness) " + run.sim().toJson());
        assertThat(ThroughputReport.statementLine(run.topStatements().get(0)))
                .isEqualTo("  - statement: 200 calls, 10000 rows, 1234 ms: `select 'ingest'($1, $2)`");
    }

    @Test
    void summaryRowsAreMediansWithRatiosAgainstTheSameRepetitionsBaselines() {
        ThroughputSamples build = new ThroughputSamples();
        build.record(SyncRuns.service(), INGEST, NAIVE, COPY);
        BaselineSamples baselines = new BaselineSamples();
        baselines.record(NAIVE, COPY);

        assertThat(ThroughputReport.summaryRow(200, "as built", build, baselines)).containsExactly("200", "as built",
                "20.0", "10", "500", "1.22", "335", "0.89", "251", "11×", "4505", "2941", "0.65", "exact");
        assertThat(ThroughputReport.cpuRow(200, "as built", build, baselines)).containsExactly("200", "as built",
                "25.9", "9.3", "57", "9.35", "3.25", "0.35");
    }

    @Test
    void theReportEndsWithThePhasesThenTheSummaryAndTheCpuCost(@TempDir Path dir) throws Exception {
        Report out = new Report(dir.resolve("report.md"), "Sync: throughput", "bench/run-sync.sh --users 200");
        ThroughputReport report = new ThroughputReport(out);
        report.naive(200, 1, NAIVE);
        report.service(200, 1, "", SyncRuns.service());
        ThroughputSamples build = new ThroughputSamples();
        build.record(SyncRuns.service(), INGEST, NAIVE, COPY);
        BaselineSamples baselines = new BaselineSamples();
        baselines.record(NAIVE, COPY);
        report.summarise(200, "as built", build, baselines);
        report.finish(1, true);

        assertThat(Files.readString(dir.resolve("report.md"))).startsWith("## Sync: throughput\n\nCommand: "
                        + "`bench/run-sync.sh --users 200`\n")
                .containsSubsequence("\n### Every phase of every run\n\n| users | run | what |",
                        "| 200 | 1 | naive (9 users, time-boxed) |", "| 200 | 1 | service |",
                        "\n### Summary (median, min–max over 1 runs)\n\n| users | build | service wall s |",
                        "| 200 | as built | 20.0 |",
                        "\n### CPU cost (median, min–max): what the wall times above would be on two dedicated "
                                + "cores\n\n| users | build | service JVM CPU ms/user |", "| 200 | as built | 25.9 |");
    }

    @Test
    void withoutTheBaselinesTheReportEndsWithThePhasesAlone(@TempDir Path dir) throws Exception {
        Report out = new Report(dir.resolve("report.md"), "Sync: throughput", "bench/run-sync.sh --skip-baselines");
        ThroughputReport report = new ThroughputReport(out);
        report.service(200, 1, "", SyncRuns.service());
        report.finish(1, false);

        assertThat(Files.readString(dir.resolve("report.md")))
                .endsWith("| 200 | 1 | service | 20.00 | 10.0 | 500 | 25.9 + 9.3 | 1.22 | 335 (idle 189) | exact |\n\n")
                .doesNotContain("### Summary");
    }
}
