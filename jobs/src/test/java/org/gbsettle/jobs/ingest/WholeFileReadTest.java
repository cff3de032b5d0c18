package org.gbsettle.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import org.gbsettle.engine.run.QuarantineReason;
import org.gbsettle.jobs.io.parquet.MeterDataLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file read for every settlement date it holds: each row accepted or quarantined once, with its own reason. */
class WholeFileReadTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-20T00:00:00Z");

    @TempDir
    Path dir;

    private Path write(String name, String select) throws Exception {
        Path file = dir.resolve(name);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("CREATE TEMP TABLE src AS " + select);
            s.execute("COPY src TO '" + file + "' (FORMAT parquet)");
        }
        return file;
    }

    @Test
    void a_file_of_three_dates_is_read_for_each() throws Exception {
        Path file = write("multi.parquet", """
                SELECT mpan, settlement_date, settlement_period, measurement_quantity, kwh, quality FROM (VALUES
                  (1, 1001332019673::BIGINT, DATE '2026-01-15', 1, 'AI', 0.100::DECIMAL(12,3), 'A'),
                  (2, 1001332019673::BIGINT, DATE '2026-01-16', 2, 'AI', 0.200::DECIMAL(12,3), 'A'),
                  (3, 1001332019673::BIGINT, DATE '2026-01-16', 3, 'AI', 0.300::DECIMAL(12,3), 'X'),
                  (4, 1001332019673::BIGINT, NULL::DATE, 4, 'AI', 0.400::DECIMAL(12,3), 'A'),
                  (5, 1001332019673::BIGINT, DATE '2026-01-17', 1, 'AI', 0.500::DECIMAL(12,3), 'A'),
                  (6, NULL::BIGINT, DATE '2026-01-17', 2, 'AI', 0.600::DECIMAL(12,3), 'A')
                ) t(n, mpan, settlement_date, settlement_period, measurement_quantity, kwh, quality) ORDER BY n
                """);

        WholeFileRead read = WholeFileRead.of(file, RECEIVED);

        // accepted: rows 1 (15th), 2 (16th), 5 (17th); quarantined: 3 quality X (16th), 4 no date, 6 no MPAN
        assertThat(read.layout()).isEqualTo(MeterDataLayout.DATE_AND_PERIOD);
        assertThat(read.rowsRead()).isEqualTo(6);
        assertThat(read.rowsAccepted()).isEqualTo(3);
        assertThat(read.settlementDates())
                .containsExactly(LocalDate.of(2026, 1, 15), LocalDate.of(2026, 1, 16), LocalDate.of(2026, 1, 17));
        assertThat(read.quarantined())
                .extracting(
                        q -> q.row().row(), q -> q.row().field(), q -> q.row().reason(), q -> q.settlementDate())
                .containsExactly(
                        tuple(3L, "quality", QuarantineReason.BAD_VALUE, LocalDate.of(2026, 1, 16)),
                        tuple(4L, "settlement_date", QuarantineReason.BAD_PERIOD, null),
                        tuple(6L, "mpan", QuarantineReason.BAD_MPAN, null));
    }

    @Test
    void a_utc_file_across_midnight_holds_two_dates() throws Exception {
        // 23:30Z on 15 January is SP48 of the 15th (GMT); 00:00Z is SP1 of the 16th; 00:10Z is off the half hour
        Path file = write("utc_2026-01-15.parquet", """
                SELECT mpan, utc_period_start, measurement_quantity, kwh, quality FROM (VALUES
                  (1, 1001332019673::BIGINT, TIMESTAMP '2026-01-15 23:30:00', 'AI', 0.100::DECIMAL(12,3), 'A'),
                  (2, 1001332019673::BIGINT, TIMESTAMP '2026-01-16 00:00:00', 'AI', 0.200::DECIMAL(12,3), 'A'),
                  (3, 1001332019673::BIGINT, TIMESTAMP '2026-01-16 00:10:00', 'AI', 0.300::DECIMAL(12,3), 'A')
                ) t(n, mpan, utc_period_start, measurement_quantity, kwh, quality) ORDER BY n
                """);

        WholeFileRead read = WholeFileRead.of(file, RECEIVED);

        assertThat(read.layout()).isEqualTo(MeterDataLayout.UTC_PERIOD_START);
        assertThat(read.rowsAccepted()).isEqualTo(2);
        assertThat(read.settlementDates()).containsExactly(LocalDate.of(2026, 1, 15), LocalDate.of(2026, 1, 16));
        assertThat(read.quarantined())
                .extracting(q -> q.row().row(), q -> q.row().reason(), q -> q.settlementDate())
                .containsExactly(tuple(3L, QuarantineReason.BAD_PERIOD, null));
    }
}
