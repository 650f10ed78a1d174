package io.tempo.tokener.browser;

import com.microsoft.playwright.Playwright;

/**
 * A running Playwright with its Node driver process. Outlives the browsers it launches: after Chromium dies
 * the next one is launched from the same driver, which saves starting Node again.
 *
 * @param process the driver's process, null when it could not be found
 */
record PlaywrightDriver(Playwright playwright, ProcessHandle process) {

    boolean alive() {
        return process == null || process.isAlive();
    }

    /** Closes the driver (and so its browsers); kills what does not go by itself. Never throws. */
    void close() {
        try {
            playwright.close();
        } catch (RuntimeException e) {
            // A driver that is already gone cannot be closed politely.
        }
        kill();
    }

    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
