package io.tempo.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/** The machine a table was measured on, as BENCHMARKS.md quotes it. */
public final class Machine {

    private Machine() {
    }

    public static String describe() {
        StringBuilder out = new StringBuilder();
        out.append("- date: ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)).append('\n');
        out.append("- nproc: ").append(Runtime.getRuntime().availableProcessors()).append('\n');
        out.append("- CPU: ").append(cpuModel()).append('\n');
        out.append("- memory (free -h): ").append(run("free", "-h").lines().filter(l -> l.startsWith("Mem:"))
                .findFirst().orElse("?").replaceAll("\\s+", " ")).append('\n');
        out.append("- load average at start: ").append(read("/proc/loadavg").trim()).append('\n');
        out.append("- kernel: ").append(run("uname", "-sr").trim()).append('\n');
        out.append("- java: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append('\n');
        out.append("- commit: ").append(run("git", "rev-parse", "--short", "HEAD").trim())
                .append(run("git", "status", "--porcelain").isBlank() ? "" : " (with uncommitted changes)").append('\n');
        return out.toString();
    }

    /** The 1-minute load average now, to read a run's figures against what else the machine was doing. */
    public static String loadAverage() {
        String loadavg = read("/proc/loadavg");
        return loadavg.equals("?") ? "?" : loadavg.trim().split(" ", 4)[0] + " (1 min)";
    }

    public static String cpuModel() {
        return read("/proc/cpuinfo").lines().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "?";
        }
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
