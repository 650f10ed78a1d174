package io.tempo.sync.spotify;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Reads Spotify's JSON bodies defensively: anything that does not match the Web API reference becomes
 * {@link SpotifyException.UnexpectedResponse} with a short description, never a body or a token.
 */
final class SpotifyJson {

    private SpotifyJson() {
    }

    static SpotifyTokens tokens(String body) {
        JsonObject json = object(body);
        String accessToken = string(json, "access_token");
        if (accessToken == null || accessToken.isBlank()) {
            throw new SpotifyException.UnexpectedResponse("token response without an access_token");
        }
        if (!(json.getValue("expires_in") instanceof Number expiresIn) || expiresIn.longValue() <= 0) {
            throw new SpotifyException.UnexpectedResponse("token response without a valid expires_in");
        }
        String refreshToken = string(json, "refresh_token");
        return new SpotifyTokens(accessToken, expiresIn.longValue(), string(json, "scope"),
                refreshToken == null || refreshToken.isBlank() ? null : refreshToken);
    }

    static SpotifyProfile profile(String body) {
        JsonObject json = object(body);
        String id = string(json, "id");
        if (id == null || id.isBlank()) {
            throw new SpotifyException.UnexpectedResponse("profile without an id");
        }
        return new SpotifyProfile(id, string(json, "email"));
    }

    private static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw new SpotifyException.UnexpectedResponse("empty body");
        }
        try {
            return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw new SpotifyException.UnexpectedResponse("body is not a JSON object");
        }
    }

    private static String string(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new SpotifyException.UnexpectedResponse(field + " is not a string");
        }
        return text;
    }

    /**
     * The following page as Spotify's {@code next} link describes it. Only its cursor is taken: the
     * request goes to the configured base URL, so a bearer token is never sent where a body pointed.
     */
    static PageRequest nextRequest(Object next) {
        if (next == null) {
            return null;
        }
        if (!(next instanceof String link) || link.isBlank()) {
            throw new SpotifyException.UnexpectedResponse("next is not a link");
        }
        String query;
        try {
            query = new URI(link).getRawQuery();
        } catch (URISyntaxException e) {
            throw new SpotifyException.UnexpectedResponse("next is not a link");
        }
        if (query == null) {
            return null;
        }
        Long before = null;
        Long after = null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (name.equals("before")) {
                before = cursor(value);
            } else if (name.equals("after")) {
                after = cursor(value);
            }
        }
        if (before != null) {
            return PageRequest.before(before);
        }
        return after == null ? null : PageRequest.afterCursor(after);
    }

    private static Long cursor(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new SpotifyException.UnexpectedResponse("next link with a cursor that is not a timestamp");
        }
    }
}
