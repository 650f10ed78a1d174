package io.tempo.bench.tokener;

import io.tempo.bench.Args;
import io.tempo.bench.report.Report;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tokener as LavaSrc loads it, each build started fresh several times:
 *
 * <ul>
 *   <li>cold start: spawn to {@code /q/health/ready} and to the first token;</li>
 *   <li>idle memory a few seconds after the first token: PSS of the JVM, Playwright's driver and Chromium;</li>
 *   <li>cached {@code /api/token} in the first 10 s of load, on the JVM that just started (JIT still cold);</li>
 *   <li>then, on one more start: fresh tokens with a warm browser (forced, with the force rate limit set to 0),
 *       and cached {@code /api/token} after a warm-up (the warmed figures).</li>
 * </ul>
 *
 * With {@code --baseline-app} a second build (another commit's) runs the same steps, interleaved run by run, so
 * the two are compared on the same machine at the same time. Every fresh fetch is checked against the local
 * page's counters (it really reached the page), and the wrk runs are checked the other way (not one did).
 */
public final class TokenerBenchmark {

    private final TokenerOptions options;
    private final String command;

    public TokenerBenchmark(Args args, String command) {
        this.options = TokenerOptions.parse(args);
        this.command = command;
    }

    public void run() throws Exception {
        for (TokenerBuild build : options.builds()) {
            if (!Files.isRegularFile(build.app().resolve("quarkus-run.jar"))) {
                throw new IllegalArgumentException("no packaged tokener-service at " + build.app());
            }
        }
        Report report = new Report(options.runDir().resolve("report.md"), "Tokener", command);
        TokenerReport.setup(report, options);
        Map<TokenerBuild, TokenerFigures> figures = new LinkedHashMap<>();
        options.builds().forEach(build -> figures.put(build, new TokenerFigures()));
        try (WebPlayerServer page = WebPlayerServer.start(0, options.pageTokenLatencyMs())) {
            ColdStartPhase cold = new ColdStartPhase(options, page);
            for (int run = 1; run <= options.runs(); run++) {
                for (TokenerBuild build : options.builds()) {
                    cold.run(build, run, figures.get(build));
                }
            }
            WarmPhase warm = new WarmPhase(options, page);
            for (TokenerBuild build : options.builds()) {
                warm.run(build, figures.get(build));
            }
        }
        TokenerReport.figures(report, options, figures);
        report.line("Raw wrk output and service logs: `" + options.runDir() + "`");
    }

    /** A fresh JVM of {@code build} against the local page, logging to {@code <build>-<name>.log}. */
    static TokenerService start(TokenerOptions options, TokenerBuild build, WebPlayerServer page, String name)
            throws Exception {
        return TokenerService.start(build.app(), build.javaOptions(), page.url(), options.env(),
                options.runDir().resolve(build.slug() + "-" + name + ".log"));
    }
}
