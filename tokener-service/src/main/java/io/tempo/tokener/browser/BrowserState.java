package io.tempo.tokener.browser;

/**
 * What {@code /health} and readiness report about Chromium.
 *
 * @param connected a launched browser is up and talking to Playwright
 * @param launches how often Chromium was launched since start-up (relaunches included)
 * @param pid the browser's process id, when it could be found
 * @param version Chromium's version, once launched
 * @param executablePath the executable that is launched
 * @param lastLaunchError why the last launch failed, null after a good one
 */
public record BrowserState(boolean connected, int launches, Long pid, String version, String executablePath,
        String lastLaunchError) {
}
