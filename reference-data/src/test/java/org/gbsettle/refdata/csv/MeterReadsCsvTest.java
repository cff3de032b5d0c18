package org.gbsettle.refdata.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Instant;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.run.QuarantineReason;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.refdata.ReferenceFileException;
import org.junit.jupiter.api.Test;

class MeterReadsCsvTest {

    private static final SettlementDate JAN_15 = SettlementDate.of(2026, 1, 15);
    private static final Instant DEFAULT = Instant.parse("2026-01-01T00:00:00Z");
    private static final String HEADER =
            "mpan,settlement_date,settlement_period,measurement_quantity,kwh,quality,received_at\n";

    private static MeterReadsFile read(String text, SettlementDate date) {
        return MeterReadsCsv.parse(new StringReader(text), "meter_reads.csv", date, DEFAULT);
    }

    @Test
    void test_rows_load_exactly_with_line_numbers_as_row_ids() {
        String text = HEADER
                + "1012345678903,2026-01-15,1,AI,412.500,A,2026-01-16T06:00:00Z\n"
                + "1012345678903,2026-01-15,2,AE,0.001,E,\n"
                + "1012345678903,2026-01-15,3,AI,12.3450,A,2026-01-16T06:00:00.000001Z\n"
                + "1012345678903,2026-01-15,4,AI,-1.5,A,2026-01-16T07:00:00+01:00\n";

        MeterReadsFile f = read(text, JAN_15);

        MeterReads r = f.reads();
        assertThat(f.rejected()).isEmpty();
        assertThat(r.size()).isEqualTo(4);
        assertThat(r.mpan(0)).isEqualTo(1012345678903L);
        assertThat(r.measurementQuantity(0)).isEqualTo(MeterReads.AI);
        assertThat(r.period(0)).isEqualTo(1);
        assertThat(r.wh(0)).isEqualTo(412_500L);
        assertThat(r.quality(0)).isEqualTo((byte) 'A');
        // 2026-01-16T06:00Z = 1768543200 s since the epoch
        assertThat(r.receivedAt(0)).isEqualTo(1_768_543_200_000_000L);
        assertThat(r.rowId(0)).isEqualTo(2);
        assertThat(r.measurementQuantity(1)).isEqualTo(MeterReads.AE);
        assertThat(r.wh(1)).isEqualTo(1L);
        assertThat(r.quality(1)).isEqualTo((byte) 'E');
        assertThat(r.receivedAt(1)).isEqualTo(1_767_225_600_000_000L); // the default, 2026-01-01T00:00Z
        assertThat(r.wh(2)).isEqualTo(12_345L); // a trailing zero beyond 3 dp is still exact
        assertThat(r.receivedAt(2)).isEqualTo(1_768_543_200_000_001L);
        assertThat(r.wh(3)).isEqualTo(-1_500L); // negative magnitudes load; the calculation quarantines them
        assertThat(r.receivedAt(3)).isEqualTo(1_768_543_200_000_000L); // 07:00+01:00 = 06:00Z
        assertThat(r.rowId(3)).isEqualTo(5);
    }

