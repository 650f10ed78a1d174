package io.tempo.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** The Deployments and Services use the ports, health endpoints and settings the services' code really has. */
class ServicesMatchCodeTest {

    /** Deployment name to the Maven module whose code it runs. */
    static final Map<String, String> DEPLOYMENTS = Map.of(
            "sync-service", "sync-service",
            "tokener-service", "tokener-service");

    /** Variables read by the JVM, the image or a library rather than by application.properties. */
    static final Set<String> RUNTIME_VARIABLES = Set.of("JDK_JAVA_OPTIONS", "HOME", "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD");

    @Test
    void routesAreEveryOperationOfEveryPathOfTheOpenApiDocument() throws Exception {
        JsonNode document = new ObjectMapper().readTree("""
                {"openapi": "3.1.0", "paths": {
                  "/api/things": {"summary": "things", "parameters": [], "get": {}, "post": {}},
                  "/api/things/{id}/refresh": {"post": {}}}}
                """);

        assertThat(ServiceFacts.routes(document))
                .containsExactlyInAnyOrder("GET /api/things", "POST /api/things", "POST /api/things/{id}/refresh");
    }

    @Test
    void theRoutesAreTheServicesOwnAndNotThoseOfTheRestClientsItCalls() {
        Set<String> sync = ServiceFacts.of("sync-service").routes();

        assertThat(sync).contains("POST /api/cron/sync-spotify", "GET /api/cron/sync-spotify/runs");
        // SpotifyWebApi and SpotifyAccountsApi declare Spotify's paths, which the service calls and never serves.
        assertThat(sync).doesNotContain("GET /v1/me/player/recently-played", "GET /v1/me", "POST /api/token");
    }

    @Test
    void theServicesServeTheRoutesTheManifestsAndLavaSrcRelyOn() {
        assertThat(ServiceFacts.of("sync-service").routes()).contains("GET /api/cron/sync-spotify");
        assertThat(ServiceFacts.of("tokener-service").routes()).contains("GET /api/token", "GET /health");
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void eachContainerListensOnItsServicesHttpPort(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        DEPLOYMENTS.forEach((deployment, module) -> {
            Container container = rendered.container(deployment);

            assertThat(httpPort(container).getContainerPort()).as("%s container port", deployment)
                    .isEqualTo(ServiceFacts.of(module).httpPort());
        });
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void probesCallTheServicesHealthEndpointsOnTheirHttpPort(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        DEPLOYMENTS.forEach((deployment, module) -> {
            ServiceFacts facts = ServiceFacts.of(module);
            Container container = rendered.container(deployment);

            assertProbe(container, container.getStartupProbe(), "/q/health/started", facts);
            assertProbe(container, container.getLivenessProbe(), "/q/health/live", facts);
            assertProbe(container, container.getReadinessProbe(), "/q/health/ready", facts);
        });
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void eachServiceSendsItsPortToTheHttpPortOfExactlyItsDeploymentsPods(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Map<String, String> serviceToDeployment = Map.of("sync-service", "sync-service", "tokener", "tokener-service");
        serviceToDeployment.forEach((serviceName, deployment) -> {
            Service service = rendered.service(serviceName);
            Container container = rendered.container(deployment);
            ServicePort port = service.getSpec().getPorts().get(0);

            assertThat(rendered.selectedBy(service)).as("pods behind Service %s", serviceName)
                    .containsOnlyKeys("Deployment/" + deployment);
            assertThat(resolve(port.getTargetPort(), container)).as("target port of Service %s", serviceName)
                    .isEqualTo(httpPort(container).getContainerPort());
            // Callers use the same number as the service's own documentation (8080, 3000).
            assertThat(port.getPort()).isEqualTo(httpPort(container).getContainerPort());
        });
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void lavaSrcsDocumentedEndpointResolvesInTheNamespace(String overlay) {
        // docs/ARCHITECTURE.md and the README: spotify.customTokenEndpoint: "http://tokener:3000/api/token"
        Service tokener = Rendered.of(overlay).service("tokener");

        assertThat(tokener.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(3000);
        assertThat(ServiceFacts.of("tokener-service").httpPort()).isEqualTo(3000);
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void everyVariableGivenToAServiceIsOneItReads(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        DEPLOYMENTS.forEach((deployment, module) -> {
            Set<String> known = ServiceFacts.of(module).environmentVariables();
            Container container = rendered.container(deployment);

            List<String> unknown = container.getEnv().stream().map(EnvVar::getName)
                    .filter(name -> !known.contains(name) && !RUNTIME_VARIABLES.contains(name)).toList();

            assertThat(unknown).as("variables given to %s that %s never reads", deployment, module).isEmpty();
        });
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void theSyncServiceGetsEverySettingDesignMakesRequired(String overlay) {
        Container sync = Rendered.of(overlay).container("sync-service");

        assertThat(sync.getEnv()).extracting(EnvVar::getName)
                .contains("CRON_SECRET", "SPOTIFY_CLIENT_ID", "SPOTIFY_CLIENT_SECRET", "DATABASE_URL");
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void theTokenerLaunchesTheChromiumItsImageInstalls(String overlay) {
        Container tokener = Rendered.of(overlay).container("tokener-service");

        assertThat(tokener.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .contains(tuple("CHROMIUM_PATH", "/usr/bin/chromium"),
                        tuple("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
    }

    private static void assertProbe(Container container, Probe probe, String path, ServiceFacts facts) {
        assertThat(probe).as("%s probe for %s", container.getName(), path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path).isIn(facts.healthPaths());
        assertThat(resolve(probe.getHttpGet().getPort(), container)).as("port of %s", path)
                .isEqualTo(facts.httpPort());
    }

    static ContainerPort httpPort(Container container) {
        return container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port named http"));
    }

    /** A port given by number or by the name of one of the container's ports. */
    static int resolve(IntOrString port, Container container) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).findFirst()
                .map(ContainerPort::getContainerPort)
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + port.getStrVal()));
    }
}
