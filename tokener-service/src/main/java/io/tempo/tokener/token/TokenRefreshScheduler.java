package io.tempo.tokener.token;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Refreshes tokens ahead of their expiry even when nobody asks for them, so callers never wait. */
@ApplicationScoped
public class TokenRefreshScheduler {

    private static final Logger LOG = Logger.getLogger(TokenRefreshScheduler.class);

    private final TokenService tokens;

    TokenRefreshScheduler(TokenService tokens) {
        this.tokens = tokens;
    }

    @Scheduled(identity = "token-refresh-check", every = "${tokener.cache.check-interval:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void checkTokens() {
        int started = tokens.refreshDueTokens();
        if (started > 0) {
            LOG.infof("Scheduled check started %d token refresh(es)", started);
        }
    }
}
