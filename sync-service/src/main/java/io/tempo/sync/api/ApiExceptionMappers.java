package io.tempo.sync.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tempo.sync.run.RunFailedException;
import io.tempo.sync.run.RunInProgressException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves the service as the JSON envelope {@code {"success":false,"error":"…"}}: no HTML
 * page, no stack trace, no secret. Unexpected failures are logged here with their stack trace and
 * answered with a generic message.
 */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response runInProgress(RunInProgressException e) {
        return ErrorEnvelope.response(Response.Status.CONFLICT.getStatusCode(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response runFailed(RunFailedException e) {
        return ErrorEnvelope.response(500, e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return ErrorEnvelope.response(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidJson(JsonProcessingException e) {
        return ErrorEnvelope.response(400, "Invalid JSON body");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "Request failed with HTTP %d", status);
        }
        return ErrorEnvelope.response(status, messageFor(status));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.errorf(e, "Unexpected error while handling a request");
        return ErrorEnvelope.response(500, "Internal server error");
    }

    static String messageFor(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 415 -> "Unsupported media type";
            default -> {
                Response.StatusType known = Response.Status.fromStatusCode(status);
                yield known == null ? "HTTP " + status : known.getReasonPhrase();
            }
        };
    }
}
