package io.tempo.sync.spotify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a recently-played page in one streaming pass over its bytes and keeps, for each PlayHistoryObject, only
 * the fields ingest_spotify_plays reads. Spotify's items carry available_markets twice, external URLs, hrefs
 * and three image sizes: about 4 KB an item. Building a tree of maps for all of it and encoding it again cost
 * the service more CPU than anything else it does (see BENCHMARKS.md); skipped values are never materialised.
 * Kept values are copied as they came, so a value of the wrong type still reaches the function's validation,
 * which names it.
 */
final class RecentlyPlayedReader {

    private static final JsonFactory JSON = new JsonFactory();

    /** How much of a value to keep. */
    private sealed interface Keep {
    }

    /** The whole value. */
    private record Whole() implements Keep {
    }

    /** Of an object, the listed fields (others skipped); any other value whole. */
    private record Fields(Map<String, Keep> fields) implements Keep {
    }

    /** Of an array, each element as {@code element} says; any other value whole. */
    private record Each(Keep element) implements Keep {
    }

    /** Of an array, the first element whole; any other value whole. */
    private record First() implements Keep {
    }

    private static final Keep WHOLE = new Whole();
    private static final Keep ARTISTS = new Each(new Fields(Map.of("id", WHOLE, "name", WHOLE)));
    private static final Keep CONTEXT = new Fields(Map.of("type", WHOLE, "uri", WHOLE));
    private static final Keep TRACK = new Fields(Map.of(
            "id", WHOLE, "name", WHOLE, "duration_ms", WHOLE, "explicit", WHOLE, "popularity", WHOLE,
            "is_local", WHOLE, "external_ids", new Fields(Map.of("isrc", WHOLE)), "artists", ARTISTS,
            "album", new Fields(Map.of("id", WHOLE, "name", WHOLE, "album_type", WHOLE, "release_date", WHOLE,
                    "images", new First(), "artists", ARTISTS))));

    private RecentlyPlayedReader() {
    }

    static RecentlyPlayedPage read(byte[] body) {
        if (body == null || isBlank(body)) {
            throw new SpotifyException.UnexpectedResponse("empty body");
        }
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new SpotifyException.UnexpectedResponse("body is not a JSON object");
            }
            List<PlayedItem> items = null;
            Object next = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("items") && value == JsonToken.START_ARRAY) {
                    items = items(parser);
                } else if (field.equals("items")) {
                    throw new SpotifyException.UnexpectedResponse("recently played page without an items array");
                } else if (field.equals("next")) {
                    next = value == JsonToken.VALUE_NULL ? null : value == JsonToken.VALUE_STRING ? parser.getText() : value;
                    parser.skipChildren();
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new SpotifyException.UnexpectedResponse("body is not a JSON object");
            }
            if (items == null) {
                throw new SpotifyException.UnexpectedResponse("recently played page without an items array");
            }
            return new RecentlyPlayedPage(items, SpotifyJson.nextRequest(next));
        } catch (IOException e) {
            throw new SpotifyException.UnexpectedResponse("body is not a JSON object");
        }
    }

    private static List<PlayedItem> items(JsonParser parser) throws IOException {
        List<PlayedItem> items = new ArrayList<>(50);
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new SpotifyException.UnexpectedResponse("recently played item is not an object");
            }
            items.add(item(parser));
        }
        return items;
    }

    private static PlayedItem item(JsonParser parser) throws IOException {
        StringWriter json = new StringWriter(1024);
        String playedAt = null;
        boolean track = false;
        try (JsonGenerator out = JSON.createGenerator(json)) {
            out.writeStartObject();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "played_at" -> {
                        playedAt = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                        out.writeFieldName(field);
                        copy(parser, out, WHOLE);
                    }
                    case "track" -> {
                        track = value == JsonToken.START_OBJECT;
                        out.writeFieldName(field);
                        copy(parser, out, TRACK);
                    }
                    case "context" -> {
                        out.writeFieldName(field);
                        copy(parser, out, CONTEXT);
                    }
                    default -> parser.skipChildren();
                }
            }
            out.writeEndObject();
        }
        if (!track) {
            throw new SpotifyException.UnexpectedResponse("recently played item without a track");
        }
        return new PlayedItem(playedAt(playedAt), json.toString());
    }

    /** Copies the value at the parser's current token as {@code keep} says, leaving the parser on its last token. */
    private static void copy(JsonParser parser, JsonGenerator out, Keep keep) throws IOException {
        JsonToken token = parser.currentToken();
        if (keep instanceof Fields fields && token == JsonToken.START_OBJECT) {
            out.writeStartObject();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                Keep kept = fields.fields().get(field);
                if (kept == null) {
                    parser.skipChildren();
                } else {
                    out.writeFieldName(field);
                    copy(parser, out, kept);
                }
            }
            out.writeEndObject();
        } else if (keep instanceof Each each && token == JsonToken.START_ARRAY) {
            out.writeStartArray();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                copy(parser, out, each.element());
            }
            out.writeEndArray();
        } else if (keep instanceof First && token == JsonToken.START_ARRAY) {
            out.writeStartArray();
            boolean first = true;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (first) {
                    out.copyCurrentStructure(parser);
                    first = false;
                } else {
                    parser.skipChildren();
                }
            }
            out.writeEndArray();
        } else {
            out.copyCurrentStructure(parser);
        }
    }

    private static Instant playedAt(String text) {
        if (text != null) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                // fall through to the error below
            }
        }
        throw new SpotifyException.UnexpectedResponse("recently played item without a valid played_at");
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
