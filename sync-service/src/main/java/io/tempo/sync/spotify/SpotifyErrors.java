package io.tempo.sync.spotify;

import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Turns Spotify's error responses into {@link SpotifyException}s; shared by both REST client interfaces. */
final class SpotifyErrors {

    private static final int MAX_DETAIL = 160;

    private SpotifyErrors() {
    }

    static RuntimeException fromResponse(Response response) {
        int status = response.getStatus();
        if (status == 429) {
            return new SpotifyException.RateLimited(retryAfter(response.getHeaderString("Retry-After")));
        }
        if (status >= 500) {
            return new SpotifyException.Unavailable("Spotify is unavailable (HTTP " + status + ")", status);
        }
        JsonObject body = jsonBody(response);
        if (status == 400 && body != null && "invalid_grant".equals(body.getValue("error"))) {
            return new SpotifyException.InvalidGrant();
        }
        if (status == 401) {
            return new SpotifyException.Unauthorized();
        }
        return new SpotifyException.Rejected(status, detail(body));
    }

    /** Seconds as Spotify sends them, or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration untilDate = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return untilDate.isNegative() ? Duration.ZERO : untilDate;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static JsonObject jsonBody(Response response) {
        try {
            if (!response.hasEntity()) {
                return null;
            }
            String text = response.readEntity(String.class);
            return text == null || text.isBlank() ? null : new JsonObject(text);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /**
     * Spotify's own explanation, e.g. {@code Insufficient client scope}: the Web API puts it in
     * {@code error.message}, the accounts service in {@code error_description}. Shortened and stripped
     * of control characters so it is safe in a log line and a run's errors.
     */
    static String detail(JsonObject body) {
        if (body == null) {
            return null;
        }
        Object error = body.getValue("error");
        Object text = error instanceof JsonObject nested ? nested.getValue("message") : body.getValue("error_description");
        if (text == null && error instanceof String code) {
            text = code;
        }
        if (!(text instanceof String message) || message.isBlank()) {
            return null;
        }
        String clean = message.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() > MAX_DETAIL ? clean.substring(0, MAX_DETAIL) + "…" : clean;
    }
}
