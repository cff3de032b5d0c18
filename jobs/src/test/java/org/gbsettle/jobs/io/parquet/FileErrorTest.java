package org.gbsettle.jobs.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.gbsettle.engine.time.SettlementDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files that fail as a whole: schema errors (naming the column and the type expected) and broken files. */
class FileErrorTest {

    private static final SettlementDate JAN_15 = SettlementDate.of(2026, 1, 15);
    private static final Instant DELIVERED = Instant.parse("2026-01-17T00:00:00Z");

    private static final String MPAN = " required int64 mpan;";
    private static final String DATE = " required int32 settlement_date (DATE);";
    private static final String PERIOD = " required int32 settlement_period;";
    private static final String MQ = " required binary measurement_quantity (STRING);";
    private static final String KWH = " required int64 kwh (DECIMAL(12,3));";
    private static final String QUALITY = " required binary quality (STRING);";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no mpan            | -mpan                                                  | mpan              |"
                        + " required column is missing (expected int64)",
                "kwh double         | kwh=required double kwh;                               | kwh               |"
                        + " is double; expected decimal(12,3)",
                "kwh float          | kwh=optional float kwh;                                | kwh               |"
                        + " is float; expected decimal(12,3)",
                "kwh int64          | kwh=required int64 kwh;                                | kwh               |"
                        + " has type int64; expected decimal(12,3)",
                "kwh string         | kwh=required binary kwh (STRING);                      | kwh               |"
                        + " has type binary (STRING); expected decimal(12,3)",
                "mpan string        | mpan=required binary mpan (STRING);                    | mpan              |"
                        + " has type binary (STRING); expected int64",
                "mpan int32         | mpan=required int32 mpan;                              | mpan              |"
                        + " has type int32; expected int64",
                "date as int32      | settlement_date=required int32 settlement_date;        | settlement_date   |"
                        + " has type int32; expected date",
                "date as string     | settlement_date=required binary settlement_date (STRING); | settlement_date |"
                        + " expected date",
                "period as double   | settlement_period=required double settlement_period;   | settlement_period |"
                        + " has type double; expected int32",
                "period repeated    | settlement_period=repeated int32 settlement_period;    | settlement_period |"
                        + " is repeated",
                "no period          | -settlement_period                                     | settlement_period |"
                        + " required column is missing (expected int32)",
                "quality int32      | quality=required int32 quality;                        | quality           |"
                        + " has type int32; expected string",
                "mq as group        | measurement_quantity=required group measurement_quantity { required binary c; }"
                        + " | measurement_quantity | is a group",
                "received_at int64  | +optional int64 received_at;                           | received_at       |"
                        + " has type int64; expected timestamp",
                "received_at date   | +optional int32 received_at (DATE);                    | received_at       |"
                        + " expected timestamp",
                "utc as string      | +optional binary utc_period_start (STRING);            |                   |"
                        + " has both layouts",
            })
    void test_schema_errors_fail_the_file_naming_the_column(String name, String change, String column, String message)
            throws Exception {
        // the contract's columns, one changed: "-name" drops it, "name=declaration" replaces it, "+declaration" adds
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("mpan", MPAN);
        fields.put("settlement_date", DATE);
        fields.put("settlement_period", PERIOD);
        fields.put("measurement_quantity", MQ);
        fields.put("kwh", KWH);
        fields.put("quality", QUALITY);
        String c = change.strip();
        if (c.startsWith("-")) {
            fields.remove(c.substring(1));
        } else if (c.startsWith("+")) {
            fields.put("extra", " " + c.substring(1));
        } else {
            int eq = c.indexOf('=');
            fields.put(c.substring(0, eq), " " + c.substring(eq + 1));
        }
        String schema = "message m {" + String.join("", fields.values()) + " }";
        Path file = dir.resolve("bad_schema.parquet");
        MessageType type = MessageTypeParser.parseMessageType(schema);
        ParquetJavaFiles.write(file, type, ParquetJavaFiles.Options.defaults(), List.of());

        MeterDataFileException e = catchThrowableOfType(
                MeterDataFileException.class, () -> MeterDataParquetReader.read(file, JAN_15, DELIVERED));

        assertThat(e).as(name).isNotNull();
        assertThat(e.file()).isEqualTo("bad_schema.parquet");
        assertThat(e.getMessage()).startsWith("bad_schema.parquet").contains(message.strip());
        if (column == null || column.isBlank()) {
            assertThat(e.column()).isNull();
        } else {
            assertThat(e.column()).isEqualTo(column.strip());
            assertThat(e.getMessage()).startsWith("bad_schema.parquet, column " + column.strip() + ": ");
        }
    }

    @Test
    void test_neither_layout_is_a_schema_error() throws Exception {
        Path file = dir.resolve("no_time.parquet");
        MessageType type = MessageTypeParser.parseMessageType("message m {" + MPAN + MQ + KWH + QUALITY + " }");
        ParquetJavaFiles.write(file, type, ParquetJavaFiles.Options.defaults(), List.of());

        assertThatThrownBy(() -> MeterDataParquetReader.read(file, JAN_15, DELIVERED))
                .isInstanceOf(MeterDataFileException.class)
                .hasMessageStartingWith("no_time.parquet: has neither layout")
                .hasMessageContaining("[mpan, measurement_quantity, kwh, quality]");
    }

    private Path goodFile(String name, ParquetJavaFiles.Options options) throws Exception {
        MessageType schema = ParquetJavaWriterTest.schema("required", ParquetJavaWriterTest.Kwh.INT64, "MICROS");
        Path file = dir.resolve(name);
        ParquetJavaFiles.write(
                file,
                schema,
                options,
                ParquetJavaWriterTest.rows(schema, ParquetJavaWriterTest.Kwh.INT64, "MICROS", 2000, false));
        return file;
    }

    @Test
    void test_a_truncated_file_fails_naming_the_file() throws Exception {
        Path good = goodFile("good.parquet", ParquetJavaFiles.Options.defaults());
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.parquet");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 100));

        assertThatThrownBy(() -> MeterDataParquetReader.read(cut, JAN_15, DELIVERED))
                .isInstanceOf(MeterDataFileException.class)
                .hasMessage("cut.parquet: is not a Parquet file or is truncated (no PAR1 magic at its start and end)");
    }

    @Test
    void test_a_file_cut_in_its_data_with_the_footer_kept_fails_naming_the_file() throws Exception {
        Path good = goodFile("good.parquet", ParquetJavaFiles.Options.defaults());
        byte[] bytes = Files.readAllBytes(good);
        // drop 1000 bytes from the middle: the footer's offsets now point past the data
        byte[] cut = new byte[bytes.length - 1000];
        int middle = bytes.length / 2;
        System.arraycopy(bytes, 0, cut, 0, middle);
        System.arraycopy(bytes, middle + 1000, cut, middle, bytes.length - middle - 1000);
        Path file = dir.resolve("holed.parquet");
        Files.write(file, cut);

        assertThatThrownBy(() -> MeterDataParquetReader.read(file, JAN_15, DELIVERED))
                .isInstanceOf(MeterDataFileException.class)
                .hasMessageStartingWith("holed.parquet");
    }

    @Test
    void test_a_flipped_byte_under_a_page_checksum_fails_naming_the_file() throws Exception {
        Path good = goodFile(
                "good.parquet",
                ParquetJavaFiles.Options.defaults().withChecksums().withDictionary(false));
        byte[] bytes = Files.readAllBytes(good);
        bytes[4 + 200] ^= 0x01; // inside the first page of mpan values (8000 bytes after a short header)
        Path file = dir.resolve("flipped.parquet");
        Files.write(file, bytes);

        assertThatThrownBy(() -> MeterDataParquetReader.read(file, JAN_15, DELIVERED))
                .isInstanceOf(MeterDataFileException.class)
                .hasMessageStartingWith("flipped.parquet: is not a valid Parquet file or is corrupt")
                .hasMessageContaining("page checksum mismatch");
    }

    @Test
    void test_the_problem_of_a_corrupt_file_is_described_without_object_identities() {
        // as parquet-format reports a page header of zeros: the same bytes must give the same recorded message
        java.io.IOException e = new java.io.IOException("can not read class org.apache.parquet.format.PageHeader:"
                + " Required field 'uncompressed_page_size' was not found in serialized data! Struct:"
                + " org.apache.parquet.format.PageHeader$PageHeaderStandardScheme@60739eca");

        assertThat(MeterDataParquetReader.problem(e))
                .isEqualTo("java.io.IOException: can not read class org.apache.parquet.format.PageHeader: Required"
                        + " field 'uncompressed_page_size' was not found in serialized data!");
    }

    @Test
    void test_a_text_file_and_a_missing_file_fail_naming_the_file() throws Exception {
        Path text = dir.resolve("reads.csv.parquet");
        Files.writeString(text, "mpan,settlement_date\n2000024512368,2026-01-15\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MeterDataParquetReader.read(text, JAN_15, DELIVERED))
                .isInstanceOf(MeterDataFileException.class)
                .hasMessageStartingWith("reads.csv.parquet: is not a Parquet file");

        Path missing = dir.resolve("missing.parquet");
        assertThatThrownBy(() -> MeterDataParquetReader.read(missing, JAN_15, DELIVERED))
                .isInstanceOf(MeterDataFileException.class)
                .hasMessageStartingWith("missing.parquet: cannot be read");
    }
}
