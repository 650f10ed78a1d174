package io.tempo.sync.spotify;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

/** Spotify's accounts service: the token endpoint, authenticated with the app's client id and secret (HTTP Basic). */
@RegisterRestClient(configKey = "spotify-accounts")
@Path("/api/token")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_JSON)
interface SpotifyAccountsApi {

    @POST
    Uni<RestResponse<String>> refresh(@HeaderParam("Authorization") String basicAuthorization,
                                      @FormParam("grant_type") String grantType,
                                      @FormParam("refresh_token") String refreshToken);

    @POST
    Uni<RestResponse<String>> exchangeCode(@HeaderParam("Authorization") String basicAuthorization,
                                           @FormParam("grant_type") String grantType,
                                           @FormParam("code") String code,
                                           @FormParam("redirect_uri") String redirectUri);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return SpotifyErrors.fromResponse(response);
    }
}
