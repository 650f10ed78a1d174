package io.tempo.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The test's own kustomize renderer produces what kustomize produces, and refuses what it does not implement.
 * The comparison with the real kustomize runs wherever {@code kubectl} is installed (developer machines);
 * a fresh CI machine has none and relies on the renderer, which is why it must fail loudly on anything new.
 */
class KustomizeRendererTest {

    static List<String> overlays() {
        return Rendered.overlays();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void rendersEveryOverlayExactlyAsKubectlKustomizeDoes(String overlay) throws Exception {
        String kubectlOutput = kubectlKustomize(Repo.overlay(overlay));
        Path rendered = Files.createTempFile("kustomize-" + overlay, ".yaml");
        try {
            Files.writeString(rendered, kubectlOutput);
            Map<String, ObjectNode> expected = byId(Kustomize.readDocuments(rendered));
            Map<String, ObjectNode> actual = byId(Kustomize.render(Repo.overlay(overlay)));

            assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((id, manifest) -> assertThat(actual.get(id)).as(id).isEqualTo(manifest));
        } finally {
            Files.deleteIfExists(rendered);
        }
    }

    @Test
    void setsTheNamespaceOnNamespacedResourcesAndRenamesTheNamespace(@TempDir Path dir) throws IOException {
        write(dir, "kustomization.yaml", "namespace: music\nresources: [all.yaml]\n");
        write(dir, "all.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata: {name: placeholder}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: elsewhere}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: reader}
                """);

        Map<String, ObjectNode> rendered = byId(Kustomize.render(dir));

        assertThat(rendered).containsOnlyKeys("Namespace/music", "ConfigMap/music/settings", "ClusterRole/reader");
    }

    @Test
    void rewritesImagesByNameKeepingTheRegistryPortApart(@TempDir Path dir) throws IOException {
        write(dir, "kustomization.yaml", """
                resources: [pod.yaml]
                images:
                  - {name: registry:5000/app, newTag: "2.0"}
                  - {name: sidecar, newName: ghcr.io/acme/sidecar}
                """);
        write(dir, "pod.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  initContainers: [{name: init, image: "registry:5000/app:1.0"}]
                  containers: [{name: main, image: sidecar:3}, {name: other, image: unrelated:1}]
                """);

        JsonNode spec = Kustomize.render(dir).get(0).get("spec");

        assertThat(spec.at("/initContainers/0/image").asText()).isEqualTo("registry:5000/app:2.0");
        assertThat(spec.at("/containers/0/image").asText()).isEqualTo("ghcr.io/acme/sidecar:3");
        assertThat(spec.at("/containers/1/image").asText()).isEqualTo("unrelated:1");
    }

    @Test
    void aFailingJsonPatchTestStopsTheRender(@TempDir Path dir) throws IOException {
        write(dir, "kustomization.yaml", """
                resources: [cm.yaml]
                patches:
                  - target: {kind: ConfigMap, name: settings}
                    patch: |-
                      - {op: test, path: /data/mode, value: fast}
                      - {op: replace, path: /data/mode, value: slow}
                """);
        write(dir, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: safe}\n");

        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("test failed at \"/data/mode\"");
    }

    @Test
    void aPatchWhoseTargetMatchesNothingIsAnError(@TempDir Path dir) throws IOException {
        write(dir, "kustomization.yaml", """
                resources: [cm.yaml]
                patches:
                  - target: {kind: ConfigMap, name: setings}
                    patch: "[{op: remove, path: /data}]"
                """);
        write(dir, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: safe}\n");

        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("matches no resource");
    }

    @Test
    void aKustomizeFeatureTheRendererLacksFailsLoudly(@TempDir Path dir) throws IOException {
        write(dir, "kustomization.yaml", "resources: [cm.yaml]\nnamePrefix: dev-\n");
        write(dir, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n");

        assertThatThrownBy(() -> Kustomize.render(dir)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("'namePrefix' is not supported");
    }

    @Test
    void aDuplicateKeyInAManifestIsAnError(@TempDir Path dir) throws IOException {
        write(dir, "kustomization.yaml", "resources: [cm.yaml]\n");
        write(dir, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: 1, k: 2}\n");

        assertThatThrownBy(() -> Kustomize.render(dir)).hasStackTraceContaining("Duplicate field 'k'");
    }

    private static void write(Path dir, String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    private static Map<String, ObjectNode> byId(List<ObjectNode> manifests) {
        return manifests.stream().collect(Collectors.toMap(m -> {
            JsonNode metadata = m.path("metadata");
            String namespace = metadata.path("namespace").asText();
            return m.path("kind").asText() + "/" + (namespace.isEmpty() ? "" : namespace + "/")
                    + metadata.path("name").asText();
        }, Function.identity()));
    }

    /** The real kustomize's output, or the test is skipped where kubectl is not installed. */
    private static String kubectlKustomize(Path dir) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        } catch (IOException notInstalled) {
            assumeTrue(false, "kubectl is not installed: the renderer is not compared with kustomize here");
            throw notInstalled;
        }
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finished").isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize: %s", stderr).isZero();
        return stdout;
    }
}
