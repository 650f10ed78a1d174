package io.tempo.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every pod runs locked down (non-root, no privilege escalation, no capabilities, read-only root filesystem, no
 * API token), and still has the writable and shared memory it needs: /tmp everywhere, /dev/shm for Chromium.
 */
class PodSecurityTest {

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void everyPodRunsAsANonRootUserWithTheDefaultSeccompProfileAndNoApiToken(String overlay) {
        Rendered.of(overlay).podTemplates().forEach((workload, template) -> {
            PodSpec pod = template.getSpec();

            assertThat(pod.getAutomountServiceAccountToken()).as("%s mounts no API token", workload).isFalse();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("%s runAsNonRoot", workload).isTrue();
            // Numeric and not 0, so runAsNonRoot holds whatever USER the image declares.
            assertThat(pod.getSecurityContext().getRunAsUser()).as("%s runAsUser", workload).isPositive();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        });
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void everyContainerDropsAllCapabilitiesAndCannotEscalateOrWriteItsImage(String overlay) {
        Rendered.of(overlay).podTemplates().forEach((workload, template) -> {
            for (Container container : template.getSpec().getContainers()) {
                var security = container.getSecurityContext();

                assertThat(security.getAllowPrivilegeEscalation()).as("%s escalation", workload).isFalse();
                assertThat(security.getReadOnlyRootFilesystem()).as("%s read-only root", workload).isTrue();
                assertThat(security.getPrivileged()).as("%s privileged", workload).isNotEqualTo(Boolean.TRUE);
                assertThat(security.getCapabilities().getDrop()).as("%s drops", workload).containsExactly("ALL");
                assertThat(security.getCapabilities().getAdd()).as("%s adds", workload).isNullOrEmpty();
            }
        });
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void eachServiceHasAWritableTmpOnItsReadOnlyRoot(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        for (String deployment : ServicesMatchCodeTest.DEPLOYMENTS.keySet()) {
            PodSpec pod = rendered.deployment(deployment).getSpec().getTemplate().getSpec();

            assertThat(emptyDirAt(pod, "/tmp")).as("%s /tmp", deployment).isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void chromiumGetsAMemoryBackedDevShmAndRoomToRun(String overlay) {
        PodSpec pod = Rendered.of(overlay).deployment("tokener-service").getSpec().getTemplate().getSpec();
        Container tokener = Rendered.of(overlay).container("tokener-service");

        Volume shm = emptyDirAt(pod, "/dev/shm");
        assertThat(shm).isNotNull();
        assertThat(shm.getEmptyDir().getMedium()).isEqualTo("Memory");
        BigDecimal limit = Quantity.getAmountInBytes(tokener.getResources().getLimits().get("memory"));
        BigDecimal shmSize = Quantity.getAmountInBytes(shm.getEmptyDir().getSizeLimit());
        assertThat(limit).as("JVM + Chromium memory limit").isGreaterThanOrEqualTo(gibibytes(1));
        assertThat(shmSize).as("/dev/shm counts against the limit: it must leave most of it").isLessThan(
                limit.divide(BigDecimal.valueOf(4)));
    }

    private static Volume emptyDirAt(PodSpec pod, String path) {
        Container container = pod.getContainers().get(0);
        return container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path))
                .map(VolumeMount::getName).findFirst()
                .flatMap(name -> pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst())
                .filter(volume -> Objects.nonNull(volume.getEmptyDir())).orElse(null);
    }

    private static BigDecimal gibibytes(int n) {
        return BigDecimal.valueOf(1024L * 1024 * 1024 * n);
    }
}
