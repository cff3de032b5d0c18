package org.gbsettle.jobs.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.gbsettle.engine.run.QuarantineReason;
import org.gbsettle.engine.time.SettlementDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file holding several settlement dates: rows of another date are rejected and listed as such. */
class OtherDatesTest {

    private static final Instant DELIVERED = Instant.parse("2026-01-20T00:00:00Z");

    @TempDir
    Path dir;

    /**
     * Rows: 1 2026-01-15 SP1 good; 2 2026-01-16 SP2 good; 3 2026-01-16 SP3 quality 'X'; 4 no date; 5 2026-01-17 SP1
     * good.
     */
    private Path twoDates() throws Exception {
        Path file = dir.resolve("dates.parquet");
        DuckDbFiles.write(file, """
                SELECT mpan, settlement_date, settlement_period, measurement_quantity, kwh, quality FROM (VALUES
                  (1, 1001332019673::BIGINT, DATE '2026-01-15', 1, 'AI', 0.100::DECIMAL(12,3), 'A'),
                  (2, 1001332019673::BIGINT, DATE '2026-01-16', 2, 'AI', 0.200::DECIMAL(12,3), 'A'),
                  (3, 1001332019673::BIGINT, DATE '2026-01-16', 3, 'AI', 0.300::DECIMAL(12,3), 'X'),
                  (4, 1001332019673::BIGINT, NULL::DATE, 4, 'AI', 0.400::DECIMAL(12,3), 'A'),
                  (5, 1001332019673::BIGINT, DATE '2026-01-17', 1, 'AI', 0.500::DECIMAL(12,3), 'A')
                ) t(n, mpan, settlement_date, settlement_period, measurement_quantity, kwh, quality) ORDER BY n
                """, "");
        return file;
    }

    @Test
    void rows_of_other_dates_are_listed_with_their_dates() throws Exception {
        MeterDataFile f = MeterDataParquetReader.read(twoDates(), SettlementDate.of(2026, 1, 15), DELIVERED);

        // row 1 accepted; rows 2, 3 and 5 are of other dates; row 4 has no date
        assertThat(f.stats().accepted()).isEqualTo(1);
        assertThat(f.otherDates()).containsExactly(LocalDate.of(2026, 1, 16), LocalDate.of(2026, 1, 17));
        assertThat(f.rejected())
                .extracting(RejectedRow::row, RejectedRow::reason)
                .containsExactly(
                        tuple(2L, QuarantineReason.BAD_PERIOD),
                        tuple(3L, QuarantineReason.BAD_PERIOD),
                        tuple(4L, QuarantineReason.BAD_PERIOD),
                        tuple(5L, QuarantineReason.BAD_PERIOD));
        assertThat(f.ofOtherDate(2)).isTrue();
        assertThat(f.ofOtherDate(3)).isTrue();
        assertThat(f.ofOtherDate(4)).isFalse();
        assertThat(f.ofOtherDate(5)).isTrue();
        assertThat(f.ofOtherDate(1)).isFalse();
    }

    @Test
    void the_read_of_a_rows_own_date_gives_its_own_reason() throws Exception {
        MeterDataFile f = MeterDataParquetReader.read(twoDates(), SettlementDate.of(2026, 1, 16), DELIVERED);

        // row 2 accepted; row 3 its own reason (quality); rows 1 and 5 other dates; row 4 no date
        assertThat(f.stats().accepted()).isEqualTo(1);
        assertThat(f.otherDates()).containsExactly(LocalDate.of(2026, 1, 15), LocalDate.of(2026, 1, 17));
        assertThat(f.rejected())
                .filteredOn(r -> !f.ofOtherDate(r.row()))
                .extracting(RejectedRow::row, RejectedRow::field, RejectedRow::reason)
                .containsExactly(
                        tuple(3L, "quality", QuarantineReason.BAD_VALUE),
                        tuple(4L, "settlement_date", QuarantineReason.BAD_PERIOD));
    }
}
