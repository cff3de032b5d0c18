package org.gbsettle.jobs.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.run.QuarantineReason;
import org.gbsettle.engine.time.SettlementDate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rows the reader rejects, one per rule, and the rows next to them that load. */
class RejectionTest {

    private static final SettlementDate JAN_15 = SettlementDate.of(2026, 1, 15);
    private static final int D = 20_468; // 2026-01-15 in days since the epoch
    private static final Instant DELIVERED = Instant.parse("2026-01-17T00:00:00Z");
    /** 2026-01-17T00:00Z in microseconds (1768608000 s). */
    private static final long DELIVERED_MICROS = 1_768_608_000_000_000L;
    /** 2026-01-16T06:00Z in nanoseconds (1768543200 s). */
    private static final long RECEIVED_NANOS = 1_768_543_200_000_000_000L;

    private static final long MPAN = 2_000_024_512_368L;

    /** Every column OPTIONAL; kWh with 4 decimal places; period as int64; receipt in nanoseconds. */
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message m {"
            + " optional int64 mpan;"
            + " optional int32 settlement_date (DATE);"
            + " optional int64 settlement_period;"
            + " optional binary measurement_quantity (STRING);"
            + " optional int64 kwh (DECIMAL(18,4));"
            + " optional binary quality (STRING);"
            + " optional int64 received_at (TIMESTAMP(NANOS,true));"
            + "}");

    @TempDir
    Path dir;

    private static Group row(
            Long mpan,
            Integer date,
            Long period,
            String mq,
            Long kwhTenThousandths,
            String quality,
            Long receivedNanos) {
        return new TestRows(SCHEMA)
                .row(
                        "mpan", mpan,
                        "settlement_date", date,
                        "settlement_period", period,
                        "measurement_quantity", mq,
                        "kwh", kwhTenThousandths,
                        "quality", quality,
                        "received_at", receivedNanos);
    }

