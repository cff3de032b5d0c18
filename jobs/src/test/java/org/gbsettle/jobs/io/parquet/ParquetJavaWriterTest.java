package org.gbsettle.jobs.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.time.SettlementDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Files written by parquet-java's own writer, in every combination that matters, decoded column by column. */
class ParquetJavaWriterTest {

    static final SettlementDate JAN_15 = SettlementDate.of(2026, 1, 15);
    /** 2026-01-15 = 20468 days since 1970-01-01 (56 years x 365 + 14 leap days + 14 days of January). */
    static final int JAN_15_DAYS = 20_468;

    static final Instant DELIVERED = Instant.parse("2026-01-17T00:00:00Z");
    /** 2026-01-17T00:00Z = 1768608000 s since the epoch. */
    static final long DELIVERED_MICROS = 1_768_608_000_000_000L;

    @TempDir
    Path dir;

    /** How kwh is stored. */
    enum Kwh {
        INT64("int64 kwh (DECIMAL(12,3))", 3),
        INT32("int32 kwh (DECIMAL(9,3))", 3),
        FIXED("fixed_len_byte_array(6) kwh (DECIMAL(12,3))", 3),
        BINARY("binary kwh (DECIMAL(12,3))", 3),
        INT64_SCALE_6("int64 kwh (DECIMAL(18,6))", 6);

        final String type;
        final int scale;

        Kwh(String type, int scale) {
            this.type = type;
            this.scale = scale;
        }
    }

    static MessageType schema(String repetition, Kwh kwh, String timeUnit) {
        String r = repetition;
        return MessageTypeParser.parseMessageType("message meter_data {"
                + r + " int64 mpan;"
                + r + " int32 settlement_date (DATE);"
                + r + " int32 settlement_period;"
                + r + " binary measurement_quantity (STRING);"
                + r + " " + kwh.type + ";"
                + r + " binary quality (STRING);"
                + " optional int64 received_at (TIMESTAMP(" + timeUnit + ",true));"
                + " optional binary comment (STRING);"
                + "}");
    }

