package io.sunsync.ground.constellation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's resource use read from Linux {@code /proc/PID/status} and {@code /proc/PID/stat}:
 * resident memory, threads and CPU time so far. Immutable.
 *
 * @param rssKiB  resident set size, KiB
 * @param threads threads
 * @param cpuS    user + system CPU time so far, s
 */
public record ProcessSample(long rssKiB, int threads, double cpuS) {
    /** Clock ticks per second of {@code /proc/PID/stat} (USER_HZ, 100 on every Linux we run on). */
    static final double TICKS_PER_S = 100;

    /** The process now, or null if it is gone (or this is not Linux). */
    public static ProcessSample of(long pid) {
        try {
            long rss = -1;
            int threads = -1;
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (l.startsWith("VmRSS:")) {
                    rss = Long.parseLong(l.replaceAll("\\D", ""));
                } else if (l.startsWith("Threads:")) {
                    threads = Integer.parseInt(l.replaceAll("\\D", ""));
                }
            }
            return new ProcessSample(rss, threads, cpuS(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime + stime (fields 14 and 15) of a {@code /proc/PID/stat} line, in s. */
    static double cpuS(String stat) {
        // the command name (field 2) may hold spaces: count fields after its closing parenthesis
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_S;
    }
}
