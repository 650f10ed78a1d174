package io.tempo.bench.tokener;

import io.tempo.bench.proc.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs Debian's wrk as a separate process against a loopback URL and reads the Lua summary line. */
final class Wrk {

    private Wrk() {
    }

    record Result(long requests, double seconds, long errors, long non2xx, double p50Ms, double p90Ms, double p99Ms,
                  double p999Ms, double maxMs) {

        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    static Result run(String wrk, Path script, String url, int threads, int connections, int seconds, Path log)
            throws IOException, InterruptedException {
        List<String> command = List.of(wrk, "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency",
                "--timeout", "5s", "-s", script.toString(), url);
        try (ServiceProcess process = ServiceProcess.start("wrk", command, Map.of(), log)) {
            if (process.exitCode(Duration.ofSeconds(seconds + 60)).orElse(-1) != 0) {
                throw new IllegalStateException("wrk failed; see " + log);
            }
        }
        String line = Files.readAllLines(log).stream().filter(l -> l.startsWith("WRK_JSON ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no WRK_JSON line in " + log));
        JsonObject json = new JsonObject(line.substring("WRK_JSON ".length()));
        long errors = json.getLong("connect_errors") + json.getLong("read_errors") + json.getLong("write_errors")
                + json.getLong("timeouts");
        return new Result(json.getLong("requests"), json.getLong("duration_us") / 1e6, errors,
                json.getLong("status_errors"), json.getLong("p50_us") / 1e3, json.getLong("p90_us") / 1e3,
                json.getLong("p99_us") / 1e3, json.getLong("p999_us") / 1e3, json.getLong("max_us") / 1e3);
    }
}
