package io.tempo.tokener.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the {@link FakeWebPlayer} and points the tokener at it, with timings small enough for tests
 * (the defaults are 15 s per attempt and 1 s/2 s/4 s backoff).
 */
public class FakeWebPlayerResource implements QuarkusTestResourceLifecycleManager {

    private FakeWebPlayer player;

    @Override
    public Map<String, String> start() {
        player = FakeWebPlayer.start();
        return Map.of(
                "tokener.web-player-url", player.url(),
                "tokener.fetch.timeout", "6s",
                "tokener.fetch.initial-backoff", "150ms",
                "tokener.fetch.max-backoff", "600ms",
                "tokener.fetch.overall-timeout", "30s",
                "tokener.fetch.blocked-hosts", FakeWebPlayer.ANALYTICS_HOST + ",www.google-analytics.com",
                "tokener.cache.max-account-tokens", "3",
                // Tests run the scheduled check themselves, at the moment they choose.
                "tokener.cache.check-interval", "off",
                "tokener.browser.relaunch-delay", "200ms");
    }

    @Override
    public void stop() {
        if (player != null) {
            player.stop();
        }
    }
}
