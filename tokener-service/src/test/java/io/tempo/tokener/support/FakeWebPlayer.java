package io.tempo.tokener.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for open.spotify.com: its page's script fetches
 * {@code /api/token?reason=init&productType=web-player&totp=…&totpServer=…&totpVer=…} and, 2 s later, a
 * {@code reason=transport} call, and the token endpoint answers with the web player's JSON (including
 * {@code _notes}). It also loads an image, a font, audio and an "analytics" script, which the tokener
 * must block: those requests are counted.
 *
 * <p>Tests steer it over HTTP ({@code /__fake/…}) because it runs outside the application's class
 * loader: {@code POST /__fake/scenario?name=…&delayMs=…&expiresInMs=…&failPageLoads=…},
 * {@code POST /__fake/reset}, {@code GET /__fake/stats}.
 */
public final class FakeWebPlayer {

    public static final String CLIENT_ID = "d8a5ed958d274c2e8ee717e6a4b0971d";
    public static final String ANALYTICS_HOST = "analytics.localhost";

    /** What the page and its token endpoint do. */
    public enum Scenario {
        /** Token JSON at once. */
        NORMAL,
        /** Token JSON after {@code delayMs}. */
        SLOW,
        /** 500 with an HTML body. */
        ERROR_500,
        /** 400 with {@code {"error":…}}, as Spotify answers a bad TOTP. */
        ERROR_JSON_400,
        /** 200 with {@code {"error":…}}. */
        ERROR_JSON_200,
        /** The page never asks for a token. */
        NO_TOKEN_CALL,
        /**
         * The page asks for its token but never reads the answer: it aborts each request as soon as the headers
         * arrive, and the endpoint sends the body only a moment after them.
         */
        UNREAD_TOKEN
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-web-player");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger pageLoads = new AtomicInteger();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger blockedRequests = new AtomicInteger();
    private final AtomicInteger tokenSerial = new AtomicInteger();
    private final List<Long> pageLoadTimes = new CopyOnWriteArrayList<>();
    private final List<String> tokenQueries = new CopyOnWriteArrayList<>();
    private volatile Scenario scenario = Scenario.NORMAL;
    private volatile long delayMs;
    private volatile long expiresInMs = 3_600_000;
    /** Error scenarios apply to the first N page loads after they were set; negative: to all. */
    private volatile int failPageLoads = -1;
    private volatile int scenarioSetAtLoad;

    private FakeWebPlayer(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        server.createContext("/", this::page);
        server.createContext("/api/token", this::token);
        server.createContext("/assets/", this::blockable);
        server.createContext("/collect.js", this::blockable);
        server.createContext("/__fake/scenario", this::setScenario);
        server.createContext("/__fake/reset", this::reset);
        server.createContext("/__fake/stats", this::stats);
    }

