package org.gbsettle.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A command run as a separate process for the benchmark, with its wall time and peak resident set size: the largest
 * {@code VmHWM} of {@code /proc/<pid>/status} seen while sampling every 20 ms (the high-water mark the kernel keeps, so
 * the last sample before the process ends is its peak; 0 where {@code /proc} is not available).
 *
 * @param exitCode the process's exit code
 * @param millis wall time from start to exit, ms
 * @param peakRssKb peak resident set size, KiB
 */
public record ChildProcess(int exitCode, double millis, long peakRssKb) {

    /**
     * Runs a command to its end, its standard output and error to {@code log}.
     *
     * @param environment variables added to the inherited environment
     */
    public static ChildProcess run(List<String> command, Map<String, String> environment, Path log) {
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(environment);
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command + ": " + e.getMessage(), e);
        }
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peak = 0;
        try {
            while (p.isAlive()) {
                peak = Math.max(peak, vmHwmKb(status));
                p.waitFor(20, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            int code = p.waitFor();
            return new ChildProcess(code, (System.nanoTime() - t0) / 1e6, peak);
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The VmHWM of a status file, KiB; 0 if it cannot be read (the process has ended, or no /proc). */
    static long vmHwmKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
