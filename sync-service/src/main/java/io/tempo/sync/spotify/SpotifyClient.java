package io.tempo.sync.spotify;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.tempo.sync.config.SyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The one way into Spotify. Each call is retried with exponential backoff and jitter when Spotify is
 * unavailable (5xx, network errors) or too slow, never on a 4xx; a circuit breaker per endpoint family
 * stops hammering a Spotify that is down, so the remaining users fail fast.
 *
 * <p>The annotations say which strategy guards which call and on what; their numbers (timeout, retries, delays,
 * breaker thresholds) stand only in {@code application.properties} as {@code quarkus.fault-tolerance.global.*}, which
 * overrides any number written on an annotation, so they apply to every method that has the strategy.
 *
 * <p>429s are not retried here: {@link SpotifyRateLimitGate} makes every caller wait for the
 * {@code Retry-After} of the app-wide limit.
 */
@ApplicationScoped
public class SpotifyClient {

    /** Circuit breaker of the Web API calls of a sync. */
    public static final String API_BREAKER = "spotify-api";
    /** Circuit breaker of token refreshes. */
    private static final String ACCOUNTS_BREAKER = "spotify-accounts";

    static final String RECENTLY_PLAYED = "recently-played";
    static final String TOKEN_REFRESH = "token-refresh";
    static final String CODE_EXCHANGE = "code-exchange";
    static final String PROFILE = "me";

    private final SpotifyWebApi webApi;
    private final SpotifyAccountsApi accountsApi;
    private final SyncConfig config;
    private final SpotifyMetrics metrics;

    SpotifyClient(@RestClient SpotifyWebApi webApi, @RestClient SpotifyAccountsApi accountsApi, SyncConfig config,
                  SpotifyMetrics metrics) {
        this.webApi = webApi;
        this.accountsApi = accountsApi;
        this.config = config;
        this.metrics = metrics;
    }

    /** One page of the user's play history ({@code GET /v1/me/player/recently-played}, 50 items). */
    @Retry(retryOn = {SpotifyException.Unavailable.class, TimeoutException.class})
    @ExponentialBackoff
    @CircuitBreaker(failOn = {SpotifyException.Unavailable.class, TimeoutException.class})
    @CircuitBreakerName(API_BREAKER)
    @Timeout
    public Uni<RecentlyPlayedPage> recentlyPlayed(String accessToken, PageRequest request) {
        return timed(RECENTLY_PLAYED, () -> webApi.recentlyPlayed(bearer(accessToken), PageRequest.LIMIT,
                request.after(), request.before()))
                .map(RecentlyPlayedReader::read);
    }

    /** New tokens for a refresh token ({@code grant_type=refresh_token}); {@code invalid_grant} when it was revoked. */
    @Retry(retryOn = {SpotifyException.Unavailable.class, TimeoutException.class})
    @ExponentialBackoff
    @CircuitBreaker(failOn = {SpotifyException.Unavailable.class, TimeoutException.class})
    @CircuitBreakerName(ACCOUNTS_BREAKER)
    @Timeout
    public Uni<SpotifyTokens> refreshToken(String refreshToken) {
        return basicAuthorization()
                .flatMap(basic -> timed(TOKEN_REFRESH, () -> accountsApi.refresh(basic, "refresh_token", refreshToken)))
                .map(SpotifyJson::tokens);
    }

    /**
     * Exchanges an OAuth authorization code. Not retried: a code is single-use, and a retry after a
     * lost answer could only fail with {@code invalid_grant}.
     */
    @Timeout
    public Uni<SpotifyTokens> exchangeCode(String code, String redirectUri) {
        return basicAuthorization()
                .flatMap(basic -> timed(CODE_EXCHANGE,
                        () -> accountsApi.exchangeCode(basic, "authorization_code", code, redirectUri)))
                .map(SpotifyJson::tokens);
    }

    /** The account behind an access token ({@code GET /v1/me}). */
    @Retry(retryOn = {SpotifyException.Unavailable.class, TimeoutException.class})
    @ExponentialBackoff
    @Timeout
    public Uni<SpotifyProfile> profile(String accessToken) {
        return timed(PROFILE, () -> webApi.me(bearer(accessToken))).map(SpotifyJson::profile);
    }

    /** Records one attempt and turns transport failures into {@link SpotifyException.Unavailable}. */
    private <T> Uni<T> timed(String endpoint, Supplier<Uni<RestResponse<T>>> call) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return call.get()
                    .onItem().invoke(response -> metrics.recordCall(endpoint, String.valueOf(response.getStatus()), start))
                    .onFailure().transform(SpotifyClient::asSpotifyFailure)
                    .onFailure().invoke(failure -> {
                        if (failure instanceof SpotifyException.RateLimited) {
                            metrics.recordRateLimited(endpoint);
                        }
                        metrics.recordCall(endpoint, statusTag(failure), start);
                    })
                    .onCancellation().invoke(() -> metrics.recordCall(endpoint, "cancelled", start))
                    .map(RestResponse::getEntity);
        });
    }

    private static Throwable asSpotifyFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SpotifyException spotify) {
                return spotify;
            }
        }
        if (failure instanceof ProcessingException || failure instanceof java.io.IOException
                || failure instanceof io.vertx.core.VertxException) {
            return new SpotifyException.Unavailable(timedOut(failure)
                    ? "Spotify did not answer in time" : "Spotify is unreachable", 0);
        }
        return failure;
    }

    private static boolean timedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static String statusTag(Throwable failure) {
        if (failure instanceof SpotifyException spotify && spotify.httpStatus() > 0) {
            return String.valueOf(spotify.httpStatus());
        }
        return "io_error";
    }

    private Uni<String> basicAuthorization() {
        SyncConfig.Spotify spotify = config.spotify();
        if (spotify.clientId().isEmpty() || spotify.clientSecret().isEmpty()) {
            return Uni.createFrom().failure(new SpotifyException.NotConfigured());
        }
        String credentials = spotify.clientId().get() + ":" + spotify.clientSecret().get();
        return Uni.createFrom().item("Basic " + Base64.getEncoder()
                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    private static String bearer(String accessToken) {
        return "Bearer " + accessToken;
    }
}