    public static FakeWebPlayer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeWebPlayer player = new FakeWebPlayer(server);
            server.start();
            return player;
        } catch (IOException e) {
            throw new IllegalStateException("The fake web player could not start", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void page(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/")) {
            respond(exchange, 404, "text/plain", "not here");
            return;
        }
        int load = pageLoads.incrementAndGet();
        pageLoadTimes.add(System.currentTimeMillis());
        boolean callsToken = !(failing(load) && scenario == Scenario.NO_TOKEN_CALL);
        int port = server.getAddress().getPort();
        String tokenCalls = !callsToken ? "" : scenario == Scenario.UNREAD_TOKEN ? """
                const query = 'productType=web-player&totp=482913&totpServer=482913&totpVer=5&load=%d';
                for (const reason of ['init', 'transport']) {
                    const abort = new AbortController();
                    fetch('/api/token?reason=' + reason + '&' + query, {signal: abort.signal})
                        .then(() => abort.abort()).catch(() => null);
                }
                """.formatted(load) : """
                const query = 'productType=web-player&totp=482913&totpServer=482913&totpVer=5&load=%d';
                const ask = (reason) => fetch('/api/token?reason=' + reason + '&' + query)
                    .then((response) => response.json()).catch(() => null);
                window.tokenAnswer = await ask('init');
                // The real player asks again for its transport a while later; a page still open then asks too.
                await new Promise((resolve) => setTimeout(resolve, 2000));
                window.transportAnswer = await ask('transport');
                """.formatted(load);
        String html = """
                <!doctype html>
                <html><head><title>Spotify - Web Player</title>
                <link rel="preload" href="/assets/circular.woff2" as="font" type="font/woff2" crossorigin>
                <script async src="http://%s:%d/collect.js"></script>
                </head><body>
                <img src="/assets/cover.png" alt="cover">
                <audio src="/assets/preview.mp3" preload="auto"></audio>
                <script>(async () => {
                %s
                })();</script>
                </body></html>
                """.formatted(ANALYTICS_HOST, port, tokenCalls);
        respond(exchange, 200, "text/html; charset=utf-8", html);
    }

    private void token(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        tokenQueries.add(exchange.getRequestURI().getRawQuery());
        int load = Integer.parseInt(query.getOrDefault("load", "0"));
        if (failing(load)) {
            switch (scenario) {
                case ERROR_500 -> {
                    respond(exchange, 500, "text/html", "<h1>Internal Server Error</h1>");
                    return;
                }
                case ERROR_JSON_400 -> {
                    respond(exchange, 400, "application/json", "{\"error\":{\"code\":400,\"message\":\"Invalid TOTP\"}}");
                    return;
                }
                case ERROR_JSON_200 -> {
                    respond(exchange, 200, "application/json", "{\"error\":\"Token generation failed\"}");
                    return;
                }
                default -> {
                }
            }
        }
        if (scenario == Scenario.UNREAD_TOKEN) {
            respondBodyLate(exchange, tokenJson(exchange));
            return;
        }
        if (scenario == Scenario.SLOW && delayMs > 0) {
            try {
                Thread.sleep(delayMs); // the server side of a slow Spotify, not a test waiting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        respond(exchange, 200, "application/json", tokenJson(exchange));
    }

    private String tokenJson(HttpExchange exchange) {
        String spDc = cookie(exchange, "sp_dc");
        int serial = tokenSerial.incrementAndGet();
        String accessToken = spDc == null ? "anonymous-token-" + serial : "account-token-" + spDc + "-" + serial;
        return """
                {"clientId":"%s","accessToken":"%s","accessTokenExpirationTimestampMs":%d,"isAnonymous":%s,\
                "_notes":"Usage of this endpoint is not permitted under the Spotify Developer Terms and Developer Policy"}"""
                .formatted(CLIENT_ID, accessToken, System.currentTimeMillis() + expiresInMs, spDc == null);
    }

    /** Headers first, the body 300 ms later: a page that aborts on the headers never gets the body. */
    private static void respondBodyLate(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0); // chunked: the headers leave now
        try (OutputStream out = exchange.getResponseBody()) {
            out.flush();
            Thread.sleep(300); // the server side of a slow body, not a test waiting
            out.write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void blockable(HttpExchange exchange) throws IOException {
        blockedRequests.incrementAndGet();
        respond(exchange, 200, "application/octet-stream", "x");
    }

    private void setScenario(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        scenario = Scenario.valueOf(query.getOrDefault("name", "NORMAL").toUpperCase(Locale.ROOT));
        delayMs = Long.parseLong(query.getOrDefault("delayMs", "0"));
        expiresInMs = Long.parseLong(query.getOrDefault("expiresInMs", "3600000"));
        failPageLoads = Integer.parseInt(query.getOrDefault("failPageLoads", "-1"));
        scenarioSetAtLoad = pageLoads.get();
        respond(exchange, 204, "text/plain", "");
    }

    private void reset(HttpExchange exchange) throws IOException {
        scenario = Scenario.NORMAL;
        delayMs = 0;
        expiresInMs = 3_600_000;
        failPageLoads = -1;
        pageLoads.set(0);
        scenarioSetAtLoad = 0;
        tokenRequests.set(0);
        blockedRequests.set(0);
        pageLoadTimes.clear();
        tokenQueries.clear();
        respond(exchange, 204, "text/plain", "");
    }

    private void stats(HttpExchange exchange) throws IOException {
        String json = "{\"pageLoads\":" + pageLoads.get()
                + ",\"tokenRequests\":" + tokenRequests.get()
                + ",\"blockedRequests\":" + blockedRequests.get()
                + ",\"pageLoadTimes\":" + new ArrayList<>(pageLoadTimes)
                + ",\"tokenQueries\":[" + String.join(",", tokenQueries.stream().map(q -> "\"" + q + "\"").toList())
                + "]}";
        respond(exchange, 200, "application/json", json);
    }

    private boolean failing(int load) {
        return scenario != Scenario.NORMAL && scenario != Scenario.SLOW && scenario != Scenario.UNREAD_TOKEN
                && (failPageLoads < 0 || load - scenarioSetAtLoad <= failPageLoads);
    }

    private static String cookie(HttpExchange exchange, String name) {
        List<String> headers = exchange.getRequestHeaders().getOrDefault("Cookie", List.of());
        for (String header : headers) {
            for (String pair : header.split(";")) {
                String[] parts = pair.strip().split("=", 2);
                if (parts.length == 2 && parts[0].equals(name)) {
                    return parts[1];
                }
            }
        }
        return null;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (status == 204) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
