package io.tempo.tokener.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the {@link FakeWebPlayer} and points the tokener at it, with timings small enough for tests
 * (the defaults are 15 s per attempt and 1 s/2 s/4 s backoff) and a request bound of 10 s instead of 2 s.
 */
public class FakeWebPlayerResource implements QuarkusTestResourceLifecycleManager {

    private FakeWebPlayer player;
    private Map<String, String> overrides = Map.of();

    /** {@code @ResourceArg}s of {@code @WithTestResource} are settings that replace or add to the ones below. */
    @Override
    public void init(Map<String, String> initArgs) {
        overrides = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        player = FakeWebPlayer.start();
        Map<String, String> config = new HashMap<>(defaults());
        config.putAll(overrides);
        return config;
    }

    private Map<String, String> defaults() {
        return Map.ofEntries(
                Map.entry("tokener.web-player-url", player.url()),
                Map.entry("tokener.fetch.timeout", "6s"),
                Map.entry("tokener.fetch.initial-backoff", "150ms"),
                Map.entry("tokener.fetch.max-backoff", "600ms"),
                Map.entry("tokener.fetch.overall-timeout", "30s"),
                Map.entry("tokener.fetch.blocked-hosts", FakeWebPlayer.ANALYTICS_HOST + ",www.google-analytics.com"),
                Map.entry("tokener.cache.max-account-tokens", "3"),
                // Tests run the scheduled check themselves, at the moment they choose.
                Map.entry("tokener.cache.check-interval", "off"),
                Map.entry("tokener.cache.warm-up-retry-interval", "off"),
                Map.entry("tokener.browser.relaunch-delay", "200ms"),
                // A fetch takes a few hundred ms, but seconds on a loaded CI machine: tests of caching and accounts
                // expect the first call to wait for it. The tests of the 2 s bound set it back (ResourceArg).
                Map.entry("tokener.request.max-wait", "10s"));
    }

    @Override
    public void stop() {
        if (player != null) {
            player.stop();
        }
    }
}
