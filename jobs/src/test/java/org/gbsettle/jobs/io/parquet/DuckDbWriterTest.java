package org.gbsettle.jobs.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import org.gbsettle.engine.run.QuarantineReason;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files written by DuckDB (OPTIONAL columns, its own encodings and page versions), decoded column by column. */
class DuckDbWriterTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "COMPRESSION snappy                                      | TIMESTAMPTZ",
                "COMPRESSION zstd, ROW_GROUP_SIZE 2048                   | TIMESTAMP",
                "COMPRESSION gzip, PARQUET_VERSION V2                    | TIMESTAMP_NS",
                "COMPRESSION uncompressed, PARQUET_VERSION V2, ROW_GROUP_SIZE 2048 | TIMESTAMP_MS",
                "COMPRESSION lz4_raw, PARQUET_VERSION V1                 | TIMESTAMPTZ",
                "COMPRESSION zstd, DICTIONARY_COMPRESSION_RATIO_THRESHOLD 0, ROW_GROUP_SIZE 4096 | TIMESTAMP",
            })
    void test_decodes_every_column_exactly(String options, String receivedType) throws Exception {
        int n = 10_007;
        Path file = dir.resolve("duckdb.parquet");
        DuckDbFiles.write(file, SampleRows.duckDbSelect(n, receivedType), options.strip());

        MeterDataFile f =
                MeterDataParquetReader.read(file, ParquetJavaWriterTest.JAN_15, ParquetJavaWriterTest.DELIVERED);

        assertThat(DuckDbFiles.repetitions(file))
                .containsEntry("mpan", "OPTIONAL")
                .containsEntry("settlement_date", "OPTIONAL")
                .containsEntry("settlement_period", "OPTIONAL")
                .containsEntry("measurement_quantity", "OPTIONAL")
                .containsEntry("kwh", "OPTIONAL")
                .containsEntry("quality", "OPTIONAL")
                .containsEntry("received_at", "OPTIONAL");
        // the last row, all nulls, is rejected at its first field; the others load, every 11th at the delivery time
        assertThat(f.rejected())
                .extracting(RejectedRow::row, RejectedRow::field, RejectedRow::value, RejectedRow::reason)
                .containsExactly(tuple((long) n + 1, "mpan", "", QuarantineReason.BAD_MPAN));
        ParquetJavaWriterTest.assertSampleRows(f.reads(), n, true);
        assertThat(f.stats().createdBy()).containsIgnoringCase("duckdb");
        assertThat(f.stats().rowsRead()).isEqualTo(n + 1);
        assertThat(f.stats().accepted()).isEqualTo(n);
        assertThat(f.stats().rejected()).isEqualTo(1);
        if (options.contains("ROW_GROUP_SIZE")) {
            assertThat(f.stats().rowGroups()).isGreaterThan(1);
        }
        assertThat(f.stats().sha256()).isEqualTo(TestFiles.sha256(file));
    }
}
