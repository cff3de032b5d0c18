package org.gbsettle.jobs.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.run.QuarantineReason;
import org.gbsettle.engine.time.SettlementDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The UTC layout on the autumn clock-change day 2026-10-25 (50 periods, 2026-10-24T23:00Z to 2026-10-26T00:00Z). */
class UtcLayoutTest {

    private static final SettlementDate OCT_25 = SettlementDate.of(2026, 10, 25);
    private static final Instant DELIVERED = Instant.parse("2026-10-27T00:00:00Z");
    private static final long MPAN = 2_000_024_512_368L;

    @TempDir
    Path dir;

    private static MessageType schema(String utcType) {
        return MessageTypeParser.parseMessageType("message m {"
                + " required int64 mpan;"
                + " optional " + utcType + ";"
                + " required binary measurement_quantity (STRING);"
                + " required fixed_len_byte_array(6) kwh (DECIMAL(12,3));"
                + " required binary quality (STRING);"
                + "}");
    }

    /** The value of an instant in the column's unit: epoch millis, micros, nanos, or 12 INT96 bytes. */
    private static Object value(Instant t, String unit) {
        long nanos = t.getEpochSecond() * 1_000_000_000L + t.getNano();
        return switch (unit) {
            case "MILLIS" -> nanos / 1_000_000;
            case "MICROS" -> nanos / 1000;
            case "NANOS" -> nanos;
            default -> int96(t);
        };
    }

    /** INT96: nanoseconds of the day (8 bytes) then the Julian day number (4 bytes), little-endian. */
    private static byte[] int96(Instant t) {
        long epochDay = Math.floorDiv(t.getEpochSecond(), 86_400L);
        long nanosOfDay = (t.getEpochSecond() - epochDay * 86_400L) * 1_000_000_000L + t.getNano();
        long julianDay = epochDay + 2_440_588L; // 1970-01-01 is Julian day 2,440,588
        byte[] b = new byte[12];
        for (int k = 0; k < 8; k++) {
            b[k] = (byte) (nanosOfDay >>> (8 * k));
        }
        for (int k = 0; k < 4; k++) {
            b[8 + k] = (byte) (julianDay >>> (8 * k));
        }
        return b;
    }

    private static String utcType(String unit) {
        return unit.equals("INT96")
                ? "int96 utc_period_start"
                : "int64 utc_period_start (TIMESTAMP(" + unit + ",false))";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MILLIS", "MICROS", "NANOS", "INT96"})
    void test_every_half_hour_of_the_long_day_maps_to_its_period(String unit) throws Exception {
        MessageType schema = schema(utcType(unit));
        TestRows rows = new TestRows(schema);
        List<Group> groups = new ArrayList<>();
        Instant start = Instant.parse("2026-10-24T23:00:00Z"); // local midnight, BST
        for (int k = 0; k < 50; k++) { // 25 hours to 2026-10-26T00:00Z (midnight GMT)
            groups.add(rows.row(
                    "mpan",
                    MPAN,
                    "utc_period_start",
                    value(start.plusSeconds(1800L * k), unit),
                    "measurement_quantity",
                    "AI",
                    "kwh",
                    ParquetJavaWriterTest.bigEndian(k, 6),
                    "quality",
                    "A"));
        }
        Path file = dir.resolve("utc.parquet");
        ParquetJavaFiles.write(file, schema, ParquetJavaFiles.Options.defaults(), groups);

        MeterDataFile f = MeterDataParquetReader.read(file, OCT_25, DELIVERED);

        assertThat(f.rejected()).isEmpty();
        assertThat(f.stats().layout()).isEqualTo(MeterDataLayout.UTC_PERIOD_START);
        MeterReads r = f.reads();
        assertThat(r.size()).isEqualTo(50);
        for (int k = 0; k < 50; k++) {
            assertThat(r.period(k)).isEqualTo(k + 1);
            assertThat(r.wh(k)).isEqualTo(k);
        }
        // by hand (domain.md §2): SP5 = 01:00Z (01:30a), SP6 = 01:30Z (02:00a), SP50 = 23:30Z
        assertThat(r.period(4)).isEqualTo(5);
        assertThat(r.period(49)).isEqualTo(50);
    }

    @Test
    void test_utc_starts_off_the_date_or_the_half_hour_are_rejected() throws Exception {
        MessageType schema = schema(utcType("MICROS"));
        TestRows rows = new TestRows(schema);
        String[] starts = {
            "2026-10-25T01:00:00Z", // 1: SP5
            "2026-10-24T22:30:00Z", // 2: the last period of 2026-10-24 (BST: SP48)
            "2026-10-26T00:00:00Z", // 3: the first period of 2026-10-26
            "2026-10-25T00:15:00Z", // 4: off the half hour
            null, // 5: null
        };
        List<Group> groups = new ArrayList<>();
        for (String s : starts) {
            groups.add(rows.row(
                    "mpan",
                    MPAN,
                    "utc_period_start",
                    s == null ? null : value(Instant.parse(s), "MICROS"),
                    "measurement_quantity",
                    "AE",
                    "kwh",
                    ParquetJavaWriterTest.bigEndian(1500, 6),
                    "quality",
                    "E"));
        }
        Path file = dir.resolve("utc_bad.parquet");
        ParquetJavaFiles.write(file, schema, ParquetJavaFiles.Options.defaults(), groups);

        MeterDataFile f = MeterDataParquetReader.read(file, OCT_25, DELIVERED);

        assertThat(f.reads().size()).isEqualTo(1);
        assertThat(f.reads().period(0)).isEqualTo(5);
        assertThat(f.rejected())
                .extracting(RejectedRow::row, RejectedRow::field, RejectedRow::value, RejectedRow::reason)
                .containsExactly(
                        tuple(2L, "utc_period_start", "2026-10-24T22:30:00Z", QuarantineReason.BAD_PERIOD),
                        tuple(3L, "utc_period_start", "2026-10-26T00:00:00Z", QuarantineReason.BAD_PERIOD),
                        tuple(4L, "utc_period_start", "2026-10-25T00:15:00Z", QuarantineReason.BAD_PERIOD),
                        tuple(5L, "utc_period_start", "", QuarantineReason.BAD_PERIOD));
        assertThat(f.rejected().get(0).message())
                .isEqualTo("'2026-10-24T22:30:00Z' starts 2026-10-24 SP48 (22:30Z), not a period of 2026-10-25");
        assertThat(f.rejected().get(2).message()).contains("not on a half-hour boundary");
        assertThat(LocalDate.of(2026, 10, 25)).isEqualTo(OCT_25.date());
    }
}
