package io.tempo.tokener.api;

import io.tempo.tokener.token.TokenUnavailableException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as a JSON envelope: never an HTML page, never a stack trace. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    private final Clock clock;

    ErrorMappers(Clock clock) {
        this.clock = clock;
    }

    /** The token endpoints' failure; the fetch's own failure was logged where it happened. */
    @ServerExceptionMapper
    public Response tokenUnavailable(TokenUnavailableException error) {
        if (error.unexpected()) {
            LOG.error(error.getMessage(), error.getCause());
        }
        return json(500, TokenFailureResponse.at(clock.millis()));
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException error) {
        return json(400, ErrorResponse.invalid("Validation error", error.getMessage(), clock.millis()));
    }

    /** Unknown paths too: Quarkus REST hands unmatched requests to this mapper. */
    @ServerExceptionMapper
    public Response notFound(NotFoundException error) {
        return json(404, ErrorResponse.of("Endpoint not found", clock.millis()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException error) {
        int status = error.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(error, "Request failed with %d", status);
            return json(500, ErrorResponse.of("Internal server error", clock.millis()));
        }
        Response.StatusType type = error.getResponse().getStatusInfo();
        String reason = type.getReasonPhrase() == null ? "Request failed" : type.getReasonPhrase();
        return json(status, ErrorResponse.of(reason, clock.millis()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable error) {
        LOG.error("Unexpected error", error);
        return json(500, ErrorResponse.of("Internal server error", clock.millis()));
    }

    private static Response json(int status, Object envelope) {
        return Response.status(status).entity(envelope).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
