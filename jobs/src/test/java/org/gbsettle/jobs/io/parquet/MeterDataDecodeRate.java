package org.gbsettle.jobs.io.parquet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.gbsettle.engine.time.SettlementDate;

/**
 * Measures the reader's decode rate on a generated file (not a unit test): {@code java ... MeterDataDecodeRate [rows]
 * [runs]}. Writes {@code rows} sample rows (default 4,800,000 = 100,000 metering systems x 48 periods) with DuckDB
 * (snappy, OPTIONAL columns, the way most deliveries look) and reads them {@code runs} times (default 5), printing the
 * median time, rows/s and column values/s (7 columns per row), with and without the SHA-256 pass.
 */
public final class MeterDataDecodeRate {

    private MeterDataDecodeRate() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 4_800_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("decode-rate");
        Path file = dir.resolve("meter_data.parquet");
        long t0 = System.nanoTime();
        DuckDbFiles.write(file, SampleRows.duckDbSelect(rows, "TIMESTAMPTZ"), "COMPRESSION snappy");
        System.out.printf(
                Locale.ROOT,
                "wrote %,d rows, %,d bytes in %.1f s%n",
                rows + 1,
                Files.size(file),
                (System.nanoTime() - t0) / 1e9);
        SettlementDate date = SettlementDate.of(2026, 1, 15);
        Instant delivered = Instant.parse("2026-01-17T00:00:00Z");
        double[] seconds = new double[runs];
        long accepted = 0;
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            MeterDataFile f = MeterDataParquetReader.read(file, date, delivered);
            seconds[run] = (System.nanoTime() - start) / 1e9;
            accepted = f.stats().accepted();
            System.out.printf(Locale.ROOT, "run %d: %.3f s, %,d accepted%n", run + 1, seconds[run], accepted);
        }
        long shaStart = System.nanoTime();
        TestFiles.sha256(file);
        double sha = (System.nanoTime() - shaStart) / 1e9;
        Arrays.sort(seconds);
        double median = seconds[runs / 2];
        System.out.printf(
                Locale.ROOT,
                "median %.3f s: %,.0f rows/s, %,.0f values/s (7 columns); SHA-256 pass alone ~%.3f s,"
                        + " without it %,.0f values/s%n",
                median,
                rows / median,
                7.0 * rows / median,
                sha,
                7.0 * rows / (median - sha));
        Files.delete(file);
        Files.delete(dir);
    }
}
