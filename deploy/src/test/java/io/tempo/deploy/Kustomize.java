package io.tempo.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the few features this repository uses:
 * {@code resources} (files and directories), {@code namespace}, {@code images} and {@code patches} with inline
 * JSON 6902 operations targeted by kind and name. Anything else in a kustomization.yaml fails loudly, so the
 * renderer can never silently disagree with kustomize; {@code KustomizeRendererTest} compares both wherever
 * kubectl is installed. Written here because a fresh CI machine has no kustomize and none is on Maven Central.
 */
final class Kustomize {

    /** Duplicate keys are an error, as in kustomize (the last one would otherwise silently win). */
    static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static final Set<String> SUPPORTED_KEYS =
            Set.of("apiVersion", "kind", "resources", "namespace", "images", "patches");

    /** Kinds that live outside namespaces: the namespace transformer leaves them alone. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");

    private Kustomize() {
    }

    /** Renders the kustomization in {@code dir}: every resource it produces, transformed. */
    static List<ObjectNode> render(Path dir) {
        ObjectNode kustomization = readKustomization(dir);
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = dir.resolve(entry.asText()).normalize();
            resources.addAll(Files.isDirectory(path) ? render(path) : readDocuments(path));
        }
        rejectDuplicates(resources, dir);
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(resources, patch, dir);
        }
        if (kustomization.hasNonNull("namespace")) {
            setNamespace(resources, kustomization.get("namespace").asText());
        }
        for (JsonNode image : kustomization.path("images")) {
            resources.forEach(resource -> setImage(resource, image));
        }
        return resources;
    }

    /** Every YAML document of a file, skipping empty ones (a trailing {@code ---}). */
    static List<ObjectNode> readDocuments(Path file) {
        List<ObjectNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            Iterator<JsonNode> values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if (!document.isObject()) {
                    throw new IllegalArgumentException(file + ": a document is not a mapping");
                }
                documents.add((ObjectNode) document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
        return documents;
    }

    private static ObjectNode readKustomization(Path dir) {
        Path file = Stream.of("kustomization.yaml", "kustomization.yml", "Kustomization")
                .map(dir::resolve).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No kustomization file in " + dir));
        List<ObjectNode> documents = readDocuments(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + ": expected exactly one document");
        }
        ObjectNode kustomization = documents.get(0);
        kustomization.fieldNames().forEachRemaining(key -> {
            if (!SUPPORTED_KEYS.contains(key)) {
                throw new UnsupportedOperationException(
                        file + ": '" + key + "' is not supported by the test's renderer; extend Kustomize.java");
            }
        });
        return kustomization;
    }

    /** kustomize refuses two resources with the same kind, namespace and name; so does this renderer. */
    private static void rejectDuplicates(List<ObjectNode> resources, Path dir) {
        Set<String> seen = new HashSet<>();
        for (ObjectNode resource : resources) {
            String id = resource.path("apiVersion").asText() + "/" + resource.path("kind").asText() + "/"
                    + resource.path("metadata").path("namespace").asText() + "/"
                    + resource.path("metadata").path("name").asText();
            if (!seen.add(id)) {
                throw new IllegalArgumentException(dir + ": resource defined twice: " + id);
            }
        }
    }

    private static void applyPatch(List<ObjectNode> resources, JsonNode patch, Path dir) {
        if (!patch.has("patch") || patch.has("path") || !patch.has("target")) {
            throw new UnsupportedOperationException(
                    dir + ": only inline 'patch' entries with a 'target' are supported: " + patch);
        }
        JsonNode target = patch.get("target");
        target.fieldNames().forEachRemaining(key -> {
            if (!key.equals("kind") && !key.equals("name")) {
                throw new UnsupportedOperationException(dir + ": patch target '" + key + "' is not supported");
            }
        });
        JsonNode operations = parseYaml(patch.get("patch").asText(), dir);
        if (!operations.isArray()) {
            throw new UnsupportedOperationException(
                    dir + ": only JSON 6902 patches (a list of operations) are supported: " + patch);
        }
        List<ObjectNode> matches = resources.stream()
                .filter(r -> !target.has("kind") || target.get("kind").asText().equals(r.path("kind").asText()))
                .filter(r -> !target.has("name")
                        || target.get("name").asText().equals(r.path("metadata").path("name").asText()))
                .toList();
        if (matches.isEmpty()) {
            // kustomize tolerates a patch that matches nothing; a typo here would then do nothing silently.
            throw new IllegalArgumentException(dir + ": patch target matches no resource: " + target);
        }
        matches.forEach(resource -> JsonPatch.apply(resource, (ArrayNode) operations));
    }

    private static JsonNode parseYaml(String text, Path dir) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(dir + ": patch is not valid YAML", e);
        }
    }

    private static void setNamespace(List<ObjectNode> resources, String namespace) {
        for (ObjectNode resource : resources) {
            String kind = resource.path("kind").asText();
            ObjectNode metadata = resource.with("metadata");
            if (kind.equals("Namespace")) {
                metadata.put("name", namespace);
            } else if (!CLUSTER_SCOPED.contains(kind)) {
                metadata.put("namespace", namespace);
            }
        }
    }

    /** kustomize's image transformer: rewrites {@code image} of every container whose image name matches. */
    private static void setImage(JsonNode node, JsonNode rule) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : iterable(node.fields())) {
                if ((field.getKey().equals("containers") || field.getKey().equals("initContainers"))
                        && field.getValue().isArray()) {
                    for (JsonNode container : field.getValue()) {
                        rewriteImage((ObjectNode) container, rule);
                    }
                } else {
                    setImage(field.getValue(), rule);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> setImage(child, rule));
        }
    }

    private static void rewriteImage(ObjectNode container, JsonNode rule) {
        String image = container.path("image").asText();
        ImageRef ref = ImageRef.parse(image);
        if (!ref.name().equals(rule.path("name").asText())) {
            return;
        }
        String name = rule.hasNonNull("newName") ? rule.get("newName").asText() : ref.name();
        String suffix = rule.hasNonNull("digest") ? "@" + rule.get("digest").asText()
                : rule.hasNonNull("newTag") ? ":" + rule.get("newTag").asText()
                : ref.suffix();
        container.set("image", TextNode.valueOf(name + suffix));
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        List<T> items = new ArrayList<>();
        iterator.forEachRemaining(items::add);
        return items;
    }

    /** An image reference split into its name and its ":tag" or "@digest" suffix (empty when neither). */
    record ImageRef(String name, String suffix) {
        static ImageRef parse(String image) {
            int at = image.indexOf('@');
            if (at >= 0) {
                return new ImageRef(image.substring(0, at), image.substring(at));
            }
            int colon = image.lastIndexOf(':');
            // A colon before the last slash belongs to a registry port (registry:5000/app), not a tag.
            if (colon > image.lastIndexOf('/')) {
                return new ImageRef(image.substring(0, colon), image.substring(colon));
            }
            return new ImageRef(image, "");
        }
    }
}
