package io.tempo.bench;

import io.tempo.bench.sim.SimulatorConfig;
import io.tempo.bench.sim.SpotifySimulator;
import io.tempo.bench.sync.SyncBenchmark;
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
        switch (argv[0]) {
            case "sync" -> new SyncBenchmark(args, command.trim()).run();
            case "tokener" -> new io.tempo.bench.tokener.TokenerBenchmark(args, command.trim()).run();
            case "startup" -> new io.tempo.bench.startup.StartupBenchmark(args, command.trim()).run();
            case "simulate" -> simulate(args);
            case "web-player" -> webPlayer(args);
            default -> {
                usage();
                System.exit(2);
            }
        }
        // Vert.x and JDBC leave non-daemon threads behind; the shutdown hook stops any process still running.
        System.exit(0);
    }

    private static void simulate(Args args) throws InterruptedException {
        SimulatorConfig config = SimulatorConfig.fromArgs(args);
        int port = args.integer("port", 0);
        args.rejectUnknown();
        SpotifySimulator sim = SpotifySimulator.start(config, "127.0.0.1", port);
        System.out.println("Spotify simulator on " + sim.baseUrl() + " (" + config.describe() + "); stats at "
                + sim.baseUrl() + "/__bench/stats; Ctrl-C stops it");
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        new CountDownLatch(1).await();
    }

    private static void webPlayer(Args args) throws InterruptedException {
        io.tempo.bench.tokener.WebPlayerServer server = io.tempo.bench.tokener.WebPlayerServer.start(
                args.integer("port", 0), args.integer("token-latency-ms", 0));
        args.rejectUnknown();
        System.out.println("Local web player on " + server.url() + "; Ctrl-C stops it");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await();
    }

    private static void usage() {
        System.err.println("usage: Bench sync|tokener|startup|simulate|web-player [--option value ...]; "
                + "see BENCHMARKS.md");
    }
}
