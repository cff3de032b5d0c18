package org.gbsettle.jobs.bench.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to generate: a synthetic settlement day of {@code meteringSystems} metering systems (import and export MPANs,
 * half-hourly and profiled) on {@code date}, written to {@code out}, from {@code seed}; each GSP group's meter data
 * split into {@code filesPerGroup} files; {@code hhShare} the share (0..1) of import metering systems settled
 * half-hourly. {@code threads} workers write files in parallel (it does not change a byte); {@code memoryLimit} bounds
 * each DuckDB instance (e.g. {@code 2GB}).
 */
public record GbDayOptions(
        long meteringSystems,
        LocalDate date,
        Path out,
        long seed,
        int filesPerGroup,
        double hhShare,
        int threads,
        String memoryLimit) {

    /** The usage text of the command line. */
    public static final String USAGE = "--metering-systems N --date YYYY-MM-DD --out DIR [--seed S]"
            + " [--files-per-group K] [--hh-share F] [--threads T] [--memory-limit 2GB]";

    public GbDayOptions {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(memoryLimit, "memoryLimit");
        if (meteringSystems < 14 || meteringSystems > 100_000_000L) {
            throw new IllegalArgumentException("--metering-systems " + meteringSystems
                    + " is outside 14..100,000,000 (one per GSP group at" + " least)");
        }
        if (filesPerGroup < 1 || filesPerGroup > 1000) {
            throw new IllegalArgumentException("--files-per-group " + filesPerGroup + " is outside 1..1000");
        }
        if (!(hhShare >= 0 && hhShare <= 1)) {
            throw new IllegalArgumentException("--hh-share " + hhShare + " is outside 0..1");
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("--threads " + threads + " is outside 1..256");
        }
        if (!memoryLimit.matches("[0-9]+(\\.[0-9]+)?\\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)")) {
            throw new IllegalArgumentException("--memory-limit '" + memoryLimit + "' is not a size such as 2GB");
        }
    }

    /**
     * The options of a command line ({@link #USAGE}); defaults: seed 1, 4 files per group, HH share 0.95, as many
     * threads as processors, memory limit 2GB.
     *
     * @throws IllegalArgumentException naming the argument that is missing or wrong
     */
    public static GbDayOptions parse(String... args) {
        Long n = null;
        LocalDate date = null;
        Path out = null;
        long seed = 1;
        int files = 4;
        double hhShare = 0.95;
        int threads = Runtime.getRuntime().availableProcessors();
        String memory = "2GB";
        for (int a = 0; a < args.length; a++) {
            String name = args[a];
            if (a + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value (usage: " + USAGE + ")");
            }
            String value = args[++a];
            try {
                switch (name) {
                    case "--metering-systems" -> n = Long.parseLong(value.replace("_", ""));
                    case "--date" -> date = LocalDate.parse(value);
                    case "--out" -> out = Path.of(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--files-per-group" -> files = Integer.parseInt(value);
                    case "--hh-share" -> hhShare = Double.parseDouble(value);
                    case "--threads" -> threads = Integer.parseInt(value);
                    case "--memory-limit" -> memory = value;
                    default ->
                        throw new IllegalArgumentException("unknown argument " + name + " (usage: " + USAGE + ")");
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException(name + " '" + value + "' is not valid (" + e.getMessage() + ")", e);
            }
        }
        return new GbDayOptions(
                required(n, "--metering-systems"),
                required(date, "--date"),
                required(out, "--out"),
                seed,
                files,
                hhShare,
                threads,
                memory);
    }

    private static <T> T required(@Nullable T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required (usage: " + USAGE + ")");
        }
        return value;
    }
}
