package io.tempo.bench.tokener;

import static io.tempo.bench.report.Markdown.fmt;

import io.tempo.bench.report.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The tokener's Markdown: what ran, then one table with a row per figure and a column per build. */
final class TokenerReport {

    private TokenerReport() {
    }

    static void setup(Report report, TokenerOptions o) {
        for (TokenerBuild build : o.builds()) {
            report.line("- " + build.label() + ": `" + build.app() + "`, JVM options `"
                    + String.join(" ", build.javaOptions()) + "`");
        }
        report.line("");
        report.line("Environment `" + o.env() + "`; wrk " + o.threads() + " threads, keep-alive, loopback; first-load "
                + "figures: " + o.coldSeconds() + " s at " + o.connections().get(0) + " connections right after the "
                + "first token; warmed: " + o.seconds() + " s per run after a " + o.warmupSeconds() + " s warm-up; "
                + "local web-player page answering its token request after " + o.pageTokenLatencyMs() + " ms; idle "
                + "memory " + o.idleSeconds() + " s after the first token.");
        report.line("");
    }

    static void figures(Report report, TokenerOptions o, Map<TokenerBuild, TokenerFigures> figures) {
        List<String> header = new ArrayList<>(List.of("what"));
        figures.keySet().forEach(build -> header.add(build.label()));
        report.line("Medians with (min–max).");
        report.line("");
        report.table(header, rows(o, figures));
    }

    static List<List<String>> rows(TokenerOptions o, Map<TokenerBuild, TokenerFigures> figures) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(row(figures, "spawn → /q/health/ready, ms (" + o.runs() + " cold starts)", f -> f.ready.format("%.0f")));
        rows.add(row(figures, "spawn → first token, ms", f -> f.firstToken.format("%.0f")));
        rows.add(row(figures, "idle memory, PSS of JVM + driver + Chromium, MB", f -> f.idlePss.format("%.0f")));
        rows.add(row(figures, "… of which the JVM, MB", f -> f.idleJvmPss.format("%.0f")));
        rows.add(row(figures, "cached, first " + o.coldSeconds() + " s of load, " + o.connections().get(0)
                + " connections, req/s", f -> f.coldRps.format("%.0f")));
        rows.add(row(figures, "… p99 ms", f -> f.coldP99.format("%.2f")));
        for (int c : o.connections()) {
            rows.add(row(figures, "cached, warmed, " + c + " connections, req/s", f -> f.warm.get(c).rps.format("%.0f")));
            rows.add(row(figures, "… p50 / p99 / p99.9 ms", f -> fmt("%.2f / %.2f / %.2f", f.warm.get(c).p50.median(),
                    f.warm.get(c).p99.median(), f.warm.get(c).p999.median())));
        }
        rows.add(row(figures, "fresh token, warm browser, ms (" + o.freshSamples() + " forced calls)",
                f -> f.fresh.format("%.0f")));
        rows.add(row(figures, "token requests that reached the page during the warmed wrk runs",
                f -> Integer.toString(f.pageRequestsDuringLoad)));
        rows.add(row(figures, "JVM peak RSS under load, MB", f -> fmt("%.0f", f.jvmPeakKb / 1024.0)));
        return rows;
    }

    private static List<String> row(Map<TokenerBuild, TokenerFigures> figures, String what,
                                    Function<TokenerFigures, String> cell) {
        List<String> row = new ArrayList<>(List.of(what));
        figures.values().forEach(f -> row.add(cell.apply(f)));
        return row;
    }
}
