package io.docmap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the operating system counts for one process (Linux /proc): resident memory now and at its peak, and CPU time
 * in user and kernel mode.
 */
record ProcessStats(long rssBytes, long peakRssBytes, double cpuSeconds) {

    /** Clock ticks per second of /proc/[pid]/stat; 100 on every Linux this runs on (getconf CLK_TCK). */
    private static final double TICKS = 100.0;

    static ProcessStats of(long pid) {
        try {
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The fields after the command name, which may hold spaces, are the 3rd onwards; utime and stime are 14,
            // 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
            return new ProcessStats(kilobytes(status, "VmRSS:") * 1024, kilobytes(status, "VmHWM:") * 1024, cpu);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc for process " + pid + " (Linux only)", e);
        }
    }

    private static long kilobytes(String status, String field) {
        return status.lines()
                .filter(line -> line.startsWith(field))
                .map(line -> line.substring(field.length()).trim().split("\\s+")[0])
                .mapToLong(Long::parseLong)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(field + " missing from /proc status"));
    }
}
