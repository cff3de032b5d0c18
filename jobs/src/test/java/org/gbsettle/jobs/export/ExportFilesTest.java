package org.gbsettle.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The export's file writers without a database: decimal widths and two's complement worked out by hand, extreme
 * values written to Parquet and read back with DuckDB, a value that would need rounding refused, CSV quoting read back
 * with Commons CSV, and the manifest's JSON quoting.
 */
class ExportFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "DECIMAL({0}) needs {1} bytes")
    @CsvSource({
        // 10^p - 1 must fit in 8n - 1 bits: 10^9 - 1 < 2^31, 10^10 - 1 >= 2^31 (2,147,483,648) but < 2^39, ...
        "1, 1",
        "2, 1",
        "3, 2",
        "9, 4",
        "10, 5",
        "18, 8",
        "19, 9",
        "38, 16"
    })
    void fixed_length_of_a_decimal(int precision, int bytes) {
        assertThat(ParquetTableWriter.fixedLength(precision)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1, 00000000000000000000000000000001",
        "-1, ffffffffffffffffffffffffffffffff",
        "-256, ffffffffffffffffffffffffffffff00",
        "255, 000000000000000000000000000000ff",
        // 10^38 - 1 = 0x4b3b4ca85a86c47a098a223fffffffff
        "99999999999999999999999999999999999999, 4b3b4ca85a86c47a098a223fffffffff"
    })
    void twos_complement_in_16_bytes(String unscaled, String hex) {
        assertThat(HexFormat.of().formatHex(ParquetTableWriter.twosComplement(new BigInteger(unscaled), 38)))
                .isEqualTo(hex);
    }

    @ParameterizedTest
    @CsvSource({"parquet, PARQUET", "CSV, CSV", "Parquet, PARQUET"})
    void format_names(String text, ExportFormat format) {
        assertThat(ExportFormat.parse(text)).isEqualTo(format);
    }

    @Test
    void an_unknown_format_is_refused() {
        assertThatThrownBy(() -> ExportFormat.parse("xlsx"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Export format must be parquet or csv, not 'xlsx'");
    }

    private static final List<ExportColumn> COLUMNS = List.of(
            ExportColumn.of("n", ColumnType.INT64),
            ExportColumn.of("day", ColumnType.DATE),
            ExportColumn.nullable("text", ColumnType.STRING),
            ExportColumn.of("flag", ColumnType.BOOLEAN),
            ExportColumn.decimal("published", 14, 4),
            ExportColumn.exact("exact"));

    private static Object[] row(long n, LocalDate day, String text, boolean flag, String published, String exact) {
        return new Object[] {n, day, text, flag, new BigDecimal(published), new BigDecimal(exact)};
    }

    @Test
    void extreme_values_written_to_parquet_read_back_the_same_with_duckdb() throws IOException, SQLException {
        Path file = dir.resolve("t.parquet");
        List<Object[]> rows = List.of(
                row(
                        1,
                        LocalDate.of(1970, 1, 1),
                        "a",
                        true,
                        "9999999999.9999",
                        "99999999999999999999.999999999999999999"),
                row(2, LocalDate.of(2026, 1, 15), null, false, "-9999999999.9999", "-0.000000000000000001"),
                row(3, LocalDate.of(2026, 10, 25), "comma, \"quote\"", true, "0", "-99999999999999999999.5"));

        try (ParquetTableWriter w = new ParquetTableWriter(file, "t", COLUMNS, Map.of("gbsettle.table", "t"))) {
            for (Object[] r : rows) {
                w.write(r);
            }
        }

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("SELECT n, CAST(day AS VARCHAR), text, flag, CAST(published AS VARCHAR),"
                        + " CAST(exact AS VARCHAR), typeof(published), typeof(exact), typeof(day)"
                        + " FROM read_parquet('" + file + "') ORDER BY n")) {
            List<String> read = new ArrayList<>();
            while (rs.next()) {
                read.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getBoolean(4) + "|"
                        + rs.getString(5) + "|" + rs.getString(6) + "|" + rs.getString(7) + "|" + rs.getString(8)
                        + "|" + rs.getString(9));
            }
            String types = "|DECIMAL(14,4)|DECIMAL(38,18)|DATE";
            assertThat(read)
                    .containsExactly(
                            "1|1970-01-01|a|true|9999999999.9999|99999999999999999999.999999999999999999" + types,
                            "2|2026-01-15|null|false|-9999999999.9999|-0.000000000000000001" + types,
                            "3|2026-10-25|comma, \"quote\"|true|0.0000|-99999999999999999999.500000000000000000"
                                    + types);
        }
    }

    @ParameterizedTest(name = "{0} does not fit DECIMAL(14,4)")
    @CsvSource({"0.12345, more decimal places", "100000000000.0, more digits", "-123456789012.1, more digits"})
    void a_decimal_that_does_not_fit_is_refused_not_rounded(String value, String message) throws IOException {
        Path file = dir.resolve("bad.parquet");
        try (ParquetTableWriter w = new ParquetTableWriter(file, "t", COLUMNS, Map.of())) {
            assertThatThrownBy(() -> w.write(row(1, LocalDate.of(2026, 1, 15), "a", true, value, "0")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("t.published value " + value + " has " + message);
        }
    }

    @Test
    void csv_quotes_only_what_needs_it_and_reads_back() throws IOException {
        Path file = dir.resolve("t.csv");
        try (CsvTableWriter w = new CsvTableWriter(file, COLUMNS)) {
            w.write(row(
                    1, LocalDate.of(2026, 1, 15), "comma, \"quote\"\nline", true, "0.1902", "0.000000000048021845"));
            w.write(row(2, LocalDate.of(2026, 1, 16), null, false, "-1.0000", "1E-18"));
        }

        String text = Files.readString(file);
        assertThat(text)
                .isEqualTo("n,day,text,flag,published,exact\r\n"
                        + "1,2026-01-15,\"comma, \"\"quote\"\"\nline\",true,0.1902,0.000000000048021845\r\n"
                        + "2,2026-01-16,,false,-1.0000,0.000000000000000001\r\n");
        try (Reader in = Files.newBufferedReader(file);
                CSVParser csv = CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(in)) {
            List<CSVRecord> records = csv.getRecords();
            assertThat(records.get(0).get("text")).isEqualTo("comma, \"quote\"\nline");
            assertThat(records.get(1).get("text")).isEmpty();
        }
    }

    @Test
    void manifest_json_quotes_strings() {
        assertThat(ExportManifest.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
        assertThat(ExportManifest.quote(null)).isEqualTo("null");
    }

    @Test
    void an_exact_columns_scale_is_at_least_18() {
        ExportColumn exact = ExportColumn.exact("x");
        assertThat(exact.typeName()).isEqualTo("DECIMAL(38,18)");
        assertThat(exact.withScale(9).typeName()).isEqualTo("DECIMAL(38,18)");
        assertThat(exact.withScale(20).typeName()).isEqualTo("DECIMAL(38,20)");
        assertThatThrownBy(() -> ExportColumn.decimal("y", 14, 4).withScale(20))
                .isInstanceOf(IllegalStateException.class);
    }
}
