package org.gbsettle.jobs.io.parquet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.io.parquet.MeterDataParquetReader.Decoding;

/**
 * Times the reader's general and fast decoding on a directory of meter-data files (not a unit test): {@code java ...
 * MeterDataReadBench DIR [yyyy-mm-dd] [runs]} reads every {@code *.parquet} file of DIR on one thread with each
 * decoding in turn, after one warm-up pass each, and prints the median time and rows/s per decoding and their ratio.
 */
public final class MeterDataReadBench {

    private MeterDataReadBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        SettlementDate date = SettlementDate.parse(args.length > 1 ? args[1] : "2026-01-15");
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
        Instant delivered = Instant.parse("2026-01-17T00:00:00Z");
        boolean agree = true;
        for (Path f : files) {
            MeterDataFile general = MeterDataParquetReader.read(f, date, delivered, 0, Decoding.GENERAL);
            MeterDataFile fast = MeterDataParquetReader.read(f, date, delivered, 0, Decoding.FAST);
            agree &= general.reads().sameRows(fast.reads())
                    && general.rejected().equals(fast.rejected())
                    && general.stats().equals(fast.stats())
                    && general.otherDateRows().equals(fast.otherDateRows());
        }
        System.out.printf(Locale.ROOT, "general and fast reads of every file agree: %b%n", agree);
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            long bytes = 0;
            for (Path f : files) {
                byte[] b = Files.readAllBytes(f);
                bytes += b.length;
                MessageDigest.getInstance("SHA-256").digest(b);
            }
            System.out.printf(
                    Locale.ROOT,
                    "read into memory + SHA-256 alone: %.3f s for %,d bytes%n",
                    (System.nanoTime() - start) / 1e9,
                    bytes);
        }
        Decoding[] decodings = {Decoding.GENERAL, Decoding.FAST};
        double[][] seconds = new double[decodings.length][runs];
        long[] rows = new long[decodings.length];
        long[] wh = new long[decodings.length];
        for (int run = -1; run < runs; run++) {
            for (int d = 0; d < decodings.length; d++) {
                long start = System.nanoTime();
                long r = 0;
                long total = 0;
                for (Path f : files) {
                    MeterDataFile m = MeterDataParquetReader.read(f, date, delivered, 0, decodings[d]);
                    r += m.stats().rowsRead();
                    for (int i = 0; i < m.reads().size(); i++) {
                        total += m.reads().wh(i);
                    }
                }
                double t = (System.nanoTime() - start) / 1e9;
                rows[d] = r;
                wh[d] = total;
                if (run >= 0) {
                    seconds[d][run] = t;
                }
                System.out.printf(
                        Locale.ROOT, "%s run %d: %.3f s, %,d rows, %,d Wh%n", decodings[d], run + 1, t, r, total);
            }
        }
        double[] median = new double[decodings.length];
        for (int d = 0; d < decodings.length; d++) {
            Arrays.sort(seconds[d]);
            median[d] = seconds[d][runs / 2];
            System.out.printf(
                    Locale.ROOT,
                    "%s: median %.3f s, %,.0f rows/s (%d files)%n",
                    decodings[d],
                    median[d],
                    rows[d] / median[d],
                    files.size());
        }
        System.out.printf(Locale.ROOT, "speed-up %.2fx; same Wh total: %b%n", median[0] / median[1], wh[0] == wh[1]);
    }
}
