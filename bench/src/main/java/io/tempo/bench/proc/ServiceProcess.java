package io.tempo.bench.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A process the bench started (a service JVM, wrk): its output goes to a log file, its memory is read
 * from {@code /proc}, and it is always stopped, with its children (Chromium), when the bench ends, even
 * on Ctrl-C, through one shutdown hook over every process still alive.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Set<ServiceProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ServiceProcess::close), "bench-stop"));
    }

    private final String name;
    private final Process process;
    private final long startedNanos;
    private final Path log;

    private ServiceProcess(String name, Process process, long startedNanos, Path log) {
        this.name = name;
        this.process = process;
        this.startedNanos = startedNanos;
        this.log = log;
    }

    /** Starts a packaged Quarkus application ({@code quarkus-app/quarkus-run.jar}) with the bench's own java. */
    public static ServiceProcess startQuarkusApp(String name, Path quarkusApp, List<String> javaOptions,
                                                 Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(quarkusApp.resolve("quarkus-run.jar").toString());
        return start(name, command, env, log);
    }

    /** A loopback port free right now, for a process the bench starts to listen on. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ServiceProcess start(String name, List<String> command, Map<String, String> env, Path log)
            throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        long started = System.nanoTime();
        ServiceProcess service = new ServiceProcess(name, builder.start(), started, log);
        RUNNING.add(service);
        return service;
    }

    public long pid() {
        return process.pid();
    }

    public long startedNanos() {
        return startedNanos;
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    /** Peak resident set of the process itself since it started (kB), from {@code VmHWM}. */
    public long peakRssKb() {
        return ProcMemory.statusKb(process.pid(), "VmHWM");
    }

    public long rssKb() {
        return ProcMemory.statusKb(process.pid(), "VmRSS");
    }

    /** Resident memory of every descendant (Chromium's processes): summed RSS and summed PSS (kB). */
    public ProcMemory.Tree descendants() {
        return ProcMemory.tree(process.toHandle().descendants().map(ProcessHandle::pid).toList());
    }

    public Optional<Integer> exitCode(Duration wait) throws InterruptedException {
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue())
                : Optional.empty();
    }

    /** SIGTERM (a Quarkus service shuts down cleanly and closes its browser), then SIGKILL after 20 s. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.toHandle().descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        RUNNING.remove(this);
    }

    @Override
    public String toString() {
        return name + "[pid " + process.pid() + ", log " + log + "]";
    }
}
