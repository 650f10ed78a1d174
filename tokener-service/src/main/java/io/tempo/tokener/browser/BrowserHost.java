package io.tempo.tokener.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.ServiceWorkerPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tempo.tokener.config.TokenerConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Owns Playwright and the one warm Chromium. Playwright is not thread-safe, so a single thread does every call
 * on it; callers hand work to that thread with {@link #withPage} and get a future.
 *
 * <ul>
 *   <li>Chromium is launched at start-up (or adopted from {@link EarlyLaunch}) without holding start-up up: if
 *       it cannot be launched the service still starts and launching is retried.</li>
 *   <li>Each piece of work gets a page of its own fresh context. With {@code spare-page} on, the next one is
 *       opened right after the previous work's result is handed over, so work starts with a page ready.</li>
 *   <li>Every task is bounded by {@link CallWatchdog}: a call that outlives its bound, or that waits on a
 *       Chromium that died, is ended by killing Playwright's driver, and the next task starts a new one.</li>
 *   <li>A crashed or disconnected browser is noticed from its process exit and relaunched; a task that arrives
 *       first relaunches it itself.</li>
 * </ul>
 */
@ApplicationScoped
public class BrowserHost {

    private static final Logger LOG = Logger.getLogger(BrowserHost.class);

    /** The flags every Chromium launch needs (a container without a sandbox, no background traffic). */
    public static final List<String> CHROMIUM_ARGS = ChromiumLauncher.REQUIRED_ARGS;

    /** Playwright would otherwise try to download its own browsers when it starts its driver. */
    public static final Map<String, String> PLAYWRIGHT_ENV = ChromiumLauncher.PLAYWRIGHT_ENV;

    private static final long SHUTDOWN_WAIT_SECONDS = 20;
    /** Relaunch attempts back off up to this, so a missing Chromium does not flood the log. */
    private static final long MAX_RELAUNCH_DELAY_MS = 60_000;
    /** After this many failed launches in a row the Node driver is restarted too. */
    private static final int FAILURES_BEFORE_NEW_DRIVER = 3;

    private final TokenerConfig.Browser config;
    private final ScheduledExecutorService browserThread = EarlyLaunch.takeThread().orElseGet(BrowserThread::start);
    private final CallWatchdog watchdog;
    private final Counter launchCounter;
    private final Counter relaunchCounter;
    private final Counter driverRestarts;

    // Touched only on the browser thread.
    private PlaywrightDriver playwright;
    private LaunchedBrowser current;
    private SparePage spare;

    // Published for other threads.
    private volatile ProcessHandle process;
    private volatile ProcessHandle driver;
    private volatile int generation;
    private volatile boolean connected;
    private volatile boolean stopping;
    private volatile String version;
    private volatile String lastLaunchError;
    private final AtomicInteger launches = new AtomicInteger();
    private final AtomicInteger failedLaunchesInARow = new AtomicInteger();
    private final AtomicBoolean relaunchScheduled = new AtomicBoolean();

    BrowserHost(TokenerConfig config, MeterRegistry registry) {
        this.config = config.browser();
        this.watchdog = new CallWatchdog(() -> process, this::endStuckCall);
        this.launchCounter = Counter.builder("tokener.browser.launches")
                .description("Chromium launches, the first one included").register(registry);
        this.relaunchCounter = Counter.builder("tokener.browser.relaunches")
                .description("Chromium launches after a crash, a disconnect or a failed launch").register(registry);
        this.driverRestarts = Counter.builder("tokener.browser.stuck.calls")
                .description("Browser calls ended from outside because they outlived their bound or their browser")
                .register(registry);
        Gauge.builder("tokener.browser.connected", this, host -> host.connected ? 1 : 0)
                .description("1 while the warm Chromium is up").register(registry);
    }

    /** Before the token service's start-up fetch, which queues behind this launch on the browser thread. */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        browserThread.execute(this::launchOrRetryLater);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        try {
            browserThread.submit(this::closeAll).get(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("Chromium did not close cleanly: %s", SafeMessages.of(e));
            killIfAlive(driver);
            killIfAlive(process);
        } finally {
            watchdog.close();
            browserThread.shutdownNow();
        }
    }

    /**
     * Runs {@code work} on the browser thread with a page of a fresh context, launching Chromium first if
     * needed. The future completes as soon as the work returns; the context is closed after that. It fails with
     * {@link BrowserUnavailableException} when no browser can be had, and fails at once without touching the
     * browser when {@code abandoned} says the result is no longer wanted by the time the task starts.
     *
     * @param boundMs the longest the work may take; past it (plus the call timeout) it is ended from outside
     */
    public <T> CompletableFuture<T> withPage(long boundMs, BooleanSupplier abandoned, Function<Page, T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            browserThread.execute(() -> runTask(boundMs, abandoned, work, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new BrowserUnavailableException("The service is shutting down", e));
        }
        return result;
    }

    public boolean isConnected() {
        return connected;
    }

    public BrowserState state() {
        ProcessHandle browserProcess = process;
        return new BrowserState(connected, launches.get(), browserProcess == null ? null : browserProcess.pid(),
                version, config.executablePath(), lastLaunchError, (long) driverRestarts.count());
    }

    private <T> void runTask(long boundMs, BooleanSupplier abandoned, Function<Page, T> work,
            CompletableFuture<T> result) {
        if (abandoned.getAsBoolean()) {
            result.completeExceptionally(new TokenFetchException("Given up before it started"));
            return;
        }
        Page page = null;
        try {
            watchdog.arm(config.launchTimeout().toMillis() + config.callTimeout().toMillis());
            LaunchedBrowser browser = ensureBrowser();
            watchdog.arm(config.callTimeout().toMillis());
            page = takePage(browser);
            watchdog.arm(boundMs + config.callTimeout().toMillis());
            result.complete(work.apply(page));
        } catch (RuntimeException e) {
            result.completeExceptionally(watchdog.endedCurrentTask()
                    ? new TokenFetchException("The browser stopped answering and was restarted", e) : e);
        } finally {
            // The caller has its answer; what follows only tidies up and gets the next page ready.
            afterTask(page);
        }
    }

    private void afterTask(Page page) {
        try {
            if (watchdog.endedCurrentTask()) {
                discardAll();
                return;
            }
            if (current != null && !current.usable()) {
                discardBrowser(); // before anything else waits on it
                return;
            }
            watchdog.arm(config.callTimeout().toMillis());
            if (page != null) {
                closeQuietly(page.context());
            }
            // A task of its own, so work that queued up meanwhile goes first.
            if (config.sparePage() && !stopping) {
                browserThread.execute(this::openSparePage);
            }
        } catch (RejectedExecutionException e) {
            // shutting down
        } catch (RuntimeException e) {
            LOG.debugf("Getting the next page ready: %s", SafeMessages.of(e));
            discardAllIfEnded();
        } finally {
            watchdog.disarm();
        }
    }

    private void openSparePage() {
        if (stopping || spare != null || current == null || !current.usable()) {
            return;
        }
        try {
            watchdog.arm(config.callTimeout().toMillis());
            spare = SparePage.open(current, newContext(current.browser()));
        } catch (RuntimeException e) {
            LOG.debugf("Opening the spare page: %s", SafeMessages.of(e));
            discardAllIfEnded();
        } finally {
            watchdog.disarm();
        }
    }

    /** The spare page when it belongs to this browser, else a new one. */
    private Page takePage(LaunchedBrowser browser) {
        SparePage ready = spare;
        spare = null;
        if (ready != null && ready.browser() == browser && !ready.page().isClosed()) {
            return ready.page();
        }
        return newContext(browser.browser()).newPage();
    }

    private BrowserContext newContext(Browser browser) {
        return browser.newContext(new Browser.NewContextOptions()
                .setUserAgent(userAgent(browser))
                .setLocale("en-US")
                // Service workers would answer requests where the context's routes do not see them.
                .setServiceWorkers(ServiceWorkerPolicy.BLOCK));
    }

    private LaunchedBrowser ensureBrowser() {
        if (stopping) {
            throw new BrowserUnavailableException("The service is shutting down", null);
        }
        if (current != null && current.usable()) {
            return current;
        }
        if (current != null) {
            LOG.warnf("Chromium (pid %s) is gone; launching a new one", current.pid());
            discardBrowser();
        }
        launch();
        return current;
    }

    private void launch() {
        long started = System.nanoTime();
        try {
            LaunchedBrowser launched = playwright == null ? EarlyLaunch.take(config.executablePath()).orElse(null) : null;
            boolean early = launched != null;
            if (!early) {
                if (playwright == null || !playwright.alive()) {
                    discardAll();
                    playwright = ChromiumLauncher.startDriver(Path.of(config.driverDir()));
                }
                launched = ChromiumLauncher.launch(playwright, config.executablePath(), config.launchTimeout().toMillis());
            }
            playwright = launched.driver();
            int launchedGeneration = generation + 1;
            generation = launchedGeneration;
            current = launched;
            process = launched.process();
            driver = launched.driver().process();
            version = launched.browser().version();
            lastLaunchError = null;
            failedLaunchesInARow.set(0);
            connected = true;
            // Watched only now, so a browser that is already gone is not then marked connected.
            launched.browser().onDisconnected(gone -> onBrowserGone(launchedGeneration));
            if (launched.process() != null) {
                launched.process().onExit().thenRun(() -> onBrowserGone(launchedGeneration));
            }
            launchCounter.increment();
            if (launches.incrementAndGet() > 1) {
                relaunchCounter.increment();
            }
            LOG.infof("Chromium %s launched in %d ms%s (pid %s)", version, launched.launchMs(),
                    early ? ", alongside Quarkus' start" : "", launched.pid());
        } catch (RuntimeException e) {
            connected = false;
            lastLaunchError = SafeMessages.of(e);
            int failures = failedLaunchesInARow.incrementAndGet();
            LOG.errorf("Chromium could not be launched from %s after %d ms (%d failed in a row): %s",
                    config.executablePath(), elapsedMs(started), failures, lastLaunchError);
            if (failures % FAILURES_BEFORE_NEW_DRIVER == 0) {
                discardAll(); // in case the driver is the culprit
            }
            throw new BrowserUnavailableException("Chromium could not be launched: " + lastLaunchError, e);
        }
    }

    /** From the watchdog's thread: ends a stuck call by killing the driver (and the browser with it). */
    private void endStuckCall(String reason) {
        driverRestarts.increment();
        connected = false;
        LOG.warnf("Ending a stuck browser call (%s): restarting Playwright's driver", reason);
        killIfAlive(driver);
        killIfAlive(process);
    }

    /** Called from Playwright's thread (disconnect event) or a process watcher (exit). */
    private void onBrowserGone(int goneGeneration) {
        if (goneGeneration != generation || stopping) {
            return;
        }
        if (connected) {
            connected = false;
            LOG.warnf("Chromium (pid %s) exited or disconnected; relaunching in %d ms",
                    process == null ? null : process.pid(), config.relaunchDelay().toMillis());
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
            watchdog.arm(config.launchTimeout().toMillis() + config.callTimeout().toMillis());
            ensureBrowser();
            if (config.sparePage()) {
                browserThread.execute(this::openSparePage);
            }
        } catch (RuntimeException e) {
            discardAllIfEnded();
            scheduleRelaunch();
        } finally {
            watchdog.disarm();
        }
    }

    /** After a failure: a call the watchdog ended took the driver with it, so nothing of the old one is kept. */
    private void discardAllIfEnded() {
        if (watchdog.endedCurrentTask()) {
            discardAll();
        }
    }

    /** Drops the browser but keeps a driver that still runs: the next launch starts from it. */
    private void discardBrowser() {
        connected = false;
        spare = null;
        LaunchedBrowser gone = current;
        current = null;
        process = null;
        if (gone != null) {
            try {
                if (gone.driver().alive() && (gone.process() == null || gone.process().isAlive())) {
                    gone.browser().close();
                }
            } catch (RuntimeException e) {
                LOG.debugf("Closing the old browser: %s", SafeMessages.of(e));
            }
            killIfAlive(gone.process());
        }
    }

    /** Drops the browser and its driver; the next task starts both anew. */
    private void discardAll() {
        discardBrowser();
        PlaywrightDriver gone = playwright;
        playwright = null;
        driver = null;
        if (gone != null) {
            gone.close();
        }
    }

    private void closeAll() {
        discardAll();
        LOG.info("Chromium and Playwright closed");
    }

    private static void closeQuietly(BrowserContext context) {
        try {
            context.close();
        } catch (PlaywrightException e) {
            LOG.debugf("Closing a browser context: %s", SafeMessages.of(e));
        }
    }

    /** Headless Chromium says "HeadlessChrome" in its user agent, which sites treat as a bot. */
    private static String userAgent(Browser browser) {
        String major = browser.version().split("\\.")[0];
        return "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + major
                + ".0.0.0 Safari/537.36";
    }

    private static void killIfAlive(ProcessHandle handle) {
        if (handle != null && handle.isAlive()) {
            handle.destroyForcibly();
        }
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
