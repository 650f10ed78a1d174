package io.tempo.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The JSON body of every error both services return. Absent parts are left out of the JSON, so one
 * type serves the sync service's {@code {"success":false,"error":"…"}} and the tokener's
 * {@code {"error":"…","details":"…","timestamp":N}} shapes alike.
 *
 * <p>The message is always written for a person and never carries a token, a secret or a stack trace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"success", "error", "details", "timestamp"})
public record ErrorEnvelope(Boolean success, String error, String details, Long timestamp) {

    /** {@code {"success":false,"error":message}}: the sync service's envelope. */
    public static ErrorEnvelope failure(String message) {
        return new ErrorEnvelope(false, message, null, null);
    }

    /** {@code {"success":false,"error":message,"timestamp":N}}: a failed operation, stamped. */
    public static ErrorEnvelope failure(String message, long timestampMs) {
        return new ErrorEnvelope(false, message, null, timestampMs);
    }

    /** {@code {"error":message,"timestamp":N}}: the tokener's HTTP-level errors (404, 500). */
    public static ErrorEnvelope error(String message, long timestampMs) {
        return new ErrorEnvelope(null, message, null, timestampMs);
    }

    /** {@code {"error":message,"details":details,"timestamp":N}}: a rejected request (400). */
    public static ErrorEnvelope invalid(String message, String details, long timestampMs) {
        return new ErrorEnvelope(null, message, details, timestampMs);
    }
}
