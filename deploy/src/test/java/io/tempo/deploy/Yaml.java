package io.tempo.deploy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Reads the YAML the tests check: manifests, kustomize's output, workflows. */
final class Yaml {

    /** Duplicate keys are an error: the last one would otherwise silently win. */
    static final ObjectMapper STRICT = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Yaml() {
    }

    static JsonNode read(Path file) {
        try {
            return STRICT.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not valid YAML", e);
        }
    }

    static List<ObjectNode> documents(Path file) {
        try {
            return documents(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /** Every document of a multi-document stream, skipping empty ones (a trailing {@code ---}). */
    static List<ObjectNode> documents(String source, String yaml) {
        List<ObjectNode> documents = new ArrayList<>();
        try (var parser = STRICT.getFactory().createParser(yaml)) {
            Iterator<JsonNode> values = STRICT.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if (!document.isObject()) {
                    throw new IllegalArgumentException(source + ": a document is not a mapping");
                }
                documents.add((ObjectNode) document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + " is not valid YAML", e);
        }
        return documents;
    }
}
