package io.tempo.tokener.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Starts Playwright's driver and launches Chromium with the flags the tokener needs. Free of CDI and config so
 * that {@link EarlyLaunch} can use it before Quarkus has started.
 */
final class ChromiumLauncher {

    /** The flags every launch uses: no sandbox (containers), and no background traffic to Google. */
    static final List<String> REQUIRED_ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run");

    /**
     * Flags that only save memory and start-up time: one renderer at most (a fetch uses one page at a time),
     * the GPU and network services inside the browser process instead of processes of their own, and none of the
     * features a headless token fetch never uses. Not {@code --no-zygote}: measured, it saves two small processes
     * but makes every new page start its renderer from scratch, 2-3 times slower. Not {@code --single-process}:
     * Playwright's contexts crash it.
     */
    static final List<String> LEAN_ARGS = List.of(
            "--renderer-process-limit=1",
            "--in-process-gpu",
            "--disable-extensions",
            "--disable-software-rasterizer",
            "--disable-breakpad",
            "--disable-default-apps",
            "--mute-audio",
            "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,"
                    + "CalculateNativeWinOcclusion,InterestFeedContentSuggestions,BackForwardCache,"
                    + "AutofillServerCommunication,CertificateTransparencyComponentUpdater,PaintHolding,"
                    + "site-per-process,IsolateOrigins",
            "--enable-features=NetworkServiceInProcess2");

    /**
     * Playwright would otherwise try to download its own browsers when it starts its driver. The driver's Node
     * only relays calls and the token answers: a smaller V8 heap saves about 25 MB of its idle memory.
     */
    static final Map<String, String> PLAYWRIGHT_ENV = Map.of(
            "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
            "NODE_OPTIONS", "--max-old-space-size=64 --max-semi-space-size=1");

    private ChromiumLauncher() {
    }

    static List<String> args() {
        List<String> args = new ArrayList<>(REQUIRED_ARGS);
        args.addAll(LEAN_ARGS);
        return args;
    }

    /** Starts Playwright's driver, from the unpacked copy under {@code driverParent} when it can be had. */
    static PlaywrightDriver startDriver(Path driverParent) {
        if (System.getProperty(DriverCache.CLI_DIR_PROPERTY) == null && System.getenv("PLAYWRIGHT_DRIVER_DIR") == null) {
            DriverCache.prepare(driverParent)
                    .ifPresent(dir -> System.setProperty(DriverCache.CLI_DIR_PROPERTY, dir.toString()));
        }
        Set<Long> driversBefore = ChromiumProcesses.driverPids();
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(PLAYWRIGHT_ENV));
        return new PlaywrightDriver(playwright, ChromiumProcesses.newDriverProcess(driversBefore).orElse(null));
    }

    /** Launches Chromium from a running driver. */
    static LaunchedBrowser launch(PlaywrightDriver driver, String executablePath, long launchTimeoutMs) {
        long started = System.nanoTime();
        Set<Long> browsersBefore = ChromiumProcesses.browserPids();
        Browser browser = driver.playwright().chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(executablePath))
                .setHeadless(true)
                .setArgs(args())
                .setTimeout(launchTimeoutMs));
        ProcessHandle process = ChromiumProcesses.newBrowserProcess(browsersBefore).orElse(null);
        return new LaunchedBrowser(driver, browser, process, executablePath,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** A driver and a browser in one go; on a failure nothing is left running. */
    static LaunchedBrowser startAndLaunch(Path driverParent, String executablePath, long launchTimeoutMs) {
        long started = System.nanoTime();
        PlaywrightDriver driver = startDriver(driverParent);
        try {
            LaunchedBrowser launched = launch(driver, executablePath, launchTimeoutMs);
            return new LaunchedBrowser(driver, launched.browser(), launched.process(), executablePath,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
    }
}
