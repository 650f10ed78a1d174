package io.tempo.tokener.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tempo.tokener.config.TokenerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Owns Playwright and the one warm Chromium. Playwright is not thread-safe, so a single thread does
 * every call on it; callers hand work to that thread with {@link #withBrowser} and get a future.
 *
 * <p>Chromium is launched at start-up without holding the start-up up: if it cannot be launched the
 * service still starts (readiness stays down) and launching is retried. A crashed or disconnected browser
 * is noticed from its process exit and relaunched; a request that arrives first relaunches it itself.
 */
@ApplicationScoped
public class BrowserHost {

    private static final Logger LOG = Logger.getLogger(BrowserHost.class);

    /** Headless Chromium otherwise reaches out to Google's services at start and in the background. */
    public static final List<String> CHROMIUM_ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run");

    /** Playwright would otherwise try to download its own browsers when it starts its driver. */
    public static final Map<String, String> PLAYWRIGHT_ENV = Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

    private static final long CLOSE_WAIT_SECONDS = 10;
    private static final long SHUTDOWN_WAIT_SECONDS = 20;
    /** After this many failed launches in a row the Node driver is restarted too, in case it is the culprit. */
    private static final int FAILURES_BEFORE_NEW_DRIVER = 3;
    /** Relaunch attempts back off up to this, so a missing Chromium does not flood the log. */
    private static final long MAX_RELAUNCH_DELAY_MS = 60_000;

    private final TokenerConfig.Browser config;
    private final ScheduledExecutorService browserThread;
    private final Counter launchCounter;
    private final Counter relaunchCounter;

    // Touched only on the browser thread.
    private Playwright playwright;
    private Browser browser;
    private volatile ProcessHandle process; // read by the shutdown fallback too

    // Published for other threads.
    private volatile int generation;
    private volatile boolean connected;
    private volatile boolean stopping;
    private volatile Long pid;
    private volatile String version;
    private volatile String lastLaunchError;
    private final AtomicInteger launches = new AtomicInteger();
    private final AtomicInteger failedLaunchesInARow = new AtomicInteger();
    private final AtomicBoolean relaunchScheduled = new AtomicBoolean();

    BrowserHost(TokenerConfig config, MeterRegistry registry) {
        this.config = config.browser();
        this.browserThread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tokener-browser");
            thread.setDaemon(true);
            return thread;
        });
        this.launchCounter = Counter.builder("tokener.browser.launches")
                .description("Chromium launches, the first one included").register(registry);
        this.relaunchCounter = Counter.builder("tokener.browser.relaunches")
                .description("Chromium launches after a crash, a disconnect or a failed launch").register(registry);
        Gauge.builder("tokener.browser.connected", this, host -> host.connected ? 1 : 0)
                .description("1 while the warm Chromium is up").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        browserThread.execute(this::launchOrRetryLater);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        try {
            browserThread.submit(this::closeAll).get(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("Chromium did not close cleanly: %s", SafeMessages.of(e));
            ProcessHandle leftover = process;
            if (leftover != null && leftover.isAlive()) {
                leftover.destroyForcibly();
            }
        } finally {
            browserThread.shutdownNow();
        }
    }

    /**
     * Runs {@code work} on the browser thread with a connected browser, launching one first if needed.
     * The future fails with {@link BrowserUnavailableException} when no browser can be had.
     */
    public <T> CompletableFuture<T> withBrowser(Function<Browser, T> work) {
        try {
            return CompletableFuture.supplyAsync(() -> work.apply(ensureBrowser()), browserThread);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(
                    new BrowserUnavailableException("The service is shutting down", e));
        }
    }

    public boolean isConnected() {
        return connected;
    }

    public BrowserState state() {
        return new BrowserState(connected, launches.get(), pid, version, config.executablePath(), lastLaunchError);
    }

    private Browser ensureBrowser() {
        if (stopping) {
            throw new BrowserUnavailableException("The service is shutting down", null);
        }
        if (browser != null && browser.isConnected() && (process == null || process.isAlive())) {
            return browser;
        }
        if (browser != null) {
            LOG.warnf("Chromium (pid %s) is gone; launching a new one", pid);
            discardBrowser();
        }
        launch();
        return browser;
    }

    private void launch() {
        long started = System.nanoTime();
        try {
            if (playwright == null) {
                playwright = Playwright.create(new Playwright.CreateOptions().setEnv(PLAYWRIGHT_ENV));
            }
            Set<Long> before = ChromiumProcesses.browserPids();
            Browser launched = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(Path.of(config.executablePath()))
                    .setHeadless(true)
                    .setArgs(CHROMIUM_ARGS)
                    .setTimeout(config.launchTimeout().toMillis()));
            int launchedGeneration = generation + 1;
            generation = launchedGeneration;
            browser = launched;
            ProcessHandle launchedProcess = ChromiumProcesses.newBrowserProcess(before).orElse(null);
            process = launchedProcess;
            pid = launchedProcess == null ? null : launchedProcess.pid();
            version = launched.version();
            lastLaunchError = null;
            failedLaunchesInARow.set(0);
            connected = true;
            // Watched only now, so a browser that is already gone is not then marked connected.
            launched.onDisconnected(gone -> onBrowserGone(launchedGeneration));
            if (launchedProcess != null) {
                launchedProcess.onExit().thenRun(() -> onBrowserGone(launchedGeneration));
            }
            launchCounter.increment();
            if (launches.incrementAndGet() > 1) {
                relaunchCounter.increment();
            }
            LOG.infof("Chromium %s launched in %d ms (pid %s)", version, elapsedMs(started), pid);
        } catch (RuntimeException e) {
            connected = false;
            lastLaunchError = SafeMessages.of(e);
            int failures = failedLaunchesInARow.incrementAndGet();
            LOG.errorf("Chromium could not be launched from %s after %d ms (%d failed in a row): %s",
                    config.executablePath(), elapsedMs(started), failures, lastLaunchError);
            if (failures % FAILURES_BEFORE_NEW_DRIVER == 0) {
                closePlaywright();
            }
            throw new BrowserUnavailableException("Chromium could not be launched: " + lastLaunchError, e);
        }
    }

    /** Called from Playwright's thread (disconnect event) or a process watcher (exit). */
    private void onBrowserGone(int goneGeneration) {
        if (goneGeneration != generation || stopping) {
            return;
        }
        if (connected) {
            connected = false;
            LOG.warnf("Chromium (pid %s) exited or disconnected; relaunching in %d ms",
                    pid, config.relaunchDelay().toMillis());
        }
        scheduleRelaunch();
    }

    private void scheduleRelaunch() {
        if (stopping || !relaunchScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            browserThread.schedule(() -> {
                relaunchScheduled.set(false);
                launchOrRetryLater();
            }, relaunchDelayMs(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            relaunchScheduled.set(false);
        }
    }

    /** The configured delay after a crash; doubled for each launch that failed in a row since. */
    private long relaunchDelayMs() {
        long delay = config.relaunchDelay().toMillis();
        for (int i = 1; i < failedLaunchesInARow.get() && delay < MAX_RELAUNCH_DELAY_MS; i++) {
            delay *= 2;
        }
        return Math.min(delay, Math.max(MAX_RELAUNCH_DELAY_MS, config.relaunchDelay().toMillis()));
    }

    private void launchOrRetryLater() {
        if (stopping) {
            return;
        }
        try {
            ensureBrowser();
        } catch (RuntimeException e) {
            scheduleRelaunch();
        }
    }

    private void discardBrowser() {
        connected = false;
        try {
            browser.close();
        } catch (RuntimeException e) {
            LOG.debugf("Closing the old browser: %s", SafeMessages.of(e));
        }
        killIfAlive(process);
        browser = null;
        process = null;
        pid = null;
    }

    private void closeAll() {
        connected = false;
        if (browser != null) {
            discardBrowser();
        }
        closePlaywright();
        LOG.info("Chromium and Playwright closed");
    }

    private void closePlaywright() {
        if (playwright == null) {
            return;
        }
        try {
            playwright.close();
        } catch (RuntimeException e) {
            LOG.debugf("Closing Playwright: %s", SafeMessages.of(e));
        }
        playwright = null;
    }

    /** A closed browser exits by itself within moments; one that does not must not be left behind. */
    private static void killIfAlive(ProcessHandle handle) {
        if (handle == null) {
            return;
        }
        try {
            handle.onExit().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        } catch (Exception e) {
            LOG.warnf("Chromium (pid %d) did not exit; killing it", handle.pid());
            handle.destroyForcibly();
        }
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
