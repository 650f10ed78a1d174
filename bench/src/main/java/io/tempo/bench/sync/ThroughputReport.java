package io.tempo.bench.sync;

import static io.tempo.bench.report.Markdown.fmt;

import io.tempo.bench.db.StatementCounter;
import io.tempo.bench.report.Machine;
import io.tempo.bench.report.Report;
import java.util.ArrayList;
import java.util.List;

/**
 * The throughput scenario's Markdown: a line per phase as it finishes (so a long benchmark shows progress), then
 * every phase of every run, the summary and the CPU cost as tables. The rows are built by pure functions, which
 * the tests check cell by cell.
 */
final class ThroughputReport {

    static final List<String> PHASES_HEADER = List.of("users", "run", "what", "wall s", "users/s", "plays/s",
            "CPU ms/user (service + PostgreSQL)", "DB statements/user", "peak RSS MB", "plays check");
    static final List<String> SUMMARY_HEADER = List.of("users", "build", "service wall s", "service users/s",
            "service plays/s", "service DB statements/user", "service peak RSS MB", "naive users/s",
            "naive DB statements/user", "service ÷ naive (users/s)", "COPY plays/s", "ingest fn alone plays/s",
            "ingest fn ÷ COPY", "plays check");
    static final List<String> CPU_HEADER = List.of("users", "build", "service JVM CPU ms/user",
            "PostgreSQL CPU ms/user", "CPU-bound ceiling on 2 cores, users/s", "ingest fn alone: PostgreSQL CPU ms/user",
            "COPY: PostgreSQL CPU ms/user", "COPY CPU ÷ ingest CPU (ingest rate vs COPY on equal CPU)");

    private final Report report;
    private final List<List<String>> phases = new ArrayList<>();
    private final List<List<String>> summary = new ArrayList<>();
    private final List<List<String>> cpu = new ArrayList<>();

    ThroughputReport(Report report) {
        this.report = report;
    }

    void naive(int size, int run, NaiveRun naive) {
        phases.add(naiveRow(size, run, naive));
    }

    void copy(int size, int run, CopyRun copy) {
        phases.add(copyRow(size, run, copy));
    }

    void ingest(int size, int run, String label, IngestRun ingest) {
        phases.add(ingestRow(size, run, label, ingest));
    }

    void service(int size, int run, String label, ServiceRun svc) {
        phases.add(serviceRow(size, run, label, svc));
    }

    /** How the service run went, as it ends; in the first run also the statements that cost the most. */
    void progress(int size, int run, String label, ServiceRun svc) {
        report.line(serviceLine(size, run, label, svc));
        if (run == 1) {
            svc.topStatements().forEach(top -> report.line(statementLine(top)));
        }
    }

    void baselines(int size, int run, NaiveRun naive, CopyRun copy) {
        report.line(fmt("- %d users, run %d: naive %.2f users/s over %d users, COPY %.0f plays/s; load average now %s",
                size, run, naive.usersPerSecond(), naive.result().usersDone(), copy.playsPerSecond(),
                Machine.loadAverage()));
    }

    void summarise(int size, String build, ThroughputSamples x, BaselineSamples baselines) {
        summary.add(summaryRow(size, build, x, baselines));
        cpu.add(cpuRow(size, build, x, baselines));
    }

    /** The tables; without the baselines only the phases, since the summaries are ratios against them. */
    void finish(int runs, boolean withBaselines) {
        report.line("");
        report.section("Every phase of every run", PHASES_HEADER, phases);
        if (!withBaselines) {
            return;
        }
        report.section("Summary (median, min–max over " + runs + " runs)", SUMMARY_HEADER, summary);
        report.section("CPU cost (median, min–max): what the wall times above would be on two dedicated cores",
                CPU_HEADER, cpu);
    }

