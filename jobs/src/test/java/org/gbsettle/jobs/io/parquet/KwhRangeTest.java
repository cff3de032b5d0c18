package org.gbsettle.jobs.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.gbsettle.engine.run.QuarantineReason;
import org.gbsettle.engine.time.SettlementDate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kWh limit of a half-hourly value (999,999,999.999 kWh either way) at the ends of an int64 decimal of scale 3:
 * the largest values in range load, one unit beyond is rejected, and so are the int64 extremes (the most negative
 * has a magnitude that does not fit a long).
 */
class KwhRangeTest {

    private static final long MPAN = 1_001_332_019_673L;
    private static final int D = 20_468; // 2026-01-15 in days since the epoch

    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message m {"
            + " required int64 mpan;"
            + " required int32 settlement_date (DATE);"
            + " required int32 settlement_period;"
            + " required binary measurement_quantity (STRING);"
            + " required int64 kwh (DECIMAL(18,3));"
            + " required binary quality (STRING);"
            + "}");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "dictionary {0}")
    @ValueSource(booleans = {true, false})
    void values_beyond_a_billion_kwh_either_way_are_rejected(boolean dictionary) throws Exception {
        long[] thousandths = {
            999_999_999_999L, -999_999_999_999L, 1_000_000_000_000L, -1_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE
        };
        List<Group> rows = new ArrayList<>();
        for (int i = 0; i < thousandths.length; i++) {
            rows.add(new TestRows(SCHEMA)
                    .row(
                            "mpan",
                            MPAN,
                            "settlement_date",
                            D,
                            "settlement_period",
                            i + 1,
                            "measurement_quantity",
                            "AI",
                            "kwh",
                            thousandths[i],
                            "quality",
                            "A"));
        }
        Path file = dir.resolve("kwh.parquet");
        ParquetJavaFiles.write(file, SCHEMA, ParquetJavaFiles.Options.defaults().withDictionary(dictionary), rows);

        MeterDataFile f = MeterDataParquetReader.read(
                file, SettlementDate.of(2026, 1, 15), Instant.parse("2026-01-17T00:00:00Z"));

        assertThat(f.reads().size()).isEqualTo(2);
        assertThat(f.reads().wh(0)).isEqualTo(999_999_999_999L);
        assertThat(f.reads().wh(1)).isEqualTo(-999_999_999_999L);
        assertThat(f.rejected())
                .extracting(RejectedRow::row, RejectedRow::reason, RejectedRow::mpan, RejectedRow::value)
                .containsExactly(
                        tuple(3L, QuarantineReason.BAD_VALUE, MPAN, "1000000000.000"),
                        tuple(4L, QuarantineReason.BAD_VALUE, MPAN, "-1000000000.000"),
                        tuple(5L, QuarantineReason.BAD_VALUE, MPAN, "9223372036854775.807"),
                        tuple(6L, QuarantineReason.BAD_VALUE, MPAN, "-9223372036854775.808"));
    }
}
