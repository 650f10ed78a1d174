package io.tempo.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every manifest every overlay renders is valid against the Kubernetes API model, strictly. */
class KubernetesModelTest {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    /** An image's name and its ":tag" or "@digest"; a colon before the last slash is a registry's port. */
    private static final Pattern IMAGE = Pattern.compile("(?<name>[^@]+?)(?<suffix>@.+|:[^:/]+)?");

    @Test
    void devAndProdOverlaysExist() {
        assertThat(Rendered.overlays()).contains("dev", "prod");
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void everyRenderedManifestBindsStrictlyToTheApiModel(String overlay) {
        List<ObjectNode> manifests = KubectlKustomize.build(Repo.overlay(overlay));

        assertThat(manifests).isNotEmpty();
        for (ObjectNode manifest : manifests) {
            HasMetadata bound = KubernetesModel.bind(manifest);
            assertThat(bound.getMetadata().getName()).as("name of %s", manifest.path("kind")).isNotBlank();
        }
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void everyOverlayRendersTheWholeApplication(String overlay) {
        Rendered rendered = Rendered.of(overlay);

        assertThat(rendered.resources()).extracting(r -> r.getKind() + "/" + r.getMetadata().getName())
                .contains("Deployment/sync-service", "Service/sync-service", "PodDisruptionBudget/sync-service",
                        "CronJob/sync-spotify", "Deployment/tokener-service", "Service/tokener",
                        "PodDisruptionBudget/tokener-service", "NetworkPolicy/sync-service",
                        "NetworkPolicy/sync-cron", "NetworkPolicy/tokener-service")
                .doesNotContain("Secret/sync-service-secrets");
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void everyNamespacedResourceLandsInTheOverlaysOwnNamespace(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        List<Namespace> namespaces = rendered.all(Namespace.class);

        assertThat(namespaces).hasSize(1);
        String namespace = namespaces.get(0).getMetadata().getName();
        assertThat(rendered.resources()).filteredOn(r -> !(r instanceof Namespace))
                .allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).as(r.getKind()).isEqualTo(namespace));
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void namesAndLabelsFollowKubernetesRules(String overlay) {
        for (HasMetadata resource : Rendered.of(overlay).resources()) {
            assertThat(resource.getMetadata().getName()).as(resource.getKind())
                    .hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
            assertThat(resource.getMetadata().getLabels()).as("labels of %s", resource.getKind())
                    .containsEntry("app.kubernetes.io/part-of", "tempo");
        }
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void everyImageIsRewrittenToARegistryAndAPinnedTag(String overlay) {
        Rendered.of(overlay).podTemplates().forEach((workload, template) ->
                template.getSpec().getContainers().forEach(container -> {
                    Matcher image = IMAGE.matcher(container.getImage());
                    assertThat(image.matches()).as("image reference of %s", workload).isTrue();
                    assertThat(image.group("suffix")).as("tag of %s", workload).isNotEmpty();
                    assertThat(image.group("name")).as("image of %s", workload).doesNotStartWith("tempo/");
                }));
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void resourceQuantitiesParseAndRequestsStayWithinLimits(String overlay) {
        Rendered.of(overlay).podTemplates().forEach((workload, template) ->
                template.getSpec().getContainers().forEach(container -> {
                    var resources = container.getResources();
                    assertThat(resources.getRequests()).as(workload).containsKeys("cpu", "memory");
                    assertThat(resources.getLimits()).as(workload).containsKeys("cpu", "memory");
                    for (String key : Set.of("cpu", "memory")) {
                        var request = Quantity.getAmountInBytes(resources.getRequests().get(key));
                        var limit = Quantity.getAmountInBytes(resources.getLimits().get(key));
                        assertThat(request).as("%s %s request <= limit", workload, key).isLessThanOrEqualTo(limit);
                    }
                }));
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void selectorsOfDeploymentsAndBudgetsSelectTheirPods(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        for (Deployment deployment : rendered.all(Deployment.class)) {
            assertThat(Rendered.matches(deployment.getSpec().getSelector(),
                    deployment.getSpec().getTemplate().getMetadata().getLabels()))
                    .as("Deployment %s selects its own template", deployment.getMetadata().getName()).isTrue();
            assertThat(rendered.disruptionBudgets())
                    .as("a PodDisruptionBudget covers %s", deployment.getMetadata().getName())
                    .anySatisfy(pdb -> assertThat(Rendered.matches(pdb.getSpec().getSelector(),
                            deployment.getSpec().getTemplate().getMetadata().getLabels())).isTrue());
        }
        for (PodDisruptionBudget pdb : rendered.disruptionBudgets()) {
            assertThat(rendered.selectedBy(pdb.getSpec().getSelector()))
                    .as("PodDisruptionBudget %s selects pods", pdb.getMetadata().getName()).isNotEmpty();
        }
    }

    @Test
    void aMisspelledFieldIsRejected() {
        ObjectNode deployment = firstOfKind("prod", "Deployment");
        ((ObjectNode) deployment.get("spec")).put("replica", 2);

        assertThatThrownBy(() -> KubernetesModel.bind(deployment))
                .hasMessageContaining("does not match the Kubernetes API").hasMessageContaining("replica");
    }

    @Test
    void aFieldAtTheWrongLevelIsRejected() {
        ObjectNode cronJob = firstOfKind("prod", "CronJob");
        // completionMode belongs to the Job spec, not to the CronJob spec.
        ((ObjectNode) cronJob.get("spec")).put("completionMode", "Indexed");

        assertThatThrownBy(() -> KubernetesModel.bind(cronJob)).hasMessageContaining("completionMode");
    }

    @Test
    void aStringWhereTheApiWantsANumberIsRejected() {
        ObjectNode cronJob = firstOfKind("prod", "CronJob");
        ((ObjectNode) cronJob.get("spec")).put("startingDeadlineSeconds", "300");

        assertThatThrownBy(() -> KubernetesModel.bind(cronJob)).hasMessageContaining("startingDeadlineSeconds");
    }

    @Test
    void theStrictBindingStillReadsEveryKindItKnows() {
        Rendered prod = Rendered.of("prod");

        assertThat(prod.cronJob("sync-spotify")).isInstanceOf(CronJob.class);
        assertThat(prod.networkPolicies()).allSatisfy(p -> assertThat(p).isInstanceOf(NetworkPolicy.class));
        assertThat(Rendered.exampleSecret().getStringData()).isNotEmpty();
    }

    private static ObjectNode firstOfKind(String overlay, String kind) {
        Path dir = Repo.overlay(overlay);
        return KubectlKustomize.build(dir).stream().filter(m -> m.path("kind").asText().equals(kind)).findFirst()
                .orElseThrow();
    }
}
