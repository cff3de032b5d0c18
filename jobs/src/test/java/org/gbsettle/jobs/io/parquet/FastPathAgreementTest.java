package org.gbsettle.jobs.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.run.QuarantineReason;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.io.parquet.MeterDataParquetReader.Decoding;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast column-chunk decoder gives the same {@link MeterDataFile} as the general path (parquet-java's column
 * reader) on files from DuckDB and parquet-java: v1 and v2 pages, dictionary on, off and falling back to PLAIN mid
 * chunk, REQUIRED and OPTIONAL columns with nulls in every column, several pages and row groups, three codecs, unknown
 * measurement quantities and qualities, rows of another date. Files the fast decoder covers whole are also read with
 * {@link Decoding#FAST_ONLY}, which fails if any chunk falls back, so the comparison is not of the general path with
 * itself.
 */
class FastPathAgreementTest {

    private static final SettlementDate JAN_15 = SettlementDate.of(2026, 1, 15);
    private static final int D = 20_468; // 2026-01-15 in days since the epoch
    private static final Instant DELIVERED = Instant.parse("2026-01-17T00:00:00Z");
    private static final int N = 3_000;

    @TempDir
    Path dir;

    static MessageType schema(String repetition, String kwhType) {
        String r = repetition;
        return MessageTypeParser.parseMessageType("message meter_data {"
                + r + " int64 mpan;"
                + r + " int32 settlement_date (DATE);"
                + r + " int32 settlement_period;"
                + r + " binary measurement_quantity (STRING);"
                + r + " " + kwhType + " kwh (DECIMAL(" + (kwhType.equals("int32") ? 9 : 12) + ",3));"
                + r + " binary quality (STRING);"
                + " optional int64 received_at (TIMESTAMP(MICROS,true));"
                + "}");
    }

    /**
     * Row {@code i}: nulls (OPTIONAL columns only) every 101st..131st row at different offsets per column; a 14-digit
     * MPAN every 211th, another date every 127th, MQ "XX" every 89th and "é" every 97th, quality "Q" every 83rd and " A
     * " (valid: spaces are ignored) every 79th; receipt time null every 11th.
     */
    static @Nullable Object[] fields(long i, boolean optional) {
        boolean o = optional;
        Long mpan = o && i % 101 == 3 ? null : i % 211 == 9 ? 10_000_000_000_000L + i : SampleRows.mpan(i);
        Integer date = o && i % 113 == 7 ? null : i % 127 == 10 ? D + 1 : D;
        Integer period = o && i % 131 == 8 ? null : SampleRows.period(i);
        String mq = o && i % 103 == 4 ? null : i % 89 == 1 ? "XX" : i % 97 == 2 ? "é" : SampleRows.mq(i);
        Long kwh = o && i % 109 == 6 ? null : SampleRows.wh(i);
        String quality = o && i % 107 == 5 ? null : i % 83 == 3 ? "Q" : i % 79 == 4 ? " A " : SampleRows.quality(i);
        Long received = i % 11 == 0 ? null : SampleRows.receivedMicros(i);
        return new Object[] {
            "mpan", mpan,
            "settlement_date", date,
            "settlement_period", period,
            "measurement_quantity", mq,
            "kwh", kwh,
            "quality", quality,
            "received_at", received
        };
    }

    static List<Group> rows(MessageType schema, boolean optional) {
        TestRows t = new TestRows(schema);
        List<Group> rows = new ArrayList<>();
        for (long i = 0; i < N; i++) {
            rows.add(t.row(fields(i, optional)));
        }
        return rows;
    }

    static Stream<Arguments> parquetJavaFiles() {
        List<Arguments> list = new ArrayList<>();
        CompressionCodecName[] codecs = {
            CompressionCodecName.UNCOMPRESSED, CompressionCodecName.SNAPPY, CompressionCodecName.ZSTD
        };
        int k = 0;
        for (WriterVersion version : new WriterVersion[] {WriterVersion.PARQUET_1_0, WriterVersion.PARQUET_2_0}) {
            for (boolean dictionary : new boolean[] {true, false}) {
                for (String repetition : new String[] {"required", "optional"}) {
                    list.add(Arguments.of(
                            new ParquetJavaFiles.Options(codecs[k % codecs.length], version, dictionary, 1000, 100),
                            repetition,
                            k % 4 == 3 ? "int32" : "int64"));
                    k++;
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} kwh")
    @MethodSource("parquetJavaFiles")
    void test_parquet_java_files_decode_the_same_on_both_paths(
            ParquetJavaFiles.Options options, String repetition, String kwhType) throws Exception {
        boolean optional = repetition.equals("optional");
        MessageType schema = schema(repetition, kwhType);
        Path file = dir.resolve("parquet-java.parquet");
        ParquetJavaFiles.write(file, schema, options, rows(schema, optional));

        MeterDataFile general = read(file, Decoding.GENERAL);

        assertHasEveryKindOfRejection(general, optional);
        assertThat(general.stats().rowGroups()).isEqualTo(3);
        if (options.version() == WriterVersion.PARQUET_1_0) {
            assertSame(read(file, Decoding.FAST_ONLY), general);
        }
        // v2: parquet-java writes non-dictionary integers DELTA_BINARY_PACKED, which the general path reads
        assertSame(read(file, Decoding.FAST), general);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PARQUET_1_0", "PARQUET_2_0"})
    void test_a_dictionary_that_falls_back_to_plain_mid_chunk(WriterVersion version) throws Exception {
        MessageType schema = schema("optional", "int64");
        Path file = dir.resolve("fallback.parquet");
        // one row group of 3000 rows in pages of 100; the MPAN dictionary (63 distinct 8-byte values + the 14-digit
        // ones) passes 256 bytes after ~32 distinct values, so later pages of the chunk are PLAIN
        ParquetJavaFiles.write(
                file,
                schema,
                new ParquetJavaFiles.Options(CompressionCodecName.SNAPPY, version, true, 10_000, 100),
                rows(schema, true),
                256);

        // v1 falls back to PLAIN (the fast decoder's), v2 to DELTA_BINARY_PACKED (the general path's)
        boolean v1 = version == WriterVersion.PARQUET_1_0;
        assertThat(mpanEncodings(file))
                .contains(v1 ? "PLAIN," : "DELTA_BINARY_PACKED")
                .containsPattern("(PLAIN|RLE)_DICTIONARY");
        MeterDataFile general = read(file, Decoding.GENERAL);
        assertHasEveryKindOfRejection(general, true);
        assertSame(read(file, v1 ? Decoding.FAST_ONLY : Decoding.FAST), general);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"fixed_len_byte_array(6)", "binary"})
    void test_a_column_the_fast_decoder_does_not_cover_is_read_by_the_general_path(String kwhType) throws Exception {
        MessageType schema = schema("optional", kwhType);
        Path file = dir.resolve("mixed.parquet");
        TestRows t = new TestRows(schema);
        List<Group> rows = new ArrayList<>();
        for (long i = 0; i < N; i++) {
            @Nullable Object[] f = fields(i, true);
            Long kwh = (Long) f[9];
            f[9] = kwh == null ? null : ParquetJavaWriterTest.bigEndian(kwh, 6);
            rows.add(t.row(f));
        }
        ParquetJavaFiles.write(file, schema, ParquetJavaFiles.Options.defaults(), rows);

        MeterDataFile general = read(file, Decoding.GENERAL);
        assertHasEveryKindOfRejection(general, true);
        assertSame(read(file, Decoding.FAST), general);
    }

    /** The same rows as {@link #fields} as a DuckDB query (every column nullable, so OPTIONAL). */
    static String duckDbSelect(boolean utc) {
        String when = utc
                ? " CASE WHEN i % 131 = 8 THEN NULL ELSE make_timestamp(1768435200000000 + (i % 48) * 1800000000"
                        + " + CASE WHEN i % 127 = 10 THEN 86400000000 ELSE 0 END"
                        + " + CASE WHEN i % 137 = 11 THEN 60000000 ELSE 0 END) END::TIMESTAMPTZ AS utc_period_start,"
                : " CASE WHEN i % 113 = 7 THEN NULL WHEN i % 127 = 10 THEN DATE '2026-01-16'"
                        + " ELSE DATE '2026-01-15' END AS settlement_date,"
                        + " CASE WHEN i % 131 = 8 THEN NULL ELSE i % 48 + 1 END::INTEGER AS settlement_period,";
        return "SELECT i,"
                + " CASE WHEN i % 101 = 3 THEN NULL WHEN i % 211 = 9 THEN 10000000000000 + i"
                + " WHEN i % 1000 = 5 THEN 123456789012 ELSE 2000000000000 + (i // 48) * 7 END::BIGINT AS mpan,"
                + when
                + " CASE WHEN i % 103 = 4 THEN NULL WHEN i % 89 = 1 THEN 'XX' WHEN i % 97 = 2 THEN 'é'"
                + " WHEN i % 5 = 0 THEN 'AE' ELSE 'AI' END AS measurement_quantity,"
                + " CASE WHEN i % 109 = 6 THEN NULL ELSE ((i * 7919 % 2000000)::DECIMAL(18,0) * 0.001)"
                + " END::DECIMAL(12,3) AS kwh,"
                + " CASE WHEN i % 107 = 5 THEN NULL WHEN i % 83 = 3 THEN 'Q' WHEN i % 79 = 4 THEN ' A '"
                + " WHEN i % 7 = 0 THEN 'E' ELSE 'A' END AS quality,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE make_timestamp(" + SampleRows.RECEIVED_BASE_MICROS
                + " + i * 1000000) END::TIMESTAMPTZ AS received_at"
                + " FROM range(" + N + ") t(i) ORDER BY i";
    }

    @ParameterizedTest(name = "{0} utc={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "COMPRESSION snappy                                  | false | true",
                "COMPRESSION zstd, ROW_GROUP_SIZE 1024               | false | true",
                "COMPRESSION uncompressed, ROW_GROUP_SIZE 1024       | true  | true",
                "COMPRESSION snappy, ROW_GROUP_SIZE 2048             | true  | true",
                "COMPRESSION zstd, PARQUET_VERSION V2                | false | false",
                "COMPRESSION snappy, PARQUET_VERSION V2, ROW_GROUP_SIZE 1024 | true | false",
            })
    void test_duckdb_files_decode_the_same_on_both_paths(String options, boolean utc, boolean allFast)
            throws Exception {
        Path file = dir.resolve("duckdb.parquet");
        DuckDbFiles.write(file, duckDbSelect(utc), options.strip());

        MeterDataFile general = read(file, Decoding.GENERAL);

        assertHasEveryKindOfRejection(general, true);
        if (allFast) {
            assertSame(read(file, Decoding.FAST_ONLY), general);
        }
        assertSame(read(file, Decoding.FAST), general);
    }

    private static MeterDataFile read(Path file, Decoding decoding) {
        return MeterDataParquetReader.read(file, JAN_15, DELIVERED, 1000, decoding);
    }

    /** Each rule's rejections are there, so that the comparison covers them. */
    private static void assertHasEveryKindOfRejection(MeterDataFile f, boolean nulls) {
        assertThat(f.rejected())
                .extracting(RejectedRow::reason)
                .contains(
                        QuarantineReason.BAD_MPAN,
                        QuarantineReason.WRONG_MQ,
                        QuarantineReason.BAD_PERIOD,
                        QuarantineReason.BAD_VALUE);
        assertThat(f.rejected()).extracting(RejectedRow::value).contains("XX", "é", "Q");
        if (nulls) {
            assertThat(f.rejected()).extracting(RejectedRow::value).contains("");
        }
        assertThat(f.otherDates()).isNotEmpty();
        assertThat(f.stats().accepted()).isGreaterThan(N * 8 / 10);
    }

    private static void assertSame(MeterDataFile actual, MeterDataFile expected) {
        assertThat(actual.fileName()).isEqualTo(expected.fileName());
        MeterReads a = actual.reads();
        MeterReads e = expected.reads();
        assertThat(a.size()).isEqualTo(e.size());
        int n = e.size();
        assertThat(Arrays.copyOf(a.mpanColumn(), n)).containsExactly(Arrays.copyOf(e.mpanColumn(), n));
        assertThat(Arrays.copyOf(a.measurementQuantityColumn(), n))
                .containsExactly(Arrays.copyOf(e.measurementQuantityColumn(), n));
        assertThat(Arrays.copyOf(a.periodColumn(), n)).containsExactly(Arrays.copyOf(e.periodColumn(), n));
        assertThat(Arrays.copyOf(a.whColumn(), n)).containsExactly(Arrays.copyOf(e.whColumn(), n));
        assertThat(Arrays.copyOf(a.qualityColumn(), n)).containsExactly(Arrays.copyOf(e.qualityColumn(), n));
        assertThat(Arrays.copyOf(a.receivedAtColumn(), n)).containsExactly(Arrays.copyOf(e.receivedAtColumn(), n));
        assertThat(a.sameRows(e)).isTrue();
        assertThat(actual.rejected()).containsExactlyElementsOf(expected.rejected());
        assertThat(actual.stats()).isEqualTo(expected.stats());
        assertThat(actual.otherDates()).containsExactlyElementsOf(expected.otherDates());
        assertThat(actual.otherDateRows()).isEqualTo(expected.otherDateRows());
    }

    /** The encodings of the first MPAN chunk, as DuckDB reads them from the footer. */
    private static String mpanEncodings(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT encodings FROM parquet_metadata('"
                        + file.toString().replace("'", "''") + "') WHERE path_in_schema = 'mpan'")) {
            assertThat(r.next()).isTrue();
            return r.getString(1);
        }
    }
}
