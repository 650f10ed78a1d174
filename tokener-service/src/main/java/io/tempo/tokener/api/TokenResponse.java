package io.tempo.tokener.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tempo.tokener.token.ServedToken;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body LavaSrc's {@code customTokenEndpoint} reads: it takes {@code accessToken} and
 * {@code accessTokenExpirationTimestampMs} and treats any top-level {@code error} field as a failure, so
 * a success never carries one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"success", "accessToken", "accessTokenExpirationTimestampMs", "clientId", "isAnonymous",
        "cached", "timestamp"})
@Schema(name = "TokenResponse", description = "A Spotify web-player access token")
public record TokenResponse(
        boolean success,
        String accessToken,
        @Schema(description = "Expiry of the token, epoch milliseconds") long accessTokenExpirationTimestampMs,
        String clientId,
        @JsonProperty("isAnonymous") @Schema(description = "false for a token of the sp_dc cookie's account")
        boolean isAnonymous,
        @Schema(description = "true when served from the cache, false when fetched for this call") boolean cached,
        @Schema(description = "Server time of the answer, epoch milliseconds") long timestamp) {

    static TokenResponse of(ServedToken served, long nowMs) {
        return new TokenResponse(true, served.token().accessToken(), served.token().expiresAtMs(),
                served.token().clientId(), served.token().anonymous(), served.cached(), nowMs);
    }

    @Override
    public String toString() {
        return "TokenResponse[expires=" + accessTokenExpirationTimestampMs + ", cached=" + cached + "]";
    }
}
