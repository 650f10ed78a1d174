package io.tempo.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NetworkPolicies select the pods the overlays really run, by their real labels and ports: only the CronJob
 * reaches the sync-service, only Lavalink reaches the tokener, and every pod can still reach what it needs.
 */
class NetworkPolicyTest {

    /** Pods outside this repository that a policy may name: Lavalink, the tokener's only client. */
    private static final Map<String, String> LAVALINK = Map.of("app.kubernetes.io/name", "lavalink");

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void everyPodIsGuardedInBothDirectionsByExactlyOnePolicy(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        rendered.podTemplates().forEach((workload, template) -> {
            List<NetworkPolicy> guarding = rendered.networkPolicies().stream()
                    .filter(p -> Rendered.matches(p.getSpec().getPodSelector(), template.getMetadata().getLabels()))
                    .toList();

            assertThat(guarding).as("policies selecting %s", workload).hasSize(1);
            assertThat(guarding.get(0).getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        });
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void onlyTheCronJobReachesTheSyncServiceAndOnlyOnItsHttpPort(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        NetworkPolicy policy = policyFor(rendered, "Deployment/sync-service");
        Container sync = rendered.container("sync-service");

        NetworkPolicyIngressRule rule = onlyIngressRule(policy);
        assertThat(rule.getFrom().get(0).getNamespaceSelector()).isNull();
        assertThat(rule.getFrom().get(0).getIpBlock()).isNull();
        assertThat(rendered.selectedBy(rule.getFrom().get(0).getPodSelector()))
                .containsOnlyKeys("CronJob/sync-spotify");
        assertThat(rule.getPorts()).extracting(p -> resolve(p.getPort(), sync))
                .containsExactly(ServicesMatchCodeTest.httpPort(sync).getContainerPort());
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void onlyLavalinkPodsReachTheTokenerAndOnlyOnItsHttpPort(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        NetworkPolicy policy = policyFor(rendered, "Deployment/tokener-service");
        Container tokener = rendered.container("tokener-service");

        NetworkPolicyIngressRule rule = onlyIngressRule(policy);
        assertThat(rule.getFrom().get(0).getPodSelector().getMatchLabels()).isEqualTo(LAVALINK);
        assertThat(rendered.selectedBy(rule.getFrom().get(0).getPodSelector()))
                .as("no pod of ours poses as Lavalink").isEmpty();
        assertThat(rule.getPorts()).extracting(p -> resolve(p.getPort(), tokener)).containsExactly(3000);
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void theCronJobCanReachTheSyncServicesPodsOnTheirHttpPort(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        NetworkPolicy policy = policyFor(rendered, "CronJob/sync-spotify");
        Container sync = rendered.container("sync-service");

        assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
        assertThat(policy.getSpec().getEgress()).anySatisfy(rule -> {
            assertThat(rule.getTo()).extracting(NetworkPolicyPeer::getPodSelector)
                    .anySatisfy(selector -> assertThat(rendered.selectedBy(selector))
                            .containsOnlyKeys("Deployment/sync-service"));
            assertThat(rule.getPorts()).extracting(p -> resolve(p.getPort(), sync))
                    .contains(ServicesMatchCodeTest.httpPort(sync).getContainerPort());
        });
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void everyPodKeepsTheEgressItNeeds(String overlay) {
        Rendered rendered = Rendered.of(overlay);

        assertThat(openPorts(policyFor(rendered, "Deployment/sync-service"))).as("sync-service: DNS, Spotify, Postgres")
                .contains("UDP/53", "TCP/53", "TCP/443", "TCP/5432");
        assertThat(openPorts(policyFor(rendered, "Deployment/tokener-service"))).as("tokener: DNS, Spotify web player")
                .contains("UDP/53", "TCP/53", "TCP/443");
        assertThat(openPorts(policyFor(rendered, "CronJob/sync-spotify"))).as("cron: DNS")
                .contains("UDP/53", "TCP/53");
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void everyPeerSelectorSelectsPodsThatExist(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        for (NetworkPolicy policy : rendered.networkPolicies()) {
            List<NetworkPolicyPeer> peers = new java.util.ArrayList<>();
            policy.getSpec().getIngress().forEach(rule -> peers.addAll(rule.getFrom()));
            policy.getSpec().getEgress().forEach(rule -> peers.addAll(rule.getTo()));
            for (NetworkPolicyPeer peer : peers) {
                LabelSelector selector = peer.getPodSelector();
                if (selector == null || LAVALINK.equals(selector.getMatchLabels())) {
                    continue;
                }
                assertThat(rendered.selectedBy(selector)).as("peer of %s: %s", policy.getMetadata().getName(),
                        selector.getMatchLabels()).isNotEmpty();
            }
        }
    }

    /** The policy's one ingress rule, which admits one peer. */
    private static NetworkPolicyIngressRule onlyIngressRule(NetworkPolicy policy) {
        assertThat(policy.getSpec().getIngress()).hasSize(1);
        NetworkPolicyIngressRule rule = policy.getSpec().getIngress().get(0);
        assertThat(rule.getFrom()).hasSize(1);
        return rule;
    }

    /** "PROTOCOL/port" of every egress port open to any destination (rules without a "to"). */
    private static Set<String> openPorts(NetworkPolicy policy) {
        return policy.getSpec().getEgress().stream()
                .filter(rule -> rule.getTo() == null || rule.getTo().isEmpty())
                .map(NetworkPolicyEgressRule::getPorts).flatMap(List::stream)
                .map(port -> Objects.requireNonNullElse(port.getProtocol(), "TCP") + "/" + port.getPort().getIntVal())
                .collect(Collectors.toSet());
    }

    private static NetworkPolicy policyFor(Rendered rendered, String workload) {
        PodTemplateSpec template = rendered.podTemplates().get(workload);
        return rendered.networkPolicies().stream()
                .filter(p -> Rendered.matches(p.getSpec().getPodSelector(), template.getMetadata().getLabels()))
                .findFirst().orElseThrow(() -> new AssertionError("no NetworkPolicy selects " + workload));
    }

    private static int resolve(IntOrString port, Container container) {
        return ServicesMatchCodeTest.resolve(port, container);
    }
}
