package io.tempo.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths inside the checkout the tests read: the manifests, the services' sources, the workflows. */
final class Repo {

    private Repo() {
    }

    /** The project root: set by the deploy module's surefire configuration, else found from the working dir. */
    static Path root() {
        String configured = System.getProperty("tempo.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/k8s")) && Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the project root: set -Dtempo.root");
    }

    static Path k8s() {
        return root().resolve("deploy/k8s");
    }

    static Path overlay(String name) {
        return k8s().resolve("overlays").resolve(name);
    }

    static Path module(String name) {
        return root().resolve(name);
    }
}
