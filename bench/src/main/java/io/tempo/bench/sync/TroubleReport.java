package io.tempo.bench.sync;

import static io.tempo.bench.report.Markdown.fmt;

import io.tempo.bench.report.Report;
import io.tempo.bench.report.Samples;
import io.tempo.bench.sim.SimulatorStats;
import java.util.ArrayList;
import java.util.List;

/** The trouble scenario's Markdown: the slowdown of each size and build as it ends, then every run as a table. */
final class TroubleReport {

    static final List<String> HEADER = List.of("users", "build", "run", "Spotify", "wall s", "page requests", "429s",
            "5xx", "users ok", "users failed", "playsSynced (service)", "plays expected", "plays stored", "missing",
            "unexpected");

    private final Report report;
    private final String faults;
    private final List<List<String>> rows = new ArrayList<>();

    TroubleReport(Report report, double rateLimitedShare, double serverErrorShare) {
        this.report = report;
        this.faults = fmt("%.0f%% 429 + %.0f%% 5xx", rateLimitedShare * 100, serverErrorShare * 100);
    }

    void run(int size, String build, int run, ServiceRun r, boolean withFaults) {
        rows.add(row(size, build, run, withFaults ? faults : "no faults", r));
    }

    void slowdown(int size, String label, Samples clean, Samples faulty, Samples slowdown) {
        report.line(fmt("- %d users%s: wall %s s without faults, %s s with faults, slowdown %s×", size, label,
                clean.format("%.1f"), faulty.format("%.1f"), slowdown.format("%.2f")));
    }

    void finish() {
        report.line("");
        report.table(HEADER, rows);
    }

    static List<String> row(int size, String build, int run, String spotify, ServiceRun r) {
        SimulatorStats.Snapshot st = r.sim();
        return List.of(Integer.toString(size), build, Integer.toString(run), spotify, fmt("%.1f", r.wallSeconds()),
                Long.toString(st.pageRequests()), Long.toString(st.rateLimited()), Long.toString(st.serverErrors()),
                r.answer().successful() + "/" + r.answer().totalUsers(), r.failures(),
                Long.toString(r.answer().playsSynced()), Long.toString(r.verification().expected()),
                Long.toString(r.verification().stored()), Long.toString(r.verification().missing()),
                Long.toString(r.verification().unexpected()));
    }
}
