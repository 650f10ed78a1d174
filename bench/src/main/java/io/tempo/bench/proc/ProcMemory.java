package io.tempo.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Memory figures from {@code /proc}: kB, as the kernel reports them. */
public final class ProcMemory {

    private ProcMemory() {
    }

    /**
     * @param rssKb summed resident sets (counts shared pages once per process, so it overstates)
     * @param pssKb summed proportional sets (shared pages split between sharers: the honest total)
     */
    public record Tree(int processes, long rssKb, long pssKb) {
    }

    /** A {@code /proc/<pid>/status} field such as {@code VmRSS} or {@code VmHWM}; -1 when the process is gone. */
    public static long statusKb(long pid, String field) {
        return field(Path.of("/proc", Long.toString(pid), "status"), field);
    }

    public static long pssKb(long pid) {
        return field(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss");
    }

    public static Tree tree(List<Long> pids) {
        int count = 0;
        long rss = 0;
        long pss = 0;
        for (long pid : pids) {
            long r = statusKb(pid, "VmRSS");
            long p = pssKb(pid);
            if (r >= 0) {
                count++;
                rss += r;
                pss += Math.max(p, 0);
            }
        }
        return new Tree(count, rss, pss);
    }

    private static long field(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
