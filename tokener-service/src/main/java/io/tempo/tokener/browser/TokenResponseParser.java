package io.tempo.tokener.browser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * Reads the web player's token JSON. Anything that is not a complete token (an {@code error} field, no
 * token, no expiry, not JSON) yields nothing, so the caller keeps waiting for a better response.
 */
final class TokenResponseParser {

    private final ObjectMapper mapper;

    TokenResponseParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Optional<WebPlayerToken> parse(String body, boolean anonymousByDefault) {
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (json == null || !json.isObject() || json.has("error")) {
            return Optional.empty();
        }
        JsonNode token = json.get("accessToken");
        JsonNode expiry = json.get("accessTokenExpirationTimestampMs");
        if (token == null || !token.isTextual() || token.asText().isBlank()
                || expiry == null || !expiry.canConvertToLong() || expiry.asLong() <= 0) {
            return Optional.empty();
        }
        JsonNode clientId = json.get("clientId");
        JsonNode anonymous = json.get("isAnonymous");
        return Optional.of(new WebPlayerToken(
                token.asText(),
                expiry.asLong(),
                clientId != null && clientId.isTextual() ? clientId.asText() : null,
                anonymous != null && anonymous.isBoolean() ? anonymous.asBoolean() : anonymousByDefault));
    }
}
