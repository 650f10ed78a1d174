package io.tempo.tokener.browser;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Bounds every task on the browser thread. Playwright's Java calls block until the driver answers, and some of
 * them (a new context, a new page, a close) have no timeout of their own; when Chromium dies at the wrong
 * moment such a call may never return, and the one browser thread would stall every later fetch. The watchdog
 * ends such a call from outside: past the task's bound, or a moment after Chromium's process died while the
 * task still runs, it calls {@code end}, which kills Playwright's driver so that the blocked call fails.
 *
 * <p>Not a Fault Tolerance {@code @Timeout}: that one interrupts the waiting thread or stops waiting for it,
 * neither of which frees a thread blocked on the driver, and it cannot tell that Chromium died under a call.
 */
final class CallWatchdog implements AutoCloseable {

    /** Playwright usually notices a dead browser by itself within milliseconds; this is its chance to. */
    static final long DEAD_BROWSER_GRACE_MS = 750;
    private static final long CHECK_EVERY_MS = 100;

    private final Supplier<ProcessHandle> browserProcess;
    private final Consumer<String> end;
    private final ScheduledExecutorService timer;

    // Written by the browser thread, read by the timer.
    private volatile long deadlineNanos;
    private volatile boolean armed;
    private volatile long browserDeadSinceNanos;
    private volatile boolean ended;

    CallWatchdog(Supplier<ProcessHandle> browserProcess, Consumer<String> end) {
        this.browserProcess = browserProcess;
        this.end = end;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tokener-browser-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::check, CHECK_EVERY_MS, CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** From the browser thread: the calls from now on must be done within {@code boundMs}. */
    void arm(long boundMs) {
        deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, boundMs));
        browserDeadSinceNanos = 0;
        ended = false;
        armed = true;
    }

    /** From the browser thread, when its task is over. */
    void disarm() {
        armed = false;
    }

    /** Whether the current task's calls were ended from outside (the driver is gone and must be replaced). */
    boolean endedCurrentTask() {
        return ended;
    }

    private void check() {
        if (!armed || ended) {
            return;
        }
        long now = System.nanoTime();
        if (now - deadlineNanos > 0) {
            fire("a browser call ran past its bound");
            return;
        }
        ProcessHandle process = browserProcess.get();
        if (process == null || process.isAlive()) {
            browserDeadSinceNanos = 0;
            return;
        }
        long deadSince = browserDeadSinceNanos;
        if (deadSince == 0) {
            browserDeadSinceNanos = now;
        } else if (now - deadSince > TimeUnit.MILLISECONDS.toNanos(DEAD_BROWSER_GRACE_MS)) {
            fire("Chromium died while a browser call was waiting");
        }
    }

    private void fire(String reason) {
        ended = true;
        try {
            end.accept(reason);
        } catch (RuntimeException e) {
            // The next check tries again only for a new task; the kill itself is best effort.
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
