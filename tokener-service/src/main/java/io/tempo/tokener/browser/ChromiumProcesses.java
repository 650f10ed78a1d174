package io.tempo.tokener.browser;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the processes Playwright starts among this JVM's descendants: its Node driver (a child of the JVM) and
 * the Chromium the driver launched. Playwright exposes neither, but watching Chromium lets a crash be noticed
 * at once rather than at the next request, and killing the driver is the one way to end a Playwright call that
 * waits on a browser that is gone.
 */
final class ChromiumProcesses {

    private ChromiumProcesses() {
    }

    /** Browser main processes (not renderers or helpers) started by any Playwright in this JVM. */
    static Set<Long> browserPids() {
        return pids(browsers());
    }

    /** The browser process that was not there before a launch. */
    static Optional<ProcessHandle> newBrowserProcess(Set<Long> before) {
        return firstNew(browsers(), before);
    }

    /** Playwright drivers (Node running {@code cli.js run-driver}) that are children of this JVM. */
    static Set<Long> driverPids() {
        return pids(drivers());
    }

    /** The driver that was not there before {@code Playwright.create}. */
    static Optional<ProcessHandle> newDriverProcess(Set<Long> before) {
        return firstNew(drivers(), before);
    }

    private static Stream<ProcessHandle> browsers() {
        return ProcessHandle.current().descendants().filter(ChromiumProcesses::isPlaywrightBrowser);
    }

    private static Stream<ProcessHandle> drivers() {
        return ProcessHandle.current().children().filter(ChromiumProcesses::isPlaywrightDriver);
    }

    private static Set<Long> pids(Stream<ProcessHandle> processes) {
        return processes.map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static Optional<ProcessHandle> firstNew(Stream<ProcessHandle> processes, Set<Long> before) {
        return processes.filter(p -> !before.contains(p.pid())).findFirst();
    }

    private static boolean isPlaywrightBrowser(ProcessHandle process) {
        String[] args = process.info().arguments().orElse(new String[0]);
        // Playwright talks to the browser over a pipe; Chromium's helpers all carry a --type flag.
        return Arrays.asList(args).contains("--remote-debugging-pipe")
                && Arrays.stream(args).noneMatch(a -> a.startsWith("--type="));
    }

    private static boolean isPlaywrightDriver(ProcessHandle process) {
        return Arrays.asList(process.info().arguments().orElse(new String[0])).contains("run-driver");
    }
}
