package io.tempo.tokener.browser;

/**
 * What {@code /health} and the status endpoint report about Chromium.
 *
 * @param connected a launched browser is up and talking to Playwright
 * @param launches how often Chromium was launched since start-up (relaunches included)
 * @param pid the browser's process id, when it could be found
 * @param version Chromium's version, once launched
 * @param executablePath the executable that is launched
 * @param lastLaunchError why the last launch failed, null after a good one
 * @param stuckCallsEnded browser calls that outlived their bound or their browser and were ended from outside
 */
public record BrowserState(boolean connected, int launches, Long pid, String version, String executablePath,
        String lastLaunchError, long stuckCallsEnded) {
}
