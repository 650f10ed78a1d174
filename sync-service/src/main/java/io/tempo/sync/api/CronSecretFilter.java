package io.tempo.sync.api;

import io.tempo.common.Secrets;
import io.tempo.sync.config.SyncConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * Lets a request through when it presents the cron secret as {@code Authorization: Bearer <secret>}
 * (Kubernetes CronJobs, curl) or {@code x-vercel-cron-secret: <secret>} (Vercel-style schedulers).
 * When both headers are sent, one matching is enough: a proxy or platform may add its own
 * {@code Authorization} header, and a caller that knows the secret is who we let in either way.
 * Both comparisons always run, in constant time. No secret configured: 503, never open.
 */
@Provider
@CronSecured
@Priority(Priorities.AUTHENTICATION)
public class CronSecretFilter implements ContainerRequestFilter {

    static final String VERCEL_HEADER = "x-vercel-cron-secret";

    // Filters are built at static init, before runtime configuration exists: look it up per request.
    private final Instance<SyncConfig> config;

    CronSecretFilter(Instance<SyncConfig> config) {
        this.config = config;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String> secret = config.get().cronSecret().filter(value -> !value.isBlank());
        if (secret.isEmpty()) {
            request.abortWith(ErrorEnvelope.response(Response.Status.SERVICE_UNAVAILABLE.getStatusCode(),
                    "Cron endpoint disabled: CRON_SECRET is not configured"));
            return;
        }
        boolean bearerMatches = Secrets.constantTimeEquals(bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION)),
                secret.get());
        boolean vercelMatches = Secrets.constantTimeEquals(request.getHeaderString(VERCEL_HEADER), secret.get());
        if (!(bearerMatches | vercelMatches)) {
            request.abortWith(ErrorEnvelope.response(Response.Status.UNAUTHORIZED.getStatusCode(), "Unauthorized"));
        }
    }

    static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = value.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}