    static List<String> serviceRow(int size, int run, String label, ServiceRun svc) {
        return List.of(Integer.toString(size), Integer.toString(run), "service" + label, fmt("%.2f", svc.wallSeconds()),
                fmt("%.1f", svc.usersPerSecond()), fmt("%.0f", svc.playsPerSecond()),
                fmt("%.1f + %.1f", svc.serviceCpuPerUser(), svc.postgresCpuPerUser()),
                fmt("%.2f", svc.statementsPerUser()),
                fmt("%.0f (idle %.0f)", svc.peakRssKb() / 1024.0, svc.idleRssKb() / 1024.0),
                svc.verification().exact() ? "exact" : svc.verification().toString());
    }

    static List<String> naiveRow(int size, int run, NaiveRun naive) {
        return List.of(Integer.toString(size), Integer.toString(run), "naive (" + naive.result().usersDone() + " users"
                        + (naive.result().stoppedEarly() ? ", time-boxed" : "") + ")",
                fmt("%.2f", naive.result().nanos() / 1e9), fmt("%.2f", naive.usersPerSecond()),
                fmt("%.0f", naive.playsPerSecond()), fmt("– + %.1f", naive.postgresCpuPerUser()),
                fmt("%.1f", naive.statementsPerUser()), "–",
                naive.verification().exact() ? "exact" : naive.verification().toString());
    }

    static List<String> copyRow(int size, int run, CopyRun copy) {
        return List.of(Integer.toString(size), Integer.toString(run), "COPY ceiling",
                fmt("%.2f", copy.result().nanos() / 1e9), "–", fmt("%.0f", copy.playsPerSecond()),
                fmt("– + %.2f", copy.postgresCpuPerUser()), "1 transaction", "–", "exact");
    }

    static List<String> ingestRow(int size, int run, String label, IngestRun ingest) {
        int users = ingest.result().users();
        String what = "ingest_spotify_plays alone (" + (ingest.slim() ? "slim" : "full") + " items), "
                + ingest.result().connections() + " connections" + (users < size ? ", first " + users + " users" : "")
                + label;
        return List.of(Integer.toString(size), Integer.toString(run), what, fmt("%.2f", ingest.result().nanos() / 1e9),
                fmt("%.0f", ingest.usersPerSecond()), fmt("%.0f", ingest.result().playsPerSecond()),
                fmt("– + %.2f", ingest.postgresCpuPerUser()), "1", "–", "exact");
    }

    static String serviceLine(int size, int run, String label, ServiceRun svc) {
        SyncService.RunAnswer answer = svc.answer();
        return fmt("- %d users, run %d%s: service %d ok / %d failed%s, %.1f users/s, %s; simulator (%.1f CPU ms/user, "
                        + "incl. the harness) %s", size, run, label, answer.successful(), answer.failed(),
                answer.failed() == 0 ? "" : " (first error: " + answer.firstError() + ")", svc.usersPerSecond(),
                svc.verification(), svc.simulatorCpuMs() / svc.users(), svc.sim().toJson());
    }

    static String statementLine(StatementCounter.Top top) {
        return fmt("  - statement: %d calls, %d rows, %.0f ms: `%s`", top.calls(), top.rows(), top.totalMs(),
                top.query().replace('`', '\''));
    }

    static List<String> summaryRow(int size, String build, ThroughputSamples x, BaselineSamples baselines) {
        return List.of(Integer.toString(size), build, x.wall.format("%.1f"), x.usersPerS.format("%.0f"),
                x.playsPerS.format("%.0f"), x.statements.format("%.2f"), x.peak.format("%.0f"),
                baselines.naiveUsersPerS.format("%.2f"), baselines.naiveStatements.format("%.0f"),
                x.userRatio.format("%.0f") + "×", baselines.copyPlaysPerS.format("%.0f"),
                x.ingestPlaysPerS.format("%.0f"), x.ingestRatio.format("%.2f"), x.verified);
    }

    static List<String> cpuRow(int size, String build, ThroughputSamples x, BaselineSamples baselines) {
        return List.of(Integer.toString(size), build, x.serviceCpu.format("%.1f"), x.postgresCpu.format("%.1f"),
                x.ceiling.format("%.0f"), x.ingestCpu.format("%.2f"), baselines.copyCpuPerUser.format("%.2f"),
                x.cpuRatio.format("%.2f"));
    }
}
