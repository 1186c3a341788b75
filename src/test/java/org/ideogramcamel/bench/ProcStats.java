package org.ideogramcamel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What /proc says about a live process: its CPU time and peak RSS (the figures the benchmark compares). */
final class ProcStats {

    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private ProcStats() {
    }

    /** User + system CPU time of the process (all its threads) so far, in milliseconds; -1 if unreadable. */
    static long cpuMillis(long pid) {
        long[] times = userAndSystemTicks(pid);
        return times == null ? -1 : (times[0] + times[1]) * 1000 / CLOCK_TICKS_PER_SECOND;
    }

    /**
     * System (kernel) CPU time of the process so far, in milliseconds; -1 if unreadable. Part of
     * {@link #cpuMillis}: what the kernel spent on the app's behalf (file writes and fsyncs, sockets).
     */
    static long systemCpuMillis(long pid) {
        long[] times = userAndSystemTicks(pid);
        return times == null ? -1 : times[1] * 1000 / CLOCK_TICKS_PER_SECOND;
    }

    private static long[] userAndSystemTicks(long pid) {
        try {
            return userAndSystemTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** User + system CPU time, in milliseconds, of a process's or one thread's {@code stat} line. */
    static long cpuMillisOf(String stat) {
        long[] times = userAndSystemTicks(stat);
        return (times[0] + times[1]) * 1000 / CLOCK_TICKS_PER_SECOND;
    }

    /** utime and stime (fields 14 and 15) of a {@code stat} line; the name before them may hold spaces. */
    private static long[] userAndSystemTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
    }

    /** Peak resident set size (VmHWM) in MiB; -1 if unreadable. */
    static double peakRssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
