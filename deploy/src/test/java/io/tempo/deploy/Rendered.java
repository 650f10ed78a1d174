package io.tempo.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** One overlay rendered and bound to the Kubernetes model, with the lookups the tests need. */
record Rendered(String overlay, List<HasMetadata> resources) {

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    /** The {@code @MethodSource} of the tests that check every overlay. */
    static final String OVERLAYS = "io.tempo.deploy.Rendered#overlays";

    /** Every overlay directory under deploy/k8s/overlays: a new overlay is checked without touching the tests. */
    static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(Repo.k8s().resolve("overlays"))) {
            return dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Rendered of(String overlay) {
        return CACHE.computeIfAbsent(overlay,
                name -> new Rendered(name, KubernetesModel.bindAll(KubectlKustomize.build(Repo.overlay(name)))));
    }

    /** The example Secret (deliberately outside every kustomization), bound to the model. */
    static Secret exampleSecret() {
        return (Secret) KubernetesModel.bind(Yaml.documents(Repo.k8s().resolve("secret.example.yaml")).get(0));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no " + type.getSimpleName() + " named " + name));
    }

    Deployment deployment(String name) {
        return one(Deployment.class, name);
    }

    /** The one container of a Deployment's pods. */
    Container container(String deployment) {
        return onlyContainer(deployment(deployment).getSpec().getTemplate());
    }

    Service service(String name) {
        return one(Service.class, name);
    }

    CronJob cronJob(String name) {
        return one(CronJob.class, name);
    }

    List<NetworkPolicy> networkPolicies() {
        return all(NetworkPolicy.class);
    }

    List<PodDisruptionBudget> disruptionBudgets() {
        return all(PodDisruptionBudget.class);
    }

    /** Every pod template the overlay runs, by "Kind/name" of its workload. */
    Map<String, PodTemplateSpec> podTemplates() {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        all(Deployment.class).forEach(d -> templates.put("Deployment/" + d.getMetadata().getName(),
                d.getSpec().getTemplate()));
        all(CronJob.class).forEach(c -> templates.put("CronJob/" + c.getMetadata().getName(),
                c.getSpec().getJobTemplate().getSpec().getTemplate()));
        return templates;
    }

    /** The pod templates a label selector picks, by workload. */
    Map<String, PodTemplateSpec> selectedBy(LabelSelector selector) {
        Map<String, PodTemplateSpec> selected = new LinkedHashMap<>();
        podTemplates().forEach((workload, template) -> {
            if (matches(selector, template.getMetadata().getLabels())) {
                selected.put(workload, template);
            }
        });
        return selected;
    }

    /** The pod templates a Service's selector picks. */
    Map<String, PodTemplateSpec> selectedBy(Service service) {
        return selectedBy(new LabelSelector(List.of(), service.getSpec().getSelector()));
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new UnsupportedOperationException("matchExpressions are not used here; extend Rendered.matches");
        }
        Map<String, String> wanted = Objects.requireNonNullElse(selector.getMatchLabels(), Map.of());
        Map<String, String> actual = Objects.requireNonNullElse(labels, Map.of());
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(actual.get(e.getKey())));
    }

    static Container onlyContainer(PodTemplateSpec template) {
        List<Container> containers = template.getSpec().getContainers();
        if (containers.size() != 1) {
            throw new AssertionError("expected one container, found " + containers.size());
        }
        return containers.get(0);
    }
}
