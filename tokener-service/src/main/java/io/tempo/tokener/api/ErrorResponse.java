package io.tempo.tokener.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The tokener's HTTP-level error, the Bun tokener's shape: {@code {"error":"…","timestamp":N}}, with
 * {@code details} only for a rejected request (400). The message is written for a person and never carries a
 * token, a cookie or a stack trace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"error", "details", "timestamp"})
@Schema(name = "ErrorResponse", description = "An error: what went wrong, and for a bad request why")
public record ErrorResponse(
        String error,
        @Schema(description = "Why the request was rejected; 400 only") String details,
        @Schema(description = "Server time of the answer, epoch milliseconds") long timestamp) {

    static ErrorResponse of(String error, long timestampMs) {
        return new ErrorResponse(error, null, timestampMs);
    }

    static ErrorResponse invalid(String error, String details, long timestampMs) {
        return new ErrorResponse(error, details, timestampMs);
    }
}
