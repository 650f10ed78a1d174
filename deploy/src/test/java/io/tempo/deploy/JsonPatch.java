package io.tempo.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** RFC 6902 JSON Patch, the operations kustomize patches use here: add, remove, replace and test. */
final class JsonPatch {

    private JsonPatch() {
    }

    static void apply(ObjectNode document, ArrayNode operations) {
        for (JsonNode operation : operations) {
            String op = operation.path("op").asText();
            List<String> path = pointer(operation.path("path").asText());
            JsonNode value = operation.get("value");
            switch (op) {
                case "add" -> add(document, path, requireValue(value, operation));
                case "remove" -> remove(document, path);
                case "replace" -> {
                    remove(document, path);
                    add(document, path, requireValue(value, operation));
                }
                case "test" -> {
                    JsonNode actual = resolve(document, path);
                    if (!actual.equals(requireValue(value, operation))) {
                        throw new IllegalArgumentException("JSON patch test failed at " + operation.path("path")
                                + ": expected " + value + ", found " + actual);
                    }
                }
                default -> throw new UnsupportedOperationException("JSON patch op '" + op + "' is not supported");
            }
        }
    }

    private static JsonNode requireValue(JsonNode value, JsonNode operation) {
        if (value == null) {
            throw new IllegalArgumentException("JSON patch operation without a value: " + operation);
        }
        return value.deepCopy();
    }

    /** Splits an RFC 6901 pointer into unescaped tokens. */
    static List<String> pointer(String pointer) {
        if (pointer.isEmpty()) {
            return List.of();
        }
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException("Not a JSON pointer: " + pointer);
        }
        List<String> tokens = new ArrayList<>();
        for (String token : pointer.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static JsonNode resolve(JsonNode document, List<String> path) {
        JsonNode node = document;
        for (String token : path) {
            node = child(node, token);
            if (node == null) {
                throw new IllegalArgumentException("JSON patch path does not exist: /" + String.join("/", path));
            }
        }
        return node;
    }

    private static JsonNode child(JsonNode node, String token) {
        if (node.isObject()) {
            return node.get(token);
        }
        if (node.isArray()) {
            int index = index(token, node.size() - 1);
            return node.get(index);
        }
        return null;
    }

    private static void add(JsonNode document, List<String> path, JsonNode value) {
        JsonNode parent = resolve(document, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (parent.isObject()) {
            ((ObjectNode) parent).set(last, value);
        } else if (parent.isArray()) {
            ArrayNode array = (ArrayNode) parent;
            if (last.equals("-")) {
                array.add(value);
            } else {
                array.insert(index(last, array.size()), value);
            }
        } else {
            throw new IllegalArgumentException("JSON patch parent is not a container: /" + String.join("/", path));
        }
    }

    private static void remove(JsonNode document, List<String> path) {
        JsonNode parent = resolve(document, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (parent.isObject() && parent.has(last)) {
            ((ObjectNode) parent).remove(last);
        } else if (parent.isArray()) {
            ((ArrayNode) parent).remove(index(last, parent.size() - 1));
        } else {
            throw new IllegalArgumentException("JSON patch path does not exist: /" + String.join("/", path));
        }
    }

    private static int index(String token, int max) {
        try {
            int index = Integer.parseInt(token);
            if (index < 0 || index > max) {
                throw new IllegalArgumentException("JSON patch index out of range: " + token);
            }
            return index;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("JSON patch array index is not a number: " + token, e);
        }
    }
}
