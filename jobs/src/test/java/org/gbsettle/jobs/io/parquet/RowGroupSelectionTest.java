package org.gbsettle.jobs.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Instant;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.io.parquet.MeterDataParquetReader.RowGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The row groups of a meter-data file from its footer (row counts, MPAN ranges from the statistics), and a read of
 * some of them: rows keep their numbers in the whole file, and only the chosen row groups count as read.
 */
class RowGroupSelectionTest {

    private static final SettlementDate JAN_15 = SettlementDate.of(2026, 1, 15);
    private static final Instant DELIVERED = Instant.parse("2026-01-17T00:00:00Z");
    private static final long BASE = 1_000_000_000_000L;

    @TempDir
    Path dir;

    /**
     * 6,144 rows in row groups of 2,048: row n (1-based) has MPAN BASE + n, so row group k holds MPANs BASE + 2048k + 1
     * to BASE + 2048(k + 1); with {@code nullAt} > 0, row nullAt has no MPAN.
     */
    private Path file(int nullAt) throws Exception {
        Path file = dir.resolve("groups" + nullAt + ".parquet");
        DuckDbFiles.write(
                file,
                "SELECT CASE WHEN n = " + nullAt + " THEN NULL ELSE " + BASE + " + n END::BIGINT AS mpan,"
                        + " DATE '2026-01-15' AS settlement_date, (1 + n % 48)::INTEGER AS settlement_period,"
                        + " 'AI' AS measurement_quantity, (n / 1000)::DECIMAL(12,3) AS kwh, 'A' AS quality"
                        + " FROM range(1, 6145) t(n) ORDER BY n",
                "ROW_GROUP_SIZE 2048");
        return file;
    }

    @Test
    void the_footer_gives_each_row_group_its_rows_and_mpan_range() throws Exception {
        assertThat(MeterDataParquetReader.rowGroups(file(0)))
                .extracting(
                        RowGroup::index,
                        RowGroup::firstRow,
                        RowGroup::rows,
                        RowGroup::minMpan,
                        RowGroup::maxMpan,
                        RowGroup::mpanRangeKnown)
                .containsExactly(
                        tuple(0, 0L, 2048L, BASE + 1, BASE + 2048, true),
                        tuple(1, 2048L, 2048L, BASE + 2049, BASE + 4096, true),
                        tuple(2, 4096L, 2048L, BASE + 4097, BASE + 6144, true));
    }

    @Test
    void a_row_group_with_a_null_mpan_has_no_known_range() throws Exception {
        RowGroup second = MeterDataParquetReader.rowGroups(file(3000)).get(1);

        assertThat(second.mpanRangeKnown()).isFalse();
        assertThat(second.mayHold(Long.MIN_VALUE, Long.MIN_VALUE)).isTrue();
        assertThat(second.mayHold(Long.MAX_VALUE, Long.MAX_VALUE)).isTrue();
    }

    @Test
    void mayHold_overlaps_the_range_inclusively() throws Exception {
        RowGroup second = MeterDataParquetReader.rowGroups(file(0)).get(1);

        assertThat(second.mayHold(BASE, BASE + 2048)).isFalse();
        assertThat(second.mayHold(BASE, BASE + 2049)).isTrue();
        assertThat(second.mayHold(BASE + 4096, BASE + 9999)).isTrue();
        assertThat(second.mayHold(BASE + 4097, BASE + 9999)).isFalse();
    }

    @Test
    void reading_the_middle_row_group_keeps_row_numbers_and_counts_its_rows() throws Exception {
        MeterDataFile f = MeterDataParquetReader.read(file(3000), JAN_15, DELIVERED, 7L << 40, rg -> rg == 1, false);

        // rows 2049..4096 of the file, row 3000 rejected for its null MPAN
        assertThat(f.stats().rowsRead()).isEqualTo(2048);
        assertThat(f.stats().accepted()).isEqualTo(2047);
        assertThat(f.stats().rowGroups()).isEqualTo(3);
        assertThat(f.stats().sha256()).isEmpty();
        assertThat(f.rejected()).extracting(RejectedRow::row).containsExactly(3000L);
        MeterReads r = f.reads();
        assertThat(r.rowId(0)).isEqualTo((7L << 40) + 2049);
        assertThat(r.mpan(0)).isEqualTo(BASE + 2049);
        assertThat(r.rowId(r.size() - 1)).isEqualTo((7L << 40) + 4096);
        assertThat(r.mpan(r.size() - 1)).isEqualTo(BASE + 4096);
    }

    @Test
    void the_first_settlement_date_comes_from_the_footer() throws Exception {
        Path file = dir.resolve("dates.parquet");
        // two row groups: 2026-01-16 first, then 2026-01-14 and 2026-01-15
        DuckDbFiles.write(
                file,
                "SELECT " + BASE + " + n AS mpan, CASE WHEN n <= 2048 THEN DATE '2026-01-16' WHEN n % 2 = 0 THEN"
                        + " DATE '2026-01-14' ELSE DATE '2026-01-15' END AS settlement_date, 1 AS settlement_period,"
                        + " 'AI' AS measurement_quantity, 0.5::DECIMAL(12,3) AS kwh, 'A' AS quality"
                        + " FROM range(1, 4097) t(n) ORDER BY n",
                "ROW_GROUP_SIZE 2048");

        assertThat(MeterDataParquetReader.firstSettlementDate(file)).contains(java.time.LocalDate.of(2026, 1, 14));
    }

    @Test
    void a_utc_layout_file_gives_no_first_date() throws Exception {
        Path file = dir.resolve("utc.parquet");
        DuckDbFiles.write(
                file,
                "SELECT " + BASE + "::BIGINT AS mpan, TIMESTAMP '2026-01-15 00:00:00' AS utc_period_start,"
                        + " 'AI' AS measurement_quantity, 0.5::DECIMAL(12,3) AS kwh, 'A' AS quality",
                "");

        assertThat(MeterDataParquetReader.firstSettlementDate(file)).isEmpty();
    }

    @Test
    void a_whole_read_hashes_the_file() throws Exception {
        Path file = file(0);

        MeterDataFile f = MeterDataParquetReader.read(file, JAN_15, DELIVERED, 0, rg -> true, true);

        assertThat(f.stats().sha256())
                .isEqualTo(MeterDataParquetReader.sha256(file))
                .hasSize(64);
        assertThat(f.stats().rowsRead()).isEqualTo(6144);
    }
}
