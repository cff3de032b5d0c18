package org.gbsettle.jobs.bench.generate;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The command line of {@code scripts/generate}: {@link GbDayOptions#USAGE}; prints what it wrote, its sizes and how
 * long each step took. Exit code 0 done, 1 generation failed, 2 bad arguments.
 */
public final class Generate {

    private Generate() {}

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        GbDayOptions options;
        try {
            options = GbDayOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("generate: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            GbDayGenerator.Summary s = new GbDayGenerator(options).generate();
            System.out.println(String.format(
                    Locale.ROOT,
                    "Generated %s: %,d metering systems, %,d meter-data rows in %d files (%,.1f MiB), registrations"
                            + " %,.1f MiB%n  reference files %.1f s, Parquet files %.1f s (%,.0f rows/s), takes %.1f s,"
                            + " total %.1f s",
                    options.out().toAbsolutePath().normalize(),
                    s.meteringSystems(),
                    s.meterRows(),
                    s.meterFiles(),
                    s.meterBytes() / 1048576.0,
                    s.registrationBytes() / 1048576.0,
                    s.referenceSeconds(),
                    s.filesSeconds(),
                    s.meterRows() / Math.max(1e-9, s.filesSeconds()),
                    s.takeSeconds(),
                    s.totalSeconds()));
        } catch (IOException | SQLException | RuntimeException e) {
            System.err.println("generate failed: " + e);
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }
}
