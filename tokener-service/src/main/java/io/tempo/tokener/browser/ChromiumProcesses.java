package io.tempo.tokener.browser;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the Chromium that Playwright launched among this JVM's descendants (JVM, Playwright's Node
 * driver, Chromium). Playwright does not expose it, but watching it lets a crash be noticed at once
 * rather than at the next request, and lets shutdown make sure it is gone.
 */
final class ChromiumProcesses {

    private ChromiumProcesses() {
    }

    /** Browser main processes (not renderers or helpers) started by any Playwright in this JVM. */
    static Set<Long> browserPids() {
        return ProcessHandle.current().descendants()
                .filter(ChromiumProcesses::isPlaywrightBrowser)
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /** The browser process that was not there before a launch. */
    static Optional<ProcessHandle> newBrowserProcess(Set<Long> before) {
        return ProcessHandle.current().descendants()
                .filter(ChromiumProcesses::isPlaywrightBrowser)
                .filter(p -> !before.contains(p.pid()))
                .findFirst();
    }

    private static boolean isPlaywrightBrowser(ProcessHandle process) {
        String[] args = process.info().arguments().orElse(new String[0]);
        // Playwright talks to the browser over a pipe; Chromium's helpers all carry a --type flag.
        return Arrays.asList(args).contains("--remote-debugging-pipe")
                && Arrays.stream(args).noneMatch(a -> a.startsWith("--type="));
    }
}