    @Test
    void test_bad_rows_are_rejected_not_thrown() {
        String text = HEADER
                + "1012345678903,2026-01-15,1,AI,1.2345,A,\n" // 2: 4 dp
                + "1012345678903,2026-01-15,2,AI,abc,A,\n" // 3: not a number
                + "1012345678903,2026-01-15,3,AI,1.000,X,\n" // 4: quality
                + "1012345678903,2026-01-16,4,AI,1.000,A,\n" // 5: another date
                + "101234567890,2026-01-15,5,AI,1.000,A,\n" // 6: 12 digits
                + "1012345678903,2026-01-15,6,RI,1.000,A,\n" // 7: reactive import
                + "1012345678903,2026-01-15,x,AI,1.000,A,\n" // 8: period not a number
                + "1012345678903,2026-01-15,7,AI,1.000,A,yesterday\n" // 9: receipt time
                + "1012345678903,2026-01-15,8,AI,2.000,A,\n"; // 10: good

        MeterReadsFile f = read(text, JAN_15);

        assertThat(f.reads().size()).isEqualTo(1);
        assertThat(f.reads().rowId(0)).isEqualTo(10);
        assertThat(f.rejected())
                .extracting(
                        RejectedRead::line,
                        RejectedRead::field,
                        RejectedRead::value,
                        RejectedRead::reason,
                        RejectedRead::period,
                        RejectedRead::wh)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, "kwh", "1.2345", QuarantineReason.BAD_VALUE, 1, 0L),
                        org.assertj.core.groups.Tuple.tuple(3L, "kwh", "abc", QuarantineReason.BAD_VALUE, 2, 0L),
                        org.assertj.core.groups.Tuple.tuple(4L, "quality", "X", QuarantineReason.BAD_VALUE, 3, 1000L),
                        org.assertj.core.groups.Tuple.tuple(
                                5L, "settlement_date", "2026-01-16", QuarantineReason.BAD_PERIOD, 0, 1000L),
                        org.assertj.core.groups.Tuple.tuple(
                                6L, "mpan", "101234567890", QuarantineReason.BAD_MPAN, 0, 1000L),
                        org.assertj.core.groups.Tuple.tuple(
                                7L, "measurement_quantity", "RI", QuarantineReason.WRONG_MQ, 0, 1000L),
                        org.assertj.core.groups.Tuple.tuple(
                                8L, "settlement_period", "x", QuarantineReason.BAD_PERIOD, 0, 1000L),
                        org.assertj.core.groups.Tuple.tuple(
                                9L, "received_at", "yesterday", QuarantineReason.BAD_VALUE, 7, 1000L));
        assertThat(f.rejected().get(0).message()).isEqualTo("'1.2345' has more than 3 decimal places");
        assertThat(f.rejected().get(0).mpan()).isEqualTo(1012345678903L);
        assertThat(f.rejected().get(4).mpan()).isZero();
        assertThat(f.rejected().get(3).toString())
                .isEqualTo("meter_reads.csv line 5, field settlement_date: '2026-01-16' is not the settlement date"
                        + " 2026-01-15 being read (BAD_PERIOD)");
    }

    @Test
    void test_utc_period_start_maps_to_date_and_period() {
        // the long day 2026-10-25 starts 2026-10-24T23:00Z: 01:00Z is SP5 (01:30a local); the short day 2027-03-28
        // starts 00:00Z and ends 23:00Z, so 23:00Z is SP1 of the next day
        String text = "mpan,utc_period_start,measurement_quantity,kwh,quality\n"
                + "1012345678903,2026-10-25T01:00:00Z,AI,1.000,A\n"
                + "1012345678903,2026-10-24T23:00:00Z,AI,1.000,A\n"
                + "1012345678903,2026-10-25T23:30:00Z,AI,1.000,A\n"
                + "1012345678903,2026-10-25T01:15:00Z,AI,1.000,A\n"
                + "1012345678903,2026-10-26T00:00:00Z,AI,1.000,A\n";

        MeterReadsFile f = read(text, SettlementDate.of(2026, 10, 25));

        assertThat(f.reads().size()).isEqualTo(3);
        assertThat(f.reads().period(0)).isEqualTo(5);
        assertThat(f.reads().period(1)).isEqualTo(1);
        assertThat(f.reads().period(2)).isEqualTo(50);
        assertThat(f.rejected())
                .extracting(RejectedRead::line, RejectedRead::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(5L, QuarantineReason.BAD_PERIOD),
                        org.assertj.core.groups.Tuple.tuple(6L, QuarantineReason.BAD_PERIOD));
        assertThat(f.rejected().get(0).message())
                .isEqualTo("UTC period start 2026-10-25T01:15:00Z is not on a half-hour boundary");
    }

    @Test
    void test_header_must_name_date_and_period_or_utc_start() {
        assertThatThrownBy(() -> read("mpan,measurement_quantity,kwh,quality\n", JAN_15))
                .isInstanceOf(ReferenceFileException.class)
                .hasMessage("meter_reads.csv line 1: the header needs settlement_date and settlement_period, or"
                        + " utc_period_start (one of the two)");
        assertThatThrownBy(() -> read("mpan,settlement_date,measurement_quantity,kwh,quality\n", JAN_15))
                .isInstanceOf(ReferenceFileException.class)
                .hasMessage("meter_reads.csv line 1, field settlement_period: required column is missing from the"
                        + " header (settlement_date and settlement_period go together)");
        assertThatThrownBy(() -> read("mpan,settlement_period,kwh,quality\n", JAN_15))
                .isInstanceOf(ReferenceFileException.class)
                .hasMessage("meter_reads.csv line 1, field measurement_quantity: required column is missing from"
                        + " the header");
    }
}
