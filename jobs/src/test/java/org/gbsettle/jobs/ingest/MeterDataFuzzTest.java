package org.gbsettle.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.gbsettle.jobs.io.parquet.MeterDataFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random mutation fuzzing of the meter-data Parquet read ({@link WholeFileRead#of}): a valid 40-row file
 * written with DuckDB is mutated {@value #CASES} times (bit flips, bytes overwritten with random or 0xFF runs,
 * truncation, insertion and deletion of bytes); every read either succeeds with rows read = accepted + quarantined
 * or fails with the documented {@link MeterDataFileException}. Anything else fails naming the seed and the bytes.
 */
class MeterDataFuzzTest {

    static final int CASES = 1500;

    private static final Instant RECEIVED = Instant.parse("2026-01-20T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void a_mutated_parquet_file_reads_or_fails_with_the_documented_error_only() throws Exception {
        Path good = dir.resolve("good.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("SET threads = 1");
            s.execute("COPY (SELECT 1001332019673 + 11 * (i % 7) AS mpan, DATE '2026-01-15' AS settlement_date,"
                    + " CAST(1 + i % 48 AS INTEGER) AS settlement_period,"
                    + " CASE WHEN i % 5 = 0 THEN 'AE' ELSE 'AI' END AS measurement_quantity,"
                    + " CAST(i * 0.125 AS DECIMAL(12,3)) AS kwh, CASE WHEN i % 9 = 0 THEN 'E' ELSE 'A' END AS quality,"
                    + " TIMESTAMP '2026-01-17 05:00:00' AS received_at FROM range(40) t(i) ORDER BY i) TO '"
                    + good + "' (FORMAT parquet)");
        }
        byte[] valid = Files.readAllBytes(good);
        WholeFileRead control = WholeFileRead.of(good, RECEIVED);
        assertThat(control.rowsRead()).isEqualTo(40);
        assertThat(control.rowsAccepted()).isEqualTo(40);

        int rejected = 0;
        Path file = dir.resolve("mutated.parquet");
        for (int i = 0; i < CASES; i++) {
            long seed = 20_260_115L + i;
            byte[] bytes = mutate(valid, seed);
            Files.write(file, bytes);
            try {
                WholeFileRead read = WholeFileRead.of(file, RECEIVED);
                assertThat(read.rowsRead())
                        .as("seed " + seed)
                        .isEqualTo(read.rowsAccepted() + read.quarantined().size());
            } catch (MeterDataFileException e) {
                rejected++;
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                AssertionError error = new AssertionError(
                        "seed " + seed + " threw " + e + " (documented: MeterDataFileException) on the bytes "
                                + HexFormat.of().formatHex(bytes));
                error.initCause(e);
                throw error;
            }
        }
        // the mutations reach the checks
        assertThat(rejected).isGreaterThan(CASES / 10);
    }

    /** One or two mutations of {@code valid}, chosen by {@code seed} alone. */
    static byte[] mutate(byte[] valid, long seed) {
        Random random = new Random(seed);
        byte[] bytes = valid;
        int rounds = 1 + random.nextInt(2);
        for (int r = 0; r < rounds; r++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(6)) {
                case 0 -> {
                    bytes = bytes.clone();
                    bytes[at] = (byte) (bytes[at] ^ (1 << random.nextInt(8)));
                }
                case 1 -> {
                    bytes = bytes.clone();
                    bytes[at] = (byte) random.nextInt(256);
                }
                case 2 -> {
                    bytes = bytes.clone();
                    Arrays.fill(bytes, at, Math.min(bytes.length, at + 1 + random.nextInt(16)), (byte) 0xFF);
                }
                case 3 -> bytes = Arrays.copyOf(bytes, at);
                case 4 -> {
                    byte[] copy = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, copy, 0, at);
                    copy[at] = (byte) random.nextInt(256);
                    System.arraycopy(bytes, at, copy, at + 1, bytes.length - at);
                    bytes = copy;
                }
                default -> {
                    byte[] copy = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, copy, 0, at);
                    System.arraycopy(bytes, at + 1, copy, at, bytes.length - at - 1);
                    bytes = copy;
                }
            }
            if (bytes.length == 0) {
                break;
            }
        }
        return bytes;
    }
}
