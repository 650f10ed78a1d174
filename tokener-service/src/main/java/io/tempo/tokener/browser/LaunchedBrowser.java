package io.tempo.tokener.browser;

import com.microsoft.playwright.Browser;

/**
 * One Playwright driver with the Chromium it launched. Used only on the browser thread.
 *
 * @param process Chromium's main process, null when it could not be found
 */
record LaunchedBrowser(PlaywrightDriver driver, Browser browser, ProcessHandle process, String executablePath,
        long launchMs) {

    /** Chromium still talks to Playwright and its process still runs. */
    boolean usable() {
        return driver.alive() && browser.isConnected() && (process == null || process.isAlive());
    }

    Long pid() {
        return process == null ? null : process.pid();
    }
}
