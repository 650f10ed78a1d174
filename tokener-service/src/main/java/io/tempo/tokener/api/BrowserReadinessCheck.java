package io.tempo.tokener.api;

import io.tempo.tokener.browser.BrowserHost;
import io.tempo.tokener.browser.BrowserState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while Chromium is up: without it no token can be fetched. */
@Readiness
@ApplicationScoped
public class BrowserReadinessCheck implements HealthCheck {

    private final BrowserHost browser;

    BrowserReadinessCheck(BrowserHost browser) {
        this.browser = browser;
    }

    @Override
    public HealthCheckResponse call() {
        BrowserState state = browser.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("chromium")
                .status(state.connected())
                .withData("launches", state.launches());
        if (state.pid() != null) {
            response.withData("pid", state.pid());
        }
        if (state.lastLaunchError() != null) {
            response.withData("lastLaunchError", state.lastLaunchError());
        }
        return response.build();
    }
}
