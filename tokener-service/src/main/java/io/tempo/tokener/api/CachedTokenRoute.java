package io.tempo.tokener.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tempo.tokener.browser.WebPlayerToken;
import io.tempo.tokener.token.TokenService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;

/**
 * The hot path: a plain {@code GET /api/token} (no query, no {@code sp_dc} cookie) that the cache can answer is
 * answered right on the event loop, from bytes serialised once per token ({@link TokenAnswer}). This is nearly
 * every call LavaSrc makes. Everything else goes on to {@link TokenResource}, which documents the endpoint and
 * handles misses, {@code force} and account tokens.
 */
@ApplicationScoped
public class CachedTokenRoute {

    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final String PATH = "/api/token";

    private final TokenService tokens;
    private final ObjectMapper mapper;
    private final Clock clock;
    private volatile TokenAnswer answer;

    CachedTokenRoute(TokenService tokens, ObjectMapper mapper, Clock clock) {
        this.tokens = tokens;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Ahead of Quarkus REST's own route, which serves what this one passes on. */
    void register(@Observes Router router) {
        router.get(PATH).order(Integer.MIN_VALUE).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.query() != null || hasSpDc(request.getHeader(HttpHeaders.COOKIE))) {
            context.next();
            return;
        }
        WebPlayerToken token = tokens.cachedAnonymous();
        if (token == null) {
            context.next();
            return;
        }
        TokenAnswer current = answer;
        if (current == null || current.token != token) {
            current = TokenAnswer.of(token, mapper);
            answer = current;
        }
        request.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end(Buffer.buffer(current.at(clock.millis())));
    }

    private static boolean hasSpDc(String cookies) {
        return cookies != null && cookies.contains(SpDcCookie.NAME);
    }
}
