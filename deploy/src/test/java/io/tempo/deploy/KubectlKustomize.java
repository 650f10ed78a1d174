package io.tempo.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Renders a kustomization with the real kustomize, the one in {@code kubectl} (v5), as {@code kubectl apply -k} would. */
final class KubectlKustomize {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final String WHEN_MISSING = "the deploy tests render the overlays with `kubectl kustomize` "
            + "(Kustomize v5): install kubectl and put it on the PATH (.ci/run does on CI)";

    private KubectlKustomize() {
    }

    /** Every resource the kustomization in {@code dir} produces; kustomize's own error when it refuses it. */
    static List<ObjectNode> build(Path dir) {
        Command.Result result = Command.run(TIMEOUT, WHEN_MISSING, List.of("kubectl", "kustomize", dir.toString()))
                .requireSuccess();
        return Yaml.documents("kubectl kustomize " + dir, result.stdout());
    }
}
