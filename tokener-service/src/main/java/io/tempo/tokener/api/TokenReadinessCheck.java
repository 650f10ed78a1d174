package io.tempo.tokener.api;

import io.tempo.tokener.browser.BrowserHost;
import io.tempo.tokener.browser.BrowserState;
import io.tempo.tokener.token.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once an anonymous token is cached: LavaSrc allows 3 s and a fetch may take longer, so a rolling update
 * must not send it to a tokener that would have to fetch first. Liveness does not depend on it, so the pod
 * starts and stays up while Spotify is unreachable, and becomes ready when a token comes.
 */
@Readiness
@ApplicationScoped
public class TokenReadinessCheck implements HealthCheck {

    static final String NAME = "anonymous-token";

    private final TokenService tokens;
    private final BrowserHost browser;

    TokenReadinessCheck(TokenService tokens, BrowserHost browser) {
        this.tokens = tokens;
        this.browser = browser;
    }

    @Override
    public HealthCheckResponse call() {
        BrowserState state = browser.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(tokens.hasUsableAnonymousToken())
                .withData("browserConnected", state.connected())
                .withData("launches", state.launches());
        if (state.lastLaunchError() != null) {
            response.withData("lastLaunchError", state.lastLaunchError());
        }
        return response.build();
    }
}
