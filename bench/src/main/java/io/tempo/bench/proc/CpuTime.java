package io.tempo.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time from {@code /proc}, the figure that survives a shared, noisy machine: wall time says how long
 * other people's builds made us wait, CPU time says how much work a sync costs. Clock ticks are 1/100 s
 * on Linux (USER_HZ), so a figure is good to about 10 ms per process.
 */
public final class CpuTime {

    private static final double MS_PER_TICK = 10.0;

    private CpuTime() {
    }

    /** User plus system time the process has used so far, in ms; -1 when it is gone. */
    public static double processMs(long pid) {
        long[] f = stat(pid);
        return f == null ? -1 : (f[0] + f[1]) * MS_PER_TICK;
    }

    /**
     * CPU used so far by a process and all its children, including children that already exited (their time
     * moves into the parent's {@code cutime}/{@code cstime} when reaped), so the difference of two readings is
     * what the whole tree used in between, even as PostgreSQL backends come and go.
     */
    public static double treeMs(long parentPid) {
        long[] parent = stat(parentPid);
        if (parent == null) {
            return -1;
        }
        double total = (parent[0] + parent[1] + parent[2] + parent[3]) * MS_PER_TICK;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                long[] child = stat(pid);
                if (child != null && child[4] == parentPid) {
                    total += (child[0] + child[1]) * MS_PER_TICK;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    /** utime, stime, cutime, cstime, ppid. */
    private static long[] stat(long pid) {
        try {
            String raw = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = raw.substring(raw.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ": state=0 ppid=1 ... utime=11 stime=12 cutime=13 cstime=14
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                    Long.parseLong(f[14]), Long.parseLong(f[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
