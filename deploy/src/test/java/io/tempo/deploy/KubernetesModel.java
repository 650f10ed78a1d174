package io.tempo.deploy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.util.List;
import java.util.Map;

/**
 * Binds rendered manifests to fabric8's Kubernetes API model, strictly: a field the API does not have (a typo,
 * a wrong nesting level, a field of another API version) or a scalar of the wrong type fails, as the API server
 * would refuse it.
 */
final class KubernetesModel {

    /** apiVersion/kind to model class; a manifest of any other kind fails until it is added here. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "batch/v1/CronJob", CronJob.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    /**
     * fabric8's model classes keep unknown fields in an {@code additionalProperties} map ({@code @JsonAnySetter}),
     * so FAIL_ON_UNKNOWN_PROPERTIES alone never fires; removing the any-setter makes it fire.
     */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config,
                        BeanDescription description, BeanDeserializerBuilder builder) {
                    if (description.getBeanClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
                        builder.setAnySetter(null);
                    }
                    return builder;
                }
            }))
            .build();

    private KubernetesModel() {
    }

    static HasMetadata bind(ObjectNode manifest) {
        String key = manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(key);
        if (type == null) {
            throw new IllegalArgumentException("No model class for " + key + " (add it to KubernetesModel.KINDS)");
        }
        try {
            return STRICT.treeToValue(manifest, type);
        } catch (Exception e) {
            throw new IllegalArgumentException(key + " " + manifest.path("metadata").path("name").asText()
                    + " does not match the Kubernetes API: " + e.getMessage(), e);
        }
    }

    static List<HasMetadata> bindAll(List<ObjectNode> manifests) {
        return manifests.stream().map(KubernetesModel::bind).toList();
    }
}
