package io.tempo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The tokener's pod: readiness that follows the cached token closely, and the JVM the image ships. */
class TokenerDeploymentTest {

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void readinessIsAskedOftenSoANewPodServesAsSoonAsItHasAToken(String overlay) {
        Container tokener = tokener(overlay);

        assertThat(tokener.getReadinessProbe().getPeriodSeconds()).isLessThanOrEqualTo(5);
        assertThat(tokener.getReadinessProbe().getTimeoutSeconds()).as("inside LavaSrc's 3 s").isLessThan(3);
        assertThat(tokener.getLivenessProbe().getHttpGet().getPath()).as("a pod without a token stays live")
                .isEqualTo("/q/health/live");
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void thePodRunsTheJvmOptionsTheImageShips(String overlay) throws IOException {
        String dockerfile = Files.readString(Repo.module("tokener-service").resolve("src/main/docker/Dockerfile.jvm"));
        Matcher shipped = Pattern.compile("JDK_JAVA_OPTIONS=\"([^\"]+)\"").matcher(dockerfile);
        assertThat(shipped.find()).as("the image sets JDK_JAVA_OPTIONS").isTrue();

        assertThat(tokener(overlay).getEnv()).filteredOn(env -> env.getName().equals("JDK_JAVA_OPTIONS"))
                .extracting(EnvVar::getValue).containsExactly(shipped.group(1));
    }

    private static Container tokener(String overlay) {
        return Rendered.of(overlay).container("tokener-service");
    }
}
