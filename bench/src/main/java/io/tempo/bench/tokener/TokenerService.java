package io.tempo.bench.tokener;

import io.tempo.bench.proc.Http;
import io.tempo.bench.proc.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One tokener-service JVM (packaged {@code quarkus-app}) on a free port, pointed at the local web player. */
public final class TokenerService implements AutoCloseable {

    private final ServiceProcess process;
    private final int port;

    private TokenerService(ServiceProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static TokenerService start(Path quarkusApp, List<String> javaOptions, String webPlayerUrl,
                                       Map<String, String> overrides, Path log) throws IOException {
        int port = ServiceProcess.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("SPOTIFY_WEB_PLAYER_URL", webPlayerUrl);
        env.put("CHROMIUM_PATH", System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        env.putAll(overrides);
        return new TokenerService(ServiceProcess.startQuarkusApp("tokener-service", quarkusApp, javaOptions, env, log),
                port);
    }

    public ServiceProcess process() {
        return process;
    }

    public String tokenUrl() {
        return "http://127.0.0.1:" + port + "/api/token";
    }

    public String readyUrl() {
        return "http://127.0.0.1:" + port + "/q/health/ready";
    }

    /** Spawn to ready and spawn to the first token, in ms. */
    public record Started(double readyMs, double firstTokenMs) {
    }

    /**
     * Waits for ready, then for the first token, each within {@code deadline}.
     *
     * @param readyPollMs how often ready is asked: the finer, the closer the reading, the more it loads a start-up
     */
    public Started awaitStarted(Duration deadline, int readyPollMs) throws InterruptedException {
        long readyAt = Http.awaitUntil(readyUrl(), r -> r.status() == 200, process, deadline, readyPollMs);
        long tokenAt = awaitFirstToken(deadline);
        return new Started((readyAt - process.startedNanos()) / 1e6, (tokenAt - process.startedNanos()) / 1e6);
    }

    /** Polls until {@code /api/token} hands out a token; returns the nanoTime it did. */
    public long awaitFirstToken(Duration deadline) throws InterruptedException {
        return Http.awaitUntil(tokenUrl(), TokenerService::isToken, process, deadline, 20);
    }

    static boolean isToken(Http.Response response) {
        if (response.status() != 200) {
            return false;
        }
        JsonObject body = new JsonObject(response.body());
        return body.getString("accessToken") != null && !body.containsKey("error");
    }

    @Override
    public void close() {
        process.close();
    }
}
