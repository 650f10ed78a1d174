package io.tempo.tokener.api;

import io.smallrye.mutiny.Uni;
import io.tempo.tokener.browser.BrowserHost;
import io.tempo.tokener.token.TokenKey;
import io.tempo.tokener.token.TokenService;
import io.tempo.tokener.token.TokenUnavailableException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The token endpoints: a drop-in for LavaSrc's {@code spotify.customTokenEndpoint}. A plain {@code GET
 * /api/token} that the cache can answer is served by {@link CachedTokenRoute} before it gets here; everything
 * else (a miss, {@code force}, an {@code sp_dc} cookie) comes to this resource.
 */
@Path("/api/token")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Token", description = "Spotify web-player access tokens")
public class TokenResource {

    private final TokenService tokens;
    private final BrowserHost browser;
    private final Clock clock;

    TokenResource(TokenService tokens, BrowserHost browser, Clock clock) {
        this.tokens = tokens;
        this.browser = browser;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Get an access token",
            description = "The anonymous token, or with a Cookie: sp_dc=… header that account's token. Served "
                    + "from the cache while it has more than 5 minutes left; otherwise the call waits for the fetch "
                    + "at most request.max-wait (2 s), then gets the 500 envelope while the fetch goes on.")
    @Parameter(name = "force", in = ParameterIn.QUERY, description = "1, true or yes: fetch a new token (at most "
            + "one fetch per min-fetch-interval; other calls get the newest token)",
            schema = @Schema(enumeration = {"1", "true", "yes", "0", "false", "no"}))
    @Parameter(name = "Cookie", in = ParameterIn.HEADER, description = "sp_dc=… for an account token")
    @APIResponse(responseCode = "200", description = "A token",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Bad force value",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "500", description = "No token could be fetched",
            content = @Content(schema = @Schema(implementation = TokenFailureResponse.class)))
    public Uni<TokenResponse> token(@QueryParam("force") String force, @Context HttpHeaders headers,
            @Context UriInfo uri) {
        // A bare "?force" arrives as null, but it is a value we do not accept, not an absent one.
        String value = force == null && uri.getQueryParameters().containsKey("force") ? "" : force;
        return serve(keyOf(headers), ForceFlag.parse(value));
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Fetch a new token now",
            description = "Like GET /api/token?force=1, with the same rate limit.")
    @APIResponse(responseCode = "200", description = "The newest token",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "500", description = "No token could be fetched",
            content = @Content(schema = @Schema(implementation = TokenFailureResponse.class)))
    public Uni<TokenResponse> refresh(@Context HttpHeaders headers) {
        return serve(keyOf(headers), true);
    }

    @GET
    @Path("/status")
    @Operation(summary = "Cache state", description = "The Bun tokener's status of the anonymous token (hasToken, "
            + "isValid, shouldProactivelyRefresh, expiresAt, isRefreshing, timeUntilExpiry, timeUntilProactiveRefresh), "
            + "then refreshes, errors, account tokens, counters and Chromium's state. Never a token.")
    public StatusResponse status() {
        long now = clock.millis();
        return StatusResponse.of(tokens.status(now), browser.state(), now);
    }

    /** Failures become {@link TokenUnavailableException}, which {@link ErrorMappers} answers. */
    private Uni<TokenResponse> serve(TokenKey key, boolean force) {
        return Uni.createFrom().completionStage(() -> tokens.token(key, force))
                .map(served -> TokenResponse.of(served, clock.millis()))
                // LavaSrc must read the token failure whatever went wrong, a bug included.
                .onFailure(error -> !(error instanceof TokenUnavailableException))
                .transform(error -> TokenUnavailableException.unexpected(key, error));
    }

    private static TokenKey keyOf(HttpHeaders headers) {
        return SpDcCookie.from(headers.getRequestHeader(HttpHeaders.COOKIE))
                .map(TokenKey::account)
                .orElse(TokenKey.anonymous());
    }
}
