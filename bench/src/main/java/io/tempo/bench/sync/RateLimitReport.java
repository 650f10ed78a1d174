package io.tempo.bench.sync;

import static io.tempo.bench.report.Markdown.fmt;

import io.tempo.bench.report.Report;
import io.tempo.bench.sim.SimulatorConfig;
import java.util.ArrayList;
import java.util.List;

/** The rate-limit scenario's Markdown: the window, a line per run as it ends, then the summary and every run. */
final class RateLimitReport {

    static final List<String> SUMMARY_HEADER = List.of("users", "build", "window rate reached %",
            "calls answered 429 %", "users/s", "wall s", "users failed", "plays check");
    static final List<String> RUNS_HEADER = List.of("users", "build", "run", "wall s", "Web API calls",
            "let in by the window", "window rate reached", "429s", "429 share", "users/s", "users failed",
            "plays expected", "plays stored", "missing", "unexpected");

    private final Report report;
    private final SimulatorConfig limited;
    private final List<List<String>> runs = new ArrayList<>();
    private final List<List<String>> summary = new ArrayList<>();

    RateLimitReport(Report report, SimulatorConfig limited) {
        this.report = report;
        this.limited = limited;
    }

    /** The calls per second the window lets in. */
    double windowRate() {
        return limited.windowCalls() / (limited.windowMs() / 1000.0);
    }

    void window() {
        report.line(fmt("Rate window: %d Web API calls per %.0f s (%.0f calls/s) for the app.", limited.windowCalls(),
                limited.windowMs() / 1000.0, windowRate()));
        report.line("");
    }

    void run(int size, int run, String build, String label, RateLimitRun r) {
        runs.add(runRow(size, build, run, r));
        report.line(runLine(size, run, label, r));
    }

    void summarise(int size, String build, RateLimitSamples x) {
        summary.add(summaryRow(size, build, x));
    }

    void finish(int repetitions) {
        report.line("");
        report.section("Summary (median, min–max over " + repetitions + " runs)", SUMMARY_HEADER, summary);
        report.section("Every run", RUNS_HEADER, runs);
    }

    static List<String> runRow(int size, String build, int run, RateLimitRun r) {
        ServiceRun s = r.run();
        return List.of(Integer.toString(size), build, Integer.toString(run), fmt("%.1f", s.wallSeconds()),
                Long.toString(s.sim().pageRequests()), Long.toString(r.accepted()), fmt("%.1f %%", r.reached() * 100),
                Long.toString(s.sim().rateLimited()), fmt("%.2f %%", r.share429() * 100),
                fmt("%.1f", s.usersPerSecond()), s.failures(), Long.toString(s.verification().expected()),
                Long.toString(s.verification().stored()), Long.toString(s.verification().missing()),
                Long.toString(s.verification().unexpected()));
    }

    static String runLine(int size, int run, String label, RateLimitRun r) {
        ServiceRun s = r.run();
        return fmt("- %d users, run %d%s: %.1f s, %.1f %% of the window's rate, %d of %d calls answered 429, %d users "
                        + "failed; %s", size, run, label, s.wallSeconds(), r.reached() * 100, s.sim().rateLimited(),
                s.sim().pageRequests(), s.answer().failed(), s.verification());
    }

    static List<String> summaryRow(int size, String build, RateLimitSamples x) {
        return List.of(Integer.toString(size), build, x.reached.format("%.1f"), x.share429.format("%.2f"),
                x.usersPerS.format("%.1f"), x.wall.format("%.1f"), x.failed.format("%.0f"), x.verified);
    }
}
