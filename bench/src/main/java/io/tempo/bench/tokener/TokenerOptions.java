package io.tempo.bench.tokener;

import io.tempo.bench.Args;
import io.tempo.bench.report.Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code bench/run-tokener.sh} can be told, read once with each option's default and help text side by
 * side (BENCHMARKS.md, "Harness options", quotes them).
 *
 * @param builds          this build, and the baseline when {@code --baseline-app} is given
 * @param env             the services' environment: no pause between forced fetches, then {@code --service-env}
 * @param freshIntervalMs forced refreshes are paced: in service they are at most one per min-fetch-interval (30 s by
 *                        default), and the tokener opens the next fetch's page right after answering, which
 *                        back-to-back calls would wait for
 */
record TokenerOptions(List<TokenerBuild> builds, Map<String, String> env, int runs, int seconds, int warmupSeconds,
                      int coldSeconds, int idleSeconds, List<Integer> connections, int threads, int freshSamples,
                      int freshIntervalMs, String wrk, Path wrkScript, int pageTokenLatencyMs, Path runDir) {

    static TokenerOptions parse(Args args) {
        List<TokenerBuild> builds = new ArrayList<>();
        builds.add(new TokenerBuild(args.string("label", "this build", "what the report calls the build under test"),
                Path.of(args.string("tokener-app", "/tmp/bench-src/tokener-service/target/quarkus-app",
                        "the packaged tokener-service under test (bench/run-tokener.sh builds it)")),
                args.words("java-opts", "its JVM options (bench/run-tokener.sh: those of its image)")));
        String baseline = args.string("baseline-app", "", "a second packaged build, run interleaved (BASELINE_REV); "
                + "with it --baseline-label and --baseline-java-opts");
        // Read only with a baseline, so that either of them without one is refused as unknown.
        if (!baseline.isBlank()) {
            builds.add(new TokenerBuild(args.string("baseline-label", "baseline", "what the report calls the baseline"),
                    Path.of(baseline), args.words("baseline-java-opts", "the baseline's JVM options")));
        }
        Map<String, String> env = new HashMap<>(Map.of("TOKENER_CACHE_MIN_FETCH_INTERVAL", "0s"));
        env.putAll(args.pairs("service-env", "KEY=VALUE,... environment overrides of the services"));
        // Unmodifiable but the same map: the report prints it, in its own order.
        TokenerOptions options = new TokenerOptions(List.copyOf(builds), Collections.unmodifiableMap(env),
                args.integer("runs", 3, "cold starts of each build, and wrk runs of each warmed one"),
                args.integer("duration-s", 15, "length of each warmed wrk run"),
                args.integer("warmup-s", 10, "wrk warm-up before the warmed runs"),
                args.integer("cold-s", 10, "length of the wrk run right after the first token"),
                args.integer("idle-s", 5, "idle memory is read this long after the first token"),
                args.integers("connections", "64,256", "wrk connections of the warmed runs (the first also cold)"),
                args.integer("threads", 2, "wrk threads"),
                args.integer("fresh-samples", 20, "forced fetches with a warm browser"),
                args.integer("fresh-interval-ms", 1000, "pause before each forced fetch"),
                args.string("wrk", "/usr/bin/wrk", "the wrk executable"),
                Path.of(args.string("wrk-script", "bench/wrk/percentiles.lua", "wrk's Lua script that prints "
                        + "the percentiles")).toAbsolutePath(),
                args.integer("page-token-latency-ms", 0, "delay before the local web player's token answer"),
                Report.runDirectory(args, "tokener"));
        args.rejectUnknown();
        return options;
    }
}
