package io.tempo.tokener.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of a token endpoint that has no token to give: {@code {"success":false,"error":"Token generation
 * failed","timestamp":N}}, the Bun tokener's. LavaSrc fails the call on its top-level {@code error}.
 */
@JsonPropertyOrder({"success", "error", "timestamp"})
@Schema(name = "TokenFailureResponse", description = "No token could be fetched")
public record TokenFailureResponse(
        boolean success,
        String error,
        @Schema(description = "Server time of the answer, epoch milliseconds") long timestamp) {

    static final String GENERATION_FAILED = "Token generation failed";

    static TokenFailureResponse at(long timestampMs) {
        return new TokenFailureResponse(false, GENERATION_FAILED, timestampMs);
    }
}
