package io.tempo.sync.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The body of every error the sync service answers, {@code {"success":false,"error":"…"}}: the original cron route's
 * shape, which callers' scripts parse. The message is written for a person and never carries a token, a secret or a
 * stack trace. The service's own type (not common's), so its one shape cannot pick up the tokener's fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"success", "error"})
public record ErrorEnvelope(boolean success, String error) {

    /** The one way an error response is built: filters and exception mappers alike. */
    public static Response response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorEnvelope(false, message)).build();
    }
}
