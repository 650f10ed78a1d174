package io.tempo.bench.sim;

import io.tempo.bench.proc.ServiceProcess;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A Spotify Web API and accounts service on loopback: {@code GET /v1/me/player/recently-played} and
 * {@code POST /api/token} (refresh_token grant), plus {@code GET /__bench/stats}. Latency is a Vert.x
 * timer, so thousands of slow requests cost no threads. Paging follows Spotify: without a cursor or with
 * {@code before}, the newest plays first and {@code next} pointing further back; with {@code after}, the
 * plays right after the cursor (newest first within the page) and {@code next} pointing forward while
 * newer plays remain. {@code cursors} and {@code next} are null when there is nothing to page to.
 */
public final class SpotifySimulator implements AutoCloseable {

    static final String RECENTLY_PLAYED = "/v1/me/player/recently-played";

    private final SimulatorConfig config;
    private final Users users;
    private final SpotifyJson json;
    private final SimulatorStats stats;
    /** Null when the simulator has no rate window. */
    private final RateWindow window;
    private final AtomicLong accessGeneration = new AtomicLong();
    private final Vertx vertx;
    private final int port;

    private SpotifySimulator(SimulatorConfig config, String host, int port, LongSupplier nanoClock) {
        this.config = config;
        this.window = config.windowCalls() == 0 ? null : new RateWindow(config.windowCalls(), config.windowMs(), nanoClock);
        this.users = new Users(config);
        this.json = new SpotifyJson(users);
        this.stats = new SimulatorStats(config.users());
        this.port = port == 0 ? ServiceProcess.freePort() : port;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.eventLoops()).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(this.port).setTcpNoDelay(true)
                .setAcceptBacklog(8192).setIdleTimeout(0);
        try {
            vertx.deployVerticle(() -> new AbstractVerticle() {
                @Override
                public void start(Promise<Void> started) {
                    vertx.createHttpServer(options).requestHandler(SpotifySimulator.this::handle).listen()
                            .<Void>mapEmpty().onComplete(started);
                }
            }, new DeploymentOptions().setInstances(config.eventLoops())).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("simulator could not listen on " + host + ":" + this.port, e);
        }
    }

    /** Starts listening on {@code host}:{@code port} (0 picks a free port). */
    public static SpotifySimulator start(SimulatorConfig config, String host, int port) {
        return new SpotifySimulator(config, host, port, System::nanoTime);
    }

    /** As {@link #start(SimulatorConfig, String, int)}, with the rate window on {@code nanoClock} (self-tests step it). */
    static SpotifySimulator start(SimulatorConfig config, String host, int port, LongSupplier nanoClock) {
        return new SpotifySimulator(config, host, port, nanoClock);
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Users users() {
        return users;
    }

    public SpotifyJson json() {
        return json;
    }

    public SimulatorStats.Snapshot stats() {
        return stats.snapshot();
    }

    public void resetStats() {
        stats.reset(config.users());
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("simulator did not stop", e);
        }
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (request.method() == HttpMethod.GET && path.equals(RECENTLY_PLAYED)) {
            later(config.latencyMs(), request, () -> recentlyPlayed(request));
        } else if (request.method() == HttpMethod.POST && path.equals("/api/token")) {
            request.setExpectMultipart(true);
            request.endHandler(v -> later(config.tokenLatencyMs(), request, () -> token(request)));
        } else if (path.equals("/__bench/stats")) {
            send(request.response(), 200, stats.snapshot().toJson());
        } else {
            send(request.response(), 404, SpotifyJson.error(404, "Service not found"));
        }
    }

    private void later(int delayMs, HttpServerRequest request, Runnable answer) {
        stats.enter();
        Runnable guarded = () -> {
            try {
                answer.run();
            } catch (RuntimeException e) {
                if (!request.response().ended()) {
                    send(request.response(), 500, SpotifyJson.error(500, "Simulator error: " + e));
                }
            } finally {
                stats.leave();
            }
        };
        if (delayMs <= 0) {
            guarded.run();
        } else {
            vertx.setTimer(delayMs, id -> guarded.run());
        }
    }

    private void recentlyPlayed(HttpServerRequest request) {
        stats.pageRequests.increment();
        HttpServerResponse response = request.response();
        // The window first, as Spotify's limit comes before anything else; a call it lets in counts even if a random
        // fault answers it, since it reached Spotify.
        int retryAfter = window == null ? 0 : window.admit();
        if (retryAfter > 0) {
            stats.rateLimited.increment();
            stats.windowLimited.increment();
            response.putHeader("Retry-After", Integer.toString(retryAfter));
            send(response, 429, SpotifyJson.error(429, "API rate limit exceeded"));
            return;
        }
        double roll = ThreadLocalRandom.current().nextDouble();
        if (roll < config.rateLimitShare()) {
            stats.rateLimited.increment();
            response.putHeader("Retry-After", Integer.toString(config.retryAfterSeconds()));
            send(response, 429, SpotifyJson.error(429, "API rate limit exceeded"));
            return;
        }
        if (roll < config.rateLimitShare() + config.serverErrorShare()) {
            stats.serverErrors.increment();
            int status = new int[] {500, 502, 503}[ThreadLocalRandom.current().nextInt(3)];
            send(response, status, SpotifyJson.error(status, status == 500 ? "Server error." : status == 502
                    ? "Bad gateway." : "Service unavailable"));
            return;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            stats.unauthorized.increment();
            send(response, 401, SpotifyJson.error(401, "No token provided"));
            return;
        }
        String token = authorization.substring("Bearer ".length()).trim();
        int user = users.userOf(token, "at.");
        if (user < 0) {
            stats.unauthorized.increment();
            send(response, 401, SpotifyJson.error(401, "Invalid access token"));
            return;
        }
        if (!Users.validAccess(token)) {
            stats.unauthorized.increment();
            send(response, 401, SpotifyJson.error(401, "The access token expired"));
            return;
        }
        MultiMap query = request.params();
        int limit;
        Long after;
        Long before;
        try {
            limit = query.contains("limit") ? Integer.parseInt(query.get("limit")) : 20;
            after = query.contains("after") ? Long.valueOf(query.get("after")) : null;
            before = query.contains("before") ? Long.valueOf(query.get("before")) : null;
        } catch (NumberFormatException e) {
            badRequest(response, "Invalid limit, after or before");
            return;
        }
        if (limit < 1 || limit > 50) {
            badRequest(response, "Invalid limit");
            return;
        }
        if (after != null && before != null) {
            badRequest(response, "Only one of after and before can be specified");
            return;
        }
        page(request, user, limit, after, before);
    }

    private void page(HttpServerRequest request, int user, int limit, Long after, Long before) {
        long[] times = users.playTimes(user);
        int[] order = new int[Math.min(limit, times.length)];
        int count = 0;
        String base = "http://" + request.getHeader("Host") + RECENTLY_PLAYED;
        String next = null;
        if (after != null) {
            // Plays newer than the cursor are ordinals 0..newer-1; serve the oldest `limit` of them.
            int newer = 0;
            while (newer < times.length && times[newer] > after) {
                newer++;
            }
            int from = Math.max(0, newer - limit);
            for (int k = from; k < newer; k++) {
                order[count++] = k;
            }
            if (from > 0) {
                next = base + "?after=" + times[from] + "&limit=" + limit;
            }
        } else {
            int from = 0;
            while (before != null && from < times.length && times[from] >= before) {
                from++;
            }
            for (int k = from; k < times.length && count < limit; k++) {
                order[count++] = k;
            }
            if (count > 0 && from + count < times.length) {
                next = base + "?before=" + times[order[count - 1]] + "&limit=" + limit;
            }
        }
        String href = base + "?" + (request.query() == null ? "limit=" + limit : request.query());
        boolean withMarkets = !request.params().contains("market");
        String body = json.page(user, times, order, count, withMarkets, href, next, limit);
        stats.pagesServed.increment();
        stats.itemsServed.add(count);
        stats.markServed(user, order, count, users);
        send(request.response(), 200, body);
    }

    private void token(HttpServerRequest request) {
        stats.tokenRequests.increment();
        HttpServerResponse response = request.response();
        MultiMap form = request.formAttributes();
        String clientId = form.get("client_id");
        String clientSecret = form.get("client_secret");
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.startsWith("Basic ")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
                clientSecret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            }
        }
        if (!config.clientId().equals(clientId) || !config.clientSecret().equals(clientSecret)) {
            stats.invalidClients.increment();
            send(response, 400, "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client\"}");
            return;
        }
        if (!"refresh_token".equals(form.get("grant_type"))) {
            send(response, 400, "{\"error\":\"unsupported_grant_type\",\"error_description\":"
                    + "\"grant_type parameter is missing or not supported\"}");
            return;
        }
        String refreshToken = form.get("refresh_token");
        int user = users.userOf(refreshToken, "rt.");
        if (user < 0 || users.revoked(user)) {
            stats.invalidGrants.increment();
            send(response, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid refresh token\"}");
            return;
        }
        int generation = Users.generationOf(refreshToken);
        StringBuilder body = new StringBuilder("{\"access_token\":\"")
                .append(users.accessToken(user, accessGeneration.incrementAndGet(), true))
                .append("\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"user-read-recently-played\"");
        if (users.rotates(user, generation)) {
            stats.refreshTokensRotated.increment();
            body.append(",\"refresh_token\":\"").append(users.refreshToken(user, generation + 1)).append('"');
        }
        stats.tokensIssued.increment();
        send(response, 200, body.append('}').toString());
    }

    private void badRequest(HttpServerResponse response, String message) {
        stats.badRequests.increment();
        send(response, 400, SpotifyJson.error(400, message));
    }

    private void send(HttpServerResponse response, int status, String body) {
        if (response.ended() || response.closed()) {
            return;
        }
        Buffer bytes = Buffer.buffer(body, "UTF-8");
        if (status == 200) {
            stats.bytesServed.add(bytes.length());
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(bytes);
    }
}
