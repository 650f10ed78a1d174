package io.tempo.sync.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A WireMock server on a dynamic port that plays both Spotify hosts (Web API under {@code /v1}, accounts
 * under {@code /api/token} and {@code /authorize}); the service's Spotify URLs point at it. Tests get
 * the server through an {@link InjectWireMock} field and reset it before each test.
 */
public class WireMockResource implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options()
                .dynamicPort()
                // Slow stubs (fixed delays) must not hold the threads every concurrent user needs.
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(16)
                .containerThreads(64));
        server.start();
        return Map.of(
                "sync.spotify.api-url", server.baseUrl(),
                "sync.spotify.accounts-url", server.baseUrl());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
