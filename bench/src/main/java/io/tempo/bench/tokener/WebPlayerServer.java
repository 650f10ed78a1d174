package io.tempo.bench.tokener;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local page that behaves like open.spotify.com for the tokener: its script fetches
 * {@code /api/token?reason=init&productType=web-player&totp=…} and gets the web player's token JSON. It
 * also references an image, a font and an audio file (the tokener blocks those) and a script the page
 * needs. Counts page loads and token requests, so the bench can prove a "fresh" token really came from
 * the page and a cached one did not.
 */
public final class WebPlayerServer implements AutoCloseable {

    private static final String CLIENT_ID = "d8a5ed958d274c2e8ee717e6a4b0971d";

    private final Vertx vertx;
    private final HttpServer server;
    private final int tokenLatencyMs;
    private final AtomicInteger pageLoads = new AtomicInteger();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicLong serial = new AtomicLong();

    private WebPlayerServer(int port, int tokenLatencyMs) {
        this.tokenLatencyMs = tokenLatencyMs;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        try {
            this.server = vertx.createHttpServer().requestHandler(this::handle).listen(port, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("local web player could not start", e);
        }
    }

    /** {@code tokenLatencyMs}: how long the token endpoint takes (Spotify's is tens of ms; 0 by default). */
    public static WebPlayerServer start(int port, int tokenLatencyMs) {
        return new WebPlayerServer(port, tokenLatencyMs);
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/";
    }

    public int pageLoads() {
        return pageLoads.get();
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    private void handle(HttpServerRequest request) {
        switch (request.path()) {
            case "/" -> {
                pageLoads.incrementAndGet();
                request.response().putHeader("Content-Type", "text/html; charset=utf-8").end(PAGE);
            }
            case "/app.js" -> request.response().putHeader("Content-Type", "text/javascript").end(SCRIPT);
            case "/api/token" -> {
                tokenRequests.incrementAndGet();
                if (tokenLatencyMs > 0) {
                    vertx.setTimer(tokenLatencyMs, id -> token(request));
                } else {
                    token(request);
                }
            }
            default -> request.response().setStatusCode(404).end();
        }
    }

    private void token(HttpServerRequest request) {
        long n = serial.incrementAndGet();
        long expires = System.currentTimeMillis() + 3_600_000;
        String token = "BQ" + Long.toHexString(n * 0x9e3779b97f4a7c15L) + "x".repeat(280);
        request.response().putHeader("Content-Type", "application/json; charset=utf-8")
                .end("{\"clientId\":\"" + CLIENT_ID + "\",\"accessToken\":\"" + token
                        + "\",\"accessTokenExpirationTimestampMs\":" + expires
                        + ",\"isAnonymous\":true,\"_notes\":\"Usage of this endpoint is not permitted under the "
                        + "Spotify Developer Terms and Developer Policy, and applicable law\"}");
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("local web player did not stop", e);
        }
    }

    private static final String PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>Spotify - Web Player: Music for everyone</title>
            <link rel="preload" href="/fonts/circular.woff2" as="font" type="font/woff2" crossorigin>
            <script src="/app.js" defer></script>
            </head><body><div id="main"><img src="/images/cover.jpg" alt=""><audio src="/media/preview.mp3"
            preload="auto"></audio></div></body></html>
            """;

    private static final String SCRIPT = """
            (async () => {
              const query = 'reason=init&productType=web-player&totp=482913&totpServer=482913&totpVer=5';
              const response = await fetch('/api/token?' + query);
              const token = await response.json();
              document.title = token.accessToken ? 'Spotify - Web Player' : 'error';
            })();
            """;
}
