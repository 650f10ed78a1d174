package io.tempo.tokener.browser;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts Playwright's driver and Chromium the moment the process starts, while Quarkus itself is still starting
 * (each takes about a second, and they overlap), so the first token is fetched as soon as the service is up.
 * Settings come from the environment, as Quarkus' own are not read yet; {@link BrowserHost} adopts the browser
 * only if its configured executable is the same, and launches its own otherwise.
 */
public final class EarlyLaunch {

    private static volatile CompletableFuture<LaunchedBrowser> launch;
    private static volatile ScheduledExecutorService thread;

    private EarlyLaunch() {
    }

    /** Called first thing in {@code main}. Never throws: a failed early launch is retried by {@link BrowserHost}. */
    public static void start() {
        String executable = env("TOKENER_BROWSER_EXECUTABLE_PATH", env("CHROMIUM_PATH", "/usr/bin/chromium"));
        Path driverParent = Path.of(env("TOKENER_BROWSER_DRIVER_DIR",
                System.getProperty("java.io.tmpdir") + "/tempo-tokener"));
        long launchTimeoutMs = 30_000;
        thread = BrowserThread.start();
        launch = CompletableFuture.supplyAsync(
                () -> ChromiumLauncher.startAndLaunch(driverParent, executable, launchTimeoutMs), thread);
    }

    /**
     * On the browser thread: the early browser, if it was launched with {@code executablePath}; a different one
     * is closed. Empty when there was none or it failed. Gives it out once.
     */
    static Optional<LaunchedBrowser> take(String executablePath) {
        CompletableFuture<LaunchedBrowser> early = launch;
        launch = null;
        if (early == null) {
            return Optional.empty();
        }
        try {
            // Done already: it ran on this same thread before the task that asks.
            LaunchedBrowser launched = early.get(0, TimeUnit.MILLISECONDS);
            if (launched.executablePath().equals(executablePath) && launched.usable()) {
                return Optional.of(launched);
            }
            launched.driver().close();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    /** The browser thread the early launch ran on, handed over once; empty when there was no early launch. */
    static Optional<ScheduledExecutorService> takeThread() {
        ScheduledExecutorService started = thread;
        thread = null;
        return Optional.ofNullable(started);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
