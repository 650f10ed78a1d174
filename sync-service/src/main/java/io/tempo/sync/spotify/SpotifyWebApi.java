package io.tempo.sync.spotify;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Spotify's Web API, as much of it as the sync needs. Bodies are read as text and parsed by
 * {@link SpotifyClient}: the play items go to the database with Spotify's field names and values, and a
 * malformed body becomes a clear per-user error instead of a deserialisation failure.
 */
@RegisterRestClient(configKey = "spotify-api")
@Produces(MediaType.APPLICATION_JSON)
interface SpotifyWebApi {

    /**
     * {@code after} and {@code before} are mutually exclusive; a null one is left out of the query. Bytes, not
     * text: the page is streamed straight from them.
     */
    @GET
    @Path("/v1/me/player/recently-played")
    Uni<RestResponse<byte[]>> recentlyPlayed(@HeaderParam("Authorization") String authorization,
                                             @QueryParam("limit") int limit,
                                             @QueryParam("after") Long after,
                                             @QueryParam("before") Long before);

    @GET
    @Path("/v1/me")
    Uni<RestResponse<String>> me(@HeaderParam("Authorization") String authorization);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return SpotifyErrors.fromResponse(response);
    }
}
