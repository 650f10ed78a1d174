package io.tempo.bench.sync;

import io.tempo.bench.proc.Http;
import io.tempo.bench.proc.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One sync-service JVM (the packaged {@code quarkus-app}) pointed at the bench's database and simulator,
 * on a free port, with a cron secret made for this process alone and never printed.
 */
final class SyncService implements AutoCloseable {

    private final ServiceProcess process;
    private final int port;
    private final String cronSecret;
    private final long readyNanos;

    private SyncService(ServiceProcess process, int port, String cronSecret, long readyNanos) {
        this.process = process;
        this.port = port;
        this.cronSecret = cronSecret;
        this.readyNanos = readyNanos;
    }

    static SyncService start(Path quarkusApp, List<String> javaOptions, Map<String, String> database, String spotifyUrl,
                             String clientId, String clientSecret, Map<String, String> overrides, Path log)
            throws IOException, InterruptedException {
        int port = ServiceProcess.freePort();
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.putAll(database);
        env.put("CRON_SECRET", secret);
        env.put("SPOTIFY_API_URL", spotifyUrl);
        env.put("SPOTIFY_ACCOUNTS_URL", spotifyUrl);
        env.put("SPOTIFY_CLIENT_ID", clientId);
        env.put("SPOTIFY_CLIENT_SECRET", clientSecret);
        env.putAll(overrides);
        ServiceProcess process = ServiceProcess.startQuarkusApp("sync-service", quarkusApp, javaOptions, env, log);
        try {
            long ready = Http.awaitUntil("http://127.0.0.1:" + port + "/q/health/ready", r -> r.status() == 200,
                    process, Duration.ofMinutes(2), 20);
            return new SyncService(process, port, secret, ready);
        } catch (RuntimeException | InterruptedException e) {
            process.close();
            throw e;
        }
    }

    ServiceProcess process() {
        return process;
    }

    /** Spawn to the first 200 of {@code /q/health/ready}, in ms. */
    double startupMs() {
        return (readyNanos - process.startedNanos()) / 1e6;
    }

    /** Triggers one run of the whole user base and waits for its answer. */
    RunAnswer sync(Duration timeout) throws IOException, InterruptedException {
        Http.Response response = Http.get("http://127.0.0.1:" + port + "/api/cron/sync-spotify",
                Map.of("Authorization", "Bearer " + cronSecret), timeout);
        if (response.status() != 200) {
            throw new IllegalStateException("sync answered " + response.status() + ": " + response.body());
        }
        JsonObject body = new JsonObject(response.body());
        JsonObject result = body.getJsonObject("result");
        return new RunAnswer(response.nanos(), body.getLong("duration_ms", -1L), result.getInteger("totalUsers"),
                result.getInteger("successful"), result.getInteger("failed"), result.getLong("playsSynced"),
                result.getJsonArray("errors").size(), result.getJsonArray("errors").isEmpty() ? ""
                : result.getJsonArray("errors").getJsonObject(0).getString("error"));
    }

    /**
     * @param wallNanos  trigger to answer, as the cron caller sees it
     * @param firstError the first per-user error text, for the report
     */
    record RunAnswer(long wallNanos, long durationMs, int totalUsers, int successful, int failed, long playsSynced,
                     int errors, String firstError) {
    }

    @Override
    public void close() {
        process.close();
    }
}
