package io.tempo.tokener.token;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.tempo.tokener.browser.SafeMessages;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Keeps tokens ready before anyone asks: the anonymous one is fetched at start-up (readiness waits for it), and
 * tokens due a renewal are refreshed ahead of their expiry even when nobody asks for them, so callers never wait.
 */
@ApplicationScoped
public class TokenRefreshScheduler {

    private static final Logger LOG = Logger.getLogger(TokenRefreshScheduler.class);

    private final TokenService tokens;

    TokenRefreshScheduler(TokenService tokens) {
        this.tokens = tokens;
    }

    /** After the browser's own start-up observer, so this fetch queues right behind the launch. */
    void fetchAtStartup(@Observes @Priority(20) StartupEvent event) {
        tokens.warmUp().whenComplete((token, error) -> {
            if (error != null) {
                LOG.warnf("No token yet at start-up (%s); readiness stays down until one is fetched",
                        SafeMessages.of(error));
            }
        });
    }

    @Scheduled(identity = "token-warm-up-retry", every = "${tokener.cache.warm-up-retry-interval}",
            delay = 30, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void retryWarmUp() {
        if (tokens.startAnonymousFetchIfMissing()) {
            LOG.info("No anonymous token cached; fetching one");
        }
    }

    @Scheduled(identity = "token-refresh-check", every = "${tokener.cache.check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void checkTokens() {
        int started = tokens.refreshDueTokens();
        if (started > 0) {
            LOG.infof("Scheduled check started %d token refresh(es)", started);
        }
    }
}
