package io.tempo.tokener.browser;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one thread that touches Playwright, which is not thread-safe. {@link EarlyLaunch} starts it before Quarkus
 * has started and {@link BrowserHost} adopts it, so the objects launched early are used from the same thread.
 */
final class BrowserThread {

    private BrowserThread() {
    }

    static ScheduledExecutorService start() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tokener-browser");
            thread.setDaemon(true);
            return thread;
        });
    }
}
