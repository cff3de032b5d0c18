package org.gbsettle.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gbsettle.jobs.io.postgres.QueryResult;
import org.gbsettle.jobs.io.postgres.QueryResult.Column;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryOutputTest {

    private static final List<Column> COLUMNS =
            List.of(new Column("gsp_group", false), new Column("supplier_id", false), new Column("mwh", true));

    private static List<@Nullable String> row(@Nullable String... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    @Test
    void a_table_has_the_header_aligned_columns_numbers_right_null_empty_and_the_row_count() {
        QueryResult result = new QueryResult(
                COLUMNS,
                List.of(row("_A", "ALBA", "123.4567"), row("_B", "BRIGHTON", "-0.5"), row("_B", null, null)),
                false);

        // widths: gsp_group 9, supplier_id 11 (BRIGHTON is 8), mwh 8 (123.4567); two spaces between columns;
        // the last line's trailing blanks are stripped
        assertThat(QueryOutput.table(result, 1000)).isEqualTo("""
                gsp_group  supplier_id       mwh
                _A         ALBA         123.4567
                _B         BRIGHTON         -0.5
                _B
                (3 rows)
                """);
    }

    @Test
    void one_row_is_one_row_and_none_is_zero_rows_under_the_header() {
        assertThat(QueryOutput.table(new QueryResult(COLUMNS, List.of(row("_A", "ALBA", "1")), false), 10))
                .endsWith("\n(1 row)\n");
        assertThat(QueryOutput.table(new QueryResult(COLUMNS, List.of(), false), 10))
                .isEqualTo("gsp_group  supplier_id  mwh\n(0 rows)\n");
    }

    @Test
    void a_truncated_table_says_there_are_more() {
        QueryResult result = new QueryResult(List.of(new Column("n", true)), List.of(row("1"), row("2")), true);

        assertThat(QueryOutput.table(result, 2))
                .isEqualTo("n\n1\n2\n(first 2 rows shown; there are more: --max-rows 2)\n");
    }

    @Test
    void line_breaks_and_tabs_inside_a_value_keep_the_row_on_one_line() {
        QueryResult result =
                new QueryResult(List.of(new Column("failure", false)), List.of(row("_A: one\n_B:\ttwo\r")), false);

        assertThat(QueryOutput.table(result, 10)).isEqualTo("failure\n_A: one\\n_B:\\ttwo\\r\n(1 row)\n");
    }

    @Test
    void a_statement_without_a_result_set_prints_no_rows_and_an_empty_csv() {
        QueryResult none = new QueryResult(List.of(), List.of(), false);

        assertThat(QueryOutput.table(none, 10)).isEqualTo("(no rows: the statement returns no result set)\n");
        assertThat(QueryOutput.csv(none)).isEmpty();
    }

    @Test
    void csv_is_rfc_4180_with_a_header_crlf_quotes_where_needed_and_null_empty() {
        QueryResult result = new QueryResult(
                List.of(new Column("id", true), new Column("text", false)),
                List.of(
                        row("1", "plain"),
                        row("2", "a, b"),
                        row("3", "say \"hi\""),
                        row("4", "two\nlines"),
                        row("5", null)),
                false);

        // RFC 4180: CRLF after every record; a field with a comma, quote or line break is quoted, quotes doubled
        assertThat(QueryOutput.csv(result))
                .isEqualTo("id,text\r\n1,plain\r\n2,\"a, b\"\r\n3,\"say \"\"hi\"\"\"\r\n4,\"two\nlines\"\r\n5,\r\n");
    }

    @Test
    void csv_reads_back_to_the_values() throws IOException {
        List<List<@Nullable String>> rows = List.of(row("_A", "O'Neil, \"Q\"", "0.0001"), row("_B", "\r\n", "-12"));
        QueryResult result = new QueryResult(COLUMNS, rows, false);

        List<List<String>> read = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(
                new StringReader(QueryOutput.csv(result)),
                CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get())) {
            assertThat(parser.getHeaderNames()).containsExactly("gsp_group", "supplier_id", "mwh");
            for (CSVRecord r : parser) {
                read.add(r.toList());
            }
        }
        assertThat(read).isEqualTo(rows);
    }

    @ParameterizedTest(name = "{0} rows, truncated {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0 | false | (0 rows)
            1 | false | (1 row)
            2 | false | (2 rows)
            2 | true  | (first 2 rows shown; there are more: --max-rows 2)
            """)
    void the_count_line(int rows, boolean truncated, String expected) {
        List<List<@Nullable String>> values = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            values.add(row(Integer.toString(i)));
        }
        QueryResult result = new QueryResult(List.of(new Column("n", true)), values, truncated);

        assertThat(QueryOutput.count(result, rows)).isEqualTo(expected);
    }
}
