package io.tempo.bench;

import io.tempo.bench.sim.SimulatorConfig;
import io.tempo.bench.sim.SpotifySimulator;
import io.tempo.bench.startup.StartupBenchmark;
import io.tempo.bench.sync.SyncBenchmark;
import io.tempo.bench.tokener.TokenerBenchmark;
import io.tempo.bench.tokener.WebPlayerServer;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of the harness: {@code sync}, {@code tokener}, {@code startup} run a benchmark and print
 * Markdown; {@code simulate} and {@code web-player} only serve, for trying a service by hand. The
 * bench/run-*.sh scripts build what is needed and call this.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            usage();
            System.exit(2);
        }
        String command = System.getenv().getOrDefault("BENCH_COMMAND",
                "bench/run-" + argv[0] + ".sh " + String.join(" ", Arrays.copyOfRange(argv, 1, argv.length)));
        Args args = new Args(Arrays.copyOfRange(argv, 1, argv.length));
        try {
            run(argv[0], args, command.trim());
        } catch (Args.HelpRequested help) {
            System.out.println("Options of " + argv[0] + ":");
            System.out.print(help.getMessage());
        }
        // Vert.x and JDBC leave non-daemon threads behind; the shutdown hook stops any process still running.
        System.exit(0);
    }

    private static void run(String benchmark, Args args, String command) throws Exception {
        switch (benchmark) {
            case "sync" -> new SyncBenchmark(args, command).run();
            case "tokener" -> new TokenerBenchmark(args, command).run();
            case "startup" -> new StartupBenchmark(args, command).run();
            case "simulate" -> simulate(args);
            case "web-player" -> webPlayer(args);
            default -> {
                usage();
                System.exit(2);
            }
        }
    }

    private static void simulate(Args args) throws InterruptedException {
        SimulatorConfig config = SimulatorConfig.fromArgs(args);
        int port = args.integer("port", 0, "the simulator's port (0: a free one)");
        args.rejectUnknown();
        SpotifySimulator sim = SpotifySimulator.start(config, "127.0.0.1", port);
        System.out.println("Spotify simulator on " + sim.baseUrl() + " (" + config.describe() + "); stats at "
                + sim.baseUrl() + "/__bench/stats; Ctrl-C stops it");
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        new CountDownLatch(1).await();
    }

    private static void webPlayer(Args args) throws InterruptedException {
        int port = args.integer("port", 0, "the page's port (0: a free one)");
        int tokenLatencyMs = args.integer("token-latency-ms", 0, "delay before the page's token answer");
        args.rejectUnknown();
        WebPlayerServer server = WebPlayerServer.start(port, tokenLatencyMs);
        System.out.println("Local web player on " + server.url() + "; Ctrl-C stops it");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await();
    }

    private static void usage() {
        System.err.println("usage: Bench sync|tokener|startup|simulate|web-player [--option value ...]; "
                + "--help lists a command's options; see BENCHMARKS.md");
    }
}