    @ParameterizedTest(name = "dictionary {0}")
    @ValueSource(booleans = {true, false})
    void test_each_rule_rejects_its_rows_and_the_rest_load(boolean dictionary) throws Exception {
        List<Group> rows = List.of(
                row(MPAN, D, 1L, "AI", 12_340L, "A", null), // 1: 1.2340 kWh = 1234 Wh; the delivery time
                row(null, D, 2L, "AI", 10_000L, "A", null), // 2: no MPAN
                row(10_000_000_000_000L, D, 3L, "AI", 10_000L, "A", null), // 3: 14 digits
                row(-5L, D, 4L, "AI", 10_000L, "A", null), // 4: negative MPAN
                row(MPAN, D, 5L, "RI", 10_000L, "A", null), // 5: reactive import
                row(MPAN, D, 6L, null, 10_000L, "A", null), // 6: no MQ
                row(MPAN, null, 7L, "AI", 10_000L, "A", null), // 7: no date
                row(MPAN, D + 1, 8L, "AE", 10_000L, "A", null), // 8: 2026-01-16
                row(MPAN, D, null, "AI", 10_000L, "A", null), // 9: no period
                row(MPAN, D, 5_000_000_000L, "AI", 10_000L, "A", null), // 10: beyond int
                row(MPAN, D, 49L, "AI", 10_000L, "A", null), // 11: 49 on a 48-period day: the calculation's
                row(MPAN, D, 12L, "AI", 10_000L, "X", null), // 12: quality X
                row(MPAN, D, 13L, "AI", 10_000L, null, null), // 13: no quality
                row(MPAN, D, 14L, "AI", null, "A", null), // 14: no kWh
                row(MPAN, D, 15L, "AI", 12_345L, "A", null), // 15: 1.2345 kWh, 4 dp
                row(MPAN, D, 16L, "AE", -25_000L, "E", RECEIVED_NANOS), // 16: -2.5 kWh loads as -2500 Wh
                row(MPAN, D, 17L, "AI", 10_000_000_000_000L, "A", null), // 17: 1,000,000,000 kWh, too large
                row(MPAN, D, 18L, "AI", 10_000L, "A", RECEIVED_NANOS + 1), // 18: a nanosecond
                row(MPAN, D, 19L, "AI", 10_000L, " E ", null), // 19: quality with spaces, as in CSV
                row(123_456_789_012L, D, 20L, "AE", 0L, "A", null)); // 20: 0123456789012, 13 digits with a 0
        Path file = dir.resolve("rejects.parquet");
        ParquetJavaFiles.write(file, SCHEMA, ParquetJavaFiles.Options.defaults().withDictionary(dictionary), rows);

        MeterDataFile f = MeterDataParquetReader.read(file, JAN_15, DELIVERED);

        assertThat(f.rejected())
                .extracting(
                        RejectedRow::row,
                        RejectedRow::field,
                        RejectedRow::value,
                        RejectedRow::reason,
                        RejectedRow::mpan,
                        RejectedRow::period,
                        RejectedRow::wh)
                .containsExactly(
                        tuple(2L, "mpan", "", QuarantineReason.BAD_MPAN, 0L, 0, 1000L),
                        tuple(3L, "mpan", "10000000000000", QuarantineReason.BAD_MPAN, 0L, 0, 1000L),
                        tuple(4L, "mpan", "-5", QuarantineReason.BAD_MPAN, 0L, 0, 1000L),
                        tuple(5L, "measurement_quantity", "RI", QuarantineReason.WRONG_MQ, MPAN, 0, 1000L),
                        tuple(6L, "measurement_quantity", "", QuarantineReason.WRONG_MQ, MPAN, 0, 1000L),
                        tuple(7L, "settlement_date", "", QuarantineReason.BAD_PERIOD, MPAN, 0, 1000L),
                        tuple(8L, "settlement_date", "2026-01-16", QuarantineReason.BAD_PERIOD, MPAN, 0, 1000L),
                        tuple(9L, "settlement_period", "", QuarantineReason.BAD_PERIOD, MPAN, 0, 1000L),
                        tuple(10L, "settlement_period", "5000000000", QuarantineReason.BAD_PERIOD, MPAN, 0, 1000L),
                        tuple(12L, "quality", "X", QuarantineReason.BAD_VALUE, MPAN, 12, 1000L),
                        tuple(13L, "quality", "", QuarantineReason.BAD_VALUE, MPAN, 13, 1000L),
                        tuple(14L, "kwh", "", QuarantineReason.BAD_VALUE, MPAN, 14, 0L),
                        tuple(15L, "kwh", "1.2345", QuarantineReason.BAD_VALUE, MPAN, 15, 0L),
                        tuple(17L, "kwh", "1000000000.0000", QuarantineReason.BAD_VALUE, MPAN, 17, 0L),
                        tuple(
                                18L,
                                "received_at",
                                "2026-01-16T06:00:00.000000001Z",
                                QuarantineReason.BAD_VALUE,
                                MPAN,
                                18,
                                1000L));
        assertThat(f.rejected().get(0).message()).isEqualTo("is null");
        assertThat(f.rejected().get(1).toString())
                .isEqualTo("rejects.parquet row 3, field mpan: '10000000000000' is not 13 digits (BAD_MPAN)");
        assertThat(f.rejected().get(12).message()).isEqualTo("'1.2345' has more than 3 decimal places");
        assertThat(f.rejected().get(14).message()).contains("finer than a microsecond");
        assertThat(f.rejected().get(0).toQuarantinedRead().rowId()).isEqualTo(2);

        MeterReads r = f.reads();
        assertThat(r.size()).isEqualTo(5);
        assertThat(r.rowId(0)).isEqualTo(1);
        assertThat(r.wh(0)).isEqualTo(1234L);
        assertThat(r.receivedAt(0)).isEqualTo(DELIVERED_MICROS);
        assertThat(r.rowId(1)).isEqualTo(11);
        assertThat(r.period(1)).isEqualTo(49);
        assertThat(r.rowId(2)).isEqualTo(16);
        assertThat(r.wh(2)).isEqualTo(-2500L);
        assertThat(r.measurementQuantity(2)).isEqualTo(MeterReads.AE);
        assertThat(r.quality(2)).isEqualTo((byte) 'E');
        assertThat(r.receivedAt(2)).isEqualTo(1_768_543_200_000_000L);
        assertThat(r.rowId(3)).isEqualTo(19);
        assertThat(r.quality(3)).isEqualTo((byte) 'E');
        assertThat(r.rowId(4)).isEqualTo(20);
        assertThat(r.mpan(4)).isEqualTo(123_456_789_012L);

        MeterDataStats s = f.stats();
        assertThat(s.rowsRead()).isEqualTo(20);
        assertThat(s.accepted()).isEqualTo(5);
        assertThat(s.rejected()).isEqualTo(15);
    }
}