    /** Rows 0..n-1 by {@link SampleRows}; with {@code nullReceipts}, every 11th receipt time is null. */
    static List<Group> rows(MessageType schema, Kwh kwh, String timeUnit, int n, boolean nullReceipts) {
        SimpleGroupFactory f = new SimpleGroupFactory(schema);
        List<Group> rows = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            Group g = f.newGroup()
                    .append("mpan", SampleRows.mpan(i))
                    .append("settlement_date", JAN_15_DAYS)
                    .append("settlement_period", SampleRows.period(i))
                    .append("measurement_quantity", SampleRows.mq(i));
            long unscaled = SampleRows.wh(i) * (kwh == Kwh.INT64_SCALE_6 ? 1000 : 1);
            switch (kwh) {
                case INT64, INT64_SCALE_6 -> g.append("kwh", unscaled);
                case INT32 -> g.append("kwh", (int) unscaled);
                case FIXED -> g.append("kwh", Binary.fromConstantByteArray(bigEndian(unscaled, 6)));
                case BINARY -> g.append("kwh", Binary.fromConstantByteArray(bigEndian(unscaled, 8)));
            }
            g.append("quality", SampleRows.quality(i));
            if (!(nullReceipts && i % 11 == 0)) {
                long micros = SampleRows.receivedMicros(i);
                g.append(
                        "received_at",
                        switch (timeUnit) {
                            case "MILLIS" -> micros / 1000;
                            case "NANOS" -> micros * 1000;
                            default -> micros;
                        });
            }
            rows.add(g);
        }
        return rows;
    }

    /** Two's complement, big-endian, in {@code length} bytes. */
    static byte[] bigEndian(long v, int length) {
        byte[] b = new byte[length];
        for (int k = length - 1; k >= 0; k--) {
            b[k] = (byte) (v >> (8 * (length - 1 - k)));
        }
        return b;
    }

    /** Compares every column of every row with the formula, and the totals. */
    static void assertSampleRows(MeterReads r, int n, boolean nullReceipts) {
        assertThat(r.size()).isEqualTo(n);
        long expectedTotal = 0;
        long total = 0;
        for (int i = 0; i < n; i++) {
            assertThat(r.mpan(i)).as("mpan row %d", i).isEqualTo(SampleRows.mpan(i));
            assertThat(r.measurementQuantity(i)).as("mq row %d", i).isEqualTo(SampleRows.mqCode(i));
            assertThat(r.period(i)).as("period row %d", i).isEqualTo(SampleRows.period(i));
            assertThat(r.wh(i)).as("wh row %d", i).isEqualTo(SampleRows.wh(i));
            assertThat(r.quality(i)).as("quality row %d", i).isEqualTo((byte)
                    SampleRows.quality(i).charAt(0));
            long received = nullReceipts && i % 11 == 0 ? DELIVERED_MICROS : SampleRows.receivedMicros(i);
            assertThat(r.receivedAt(i)).as("received_at row %d", i).isEqualTo(received);
            assertThat(r.rowId(i)).as("row id %d", i).isEqualTo(i + 1);
            expectedTotal += SampleRows.wh(i);
            total += r.wh(i);
        }
        assertThat(total).isEqualTo(expectedTotal);
    }

    static Stream<Arguments> combinations() {
        List<Arguments> list = new ArrayList<>();
        CompressionCodecName[] codecs = {
            CompressionCodecName.UNCOMPRESSED,
            CompressionCodecName.SNAPPY,
            CompressionCodecName.ZSTD,
            CompressionCodecName.GZIP,
            CompressionCodecName.LZ4_RAW
        };
        String[] units = {"MILLIS", "MICROS", "NANOS"};
        int k = 0;
        for (WriterVersion version : new WriterVersion[] {WriterVersion.PARQUET_1_0, WriterVersion.PARQUET_2_0}) {
            for (boolean dictionary : new boolean[] {true, false}) {
                for (String repetition : new String[] {"required", "optional"}) {
                    CompressionCodecName codec = codecs[k % codecs.length];
                    Kwh kwh = Kwh.values()[k % Kwh.values().length];
                    String unit = units[k % units.length];
                    list.add(Arguments.of(
                            new ParquetJavaFiles.Options(codec, version, dictionary, 1000, 300),
                            repetition,
                            kwh,
                            unit));
                    k++;
                }
            }
        }
        // every codec and kwh storage at least once more, v2 and plain
        for (int c = 0; c < codecs.length; c++) {
            list.add(Arguments.of(
                    new ParquetJavaFiles.Options(codecs[c], WriterVersion.PARQUET_2_0, c % 2 == 0, 700, 128),
                    "optional",
                    Kwh.values()[c],
                    units[(c + 1) % units.length]));
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("combinations")
    void test_decodes_every_column_exactly(ParquetJavaFiles.Options options, String repetition, Kwh kwh, String unit)
            throws Exception {
        int n = 4_321; // 5 row groups of at most 1000 rows (or 7 of 700), several pages each
        boolean nullReceipts = repetition.equals("optional");
        MessageType schema = schema(repetition, kwh, unit);
        Path file = dir.resolve("meter_data.parquet");
        ParquetJavaFiles.write(file, schema, options, rows(schema, kwh, unit, n, nullReceipts));

        MeterDataFile f = MeterDataParquetReader.read(file, JAN_15, DELIVERED);

        assertThat(f.rejected()).isEmpty();
        assertSampleRows(f.reads(), n, nullReceipts);
        MeterDataStats s = f.stats();
        assertThat(s.rowsRead()).isEqualTo(n);
        assertThat(s.accepted()).isEqualTo(n);
        assertThat(s.rowGroups()).isEqualTo((n + options.rowGroupRows() - 1) / options.rowGroupRows());
        assertThat(s.layout()).isEqualTo(MeterDataLayout.DATE_AND_PERIOD);
        assertThat(s.createdBy()).startsWith("parquet-mr");
        assertThat(s.sha256()).isEqualTo(TestFiles.sha256(file));
    }

    @Test
    void test_row_ids_start_at_the_callers_base() throws Exception {
        MessageType schema = schema("required", Kwh.INT64, "MICROS");
        Path file = dir.resolve("based.parquet");
        ParquetJavaFiles.write(
                file, schema, ParquetJavaFiles.Options.defaults(), rows(schema, Kwh.INT64, "MICROS", 3, false));

        MeterReads r =
                MeterDataParquetReader.read(file, JAN_15, DELIVERED, 7L << 32).reads();

        assertThat(r.rowId(0)).isEqualTo((7L << 32) + 1);
        assertThat(r.rowId(2)).isEqualTo((7L << 32) + 3);
    }

    @Test
    void test_the_delivery_time_must_be_whole_microseconds() {
        Instant nanos = Instant.parse("2026-01-17T00:00:00.000000001Z");
        assertThatThrownBy(() -> MeterDataParquetReader.read(dir.resolve("x.parquet"), JAN_15, nanos))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finer than a microsecond");
    }

    @Test
    void test_no_hadoop_on_the_test_class_path() {
        // the reads above ran without Hadoop: it is not there to be loaded
        assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
