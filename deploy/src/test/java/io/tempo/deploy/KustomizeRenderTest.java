package io.tempo.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The overlays render with the real kustomize, every patch lands on a resource, and a render kustomize refuses
 * fails the tests with kustomize's own reason.
 */
class KustomizeRenderTest {

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void everyPatchOfAnOverlayTargetsAResourceItRenders(String overlay) {
        // kustomize applies a patch whose target matches nothing to nothing, silently: a typo would go unnoticed.
        JsonNode kustomization = Yaml.read(Repo.overlay(overlay).resolve("kustomization.yaml"));
        List<String> rendered = KubectlKustomize.build(Repo.overlay(overlay)).stream()
                .map(m -> m.path("kind").asText() + "/" + m.path("metadata").path("name").asText()).toList();

        assertThat(kustomization.path("patches")).isNotEmpty().allSatisfy(patch -> {
            JsonNode target = patch.path("target");
            assertThat(rendered).as("target of a patch in %s", overlay)
                    .contains(target.path("kind").asText() + "/" + target.path("name").asText());
        });
    }

    @Test
    void aDuplicateKeyInAManifestFailsTheRenderWithKustomizesReason(@TempDir Path dir) throws IOException {
        write(dir, "kustomization.yaml", "resources: [cm.yaml]\n");
        write(dir, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: 1, k: 2}\n");

        assertThatThrownBy(() -> KubectlKustomize.build(dir)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("kubectl").hasMessageContaining("mapping key \"k\" already defined");
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

        assertThatThrownBy(() -> KubectlKustomize.build(dir)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("/data/mode").hasMessageContaining("test failed");
    }

    private static void write(Path dir, String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }
}
