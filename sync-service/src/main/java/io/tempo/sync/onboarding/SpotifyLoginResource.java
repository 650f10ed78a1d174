package io.tempo.sync.onboarding;

import io.smallrye.mutiny.Uni;
import io.tempo.sync.api.ErrorEnvelope;
import io.tempo.sync.config.SyncConfig;
import io.tempo.sync.spotify.SpotifyClient;
import io.tempo.sync.spotify.SpotifyException;
import io.tempo.sync.store.TokenStore;
import io.tempo.sync.store.TokenUpdate;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * Onboarding without Supabase: a user connects Spotify in the browser (authorization code flow) and
 * the service stores their tokens under an {@code auth.users} row keyed to the Spotify account, so a
 * second login updates the same user.
 */
@Path("/api/spotify")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Onboarding", description = "Connect a Spotify account without Supabase")
public class SpotifyLoginResource {

    private static final Logger LOG = Logger.getLogger(SpotifyLoginResource.class);

    private final SyncConfig config;
    private final OAuthStateSigner states;
    private final SpotifyClient spotify;
    private final TokenStore tokenStore;
    private final Clock clock;

    SpotifyLoginResource(SyncConfig config, OAuthStateSigner states, SpotifyClient spotify, TokenStore tokenStore,
                         Clock clock) {
        this.config = config;
        this.states = states;
        this.spotify = spotify;
        this.tokenStore = tokenStore;
        this.clock = clock;
    }

    @GET
    @Path("/login")
    @Operation(operationId = "spotifyLogin", summary = "Start a Spotify login",
            description = "Redirects the browser to Spotify's authorize page asking for user-read-recently-played, "
                    + "with a signed state that is valid for SPOTIFY_STATE_TTL.")
    @APIResponse(responseCode = "302", description = "Redirect to Spotify's authorize page")
    @APIResponse(responseCode = "503", description = "SPOTIFY_CLIENT_ID or SPOTIFY_CLIENT_SECRET is not configured",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    public Response login() {
        if (config.spotify().clientId().filter(id -> !id.isBlank()).isEmpty() || !states.configured()) {
            throw notConfigured();
        }
        URI authorize = UriBuilder.fromUri(config.spotify().accountsUrl()).path("/authorize")
                .queryParam("response_type", "code")
                .queryParam("client_id", config.spotify().clientId().get())
                .queryParam("scope", config.oauth().scope())
                .queryParam("redirect_uri", config.oauth().redirectUri())
                .queryParam("state", states.issue())
                .build();
        return Response.status(Response.Status.FOUND).location(authorize).build();
    }

    @GET
    @Path("/callback")
    @Operation(operationId = "spotifyCallback", summary = "Finish a Spotify login",
            description = "Spotify redirects here. Checks the state, exchanges the code for tokens, reads the account "
                    + "(GET /v1/me), creates or updates the user and stores the tokens.")
    @APIResponse(responseCode = "200", description = "The account is connected",
            content = @Content(schema = @Schema(implementation = LoginResponse.class)))
    @APIResponse(responseCode = "400", description = "Login denied, state missing/invalid/expired, or the code was rejected",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @APIResponse(responseCode = "502", description = "Spotify failed while completing the login",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @APIResponse(responseCode = "503", description = "The Spotify client is not configured",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    public Uni<LoginResponse> callback(@QueryParam("code") String code, @QueryParam("state") String state,
                                       @QueryParam("error") String error) {
        if (error != null && !error.isBlank()) {
            throw new LoginFailedException(400, "access_denied".equals(error)
                    ? "Spotify login was cancelled: access to Spotify was denied"
                    : "Spotify login failed (" + errorCode(error) + ")");
        }
        if (!states.configured()) {
            throw notConfigured();
        }
        if (code == null || code.isBlank() || state == null || state.isBlank()) {
            throw new LoginFailedException(400, "Missing code or state; start again at /api/spotify/login");
        }
        if (!states.verify(state)) {
            throw new LoginFailedException(400, "Invalid or expired login state; start again at /api/spotify/login");
        }
        return spotify.exchangeCode(code, config.oauth().redirectUri())
                .flatMap(tokens -> spotify.profile(tokens.accessToken())
                        .flatMap(profile -> tokenStore.saveSpotifyLogin(profile.id(), profile.email(),
                                        new TokenUpdate(tokens.accessToken(), tokens.expiresAt(clock.instant()),
                                                tokens.scope(), tokens.refreshToken()))
                                .map(userId -> {
                                    LOG.infof("[Spotify Sync] Connected Spotify account for user %s", userId);
                                    return new LoginResponse(true, userId, profile.id(), tokens.scope(),
                                            "Spotify connected; plays are synced from the next run on");
                                })))
                .onFailure(SpotifyException.class).transform(SpotifyLoginResource::loginFailure);
    }

    /** Spotify's error code as a short token; whatever else the query carried is dropped. */
    static String errorCode(String error) {
        String code = error.replaceAll("[^A-Za-z0-9_.-]", "");
        return code.length() > 64 ? code.substring(0, 64) : code;
    }

    private static Throwable loginFailure(Throwable failure) {
        if (failure instanceof SpotifyException.InvalidGrant) {
            return new LoginFailedException(400,
                    "Spotify rejected the authorization code (expired or already used); start again at /api/spotify/login");
        }
        if (failure instanceof SpotifyException.NotConfigured) {
            return notConfigured();
        }
        LOG.warnf("[Spotify Sync] Spotify login failed: %s", failure.getMessage());
        return new LoginFailedException(502, "Spotify login failed: " + failure.getMessage());
    }

    private static LoginFailedException notConfigured() {
        return new LoginFailedException(503,
                "Spotify login is not configured: set SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET");
    }
}
