package org.gbsettle.jobs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.gbsettle.jobs.io.postgres.QueryResult;
import org.jspecify.annotations.Nullable;

/**
 * How {@code query} prints a result: an aligned text table (the header, one line per row, numbers right-aligned,
 * NULL as nothing, then {@code (N rows)}), or RFC 4180 CSV with a header row.
 */
final class QueryOutput {

    private QueryOutput() {}

    /**
     * The result as a text table, each line ending in a line feed: columns as {@link RunStatusTable#table}, line
     * breaks and tabs inside a value shown as {@code \n}, {@code \r}, {@code \t} so a row stays on one line; then the
     * row count, saying when rows were left out. A statement without a result set prints only {@code (no rows)}.
     */
    static String table(QueryResult result, int maxRows) {
        if (!result.hasResultSet()) {
            return "(no rows: the statement returns no result set)\n";
        }
        List<String[]> rows = new ArrayList<>(result.rows().size() + 1);
        boolean[] right = new boolean[result.columns().size()];
        String[] header = new String[right.length];
        for (int c = 0; c < right.length; c++) {
            QueryResult.Column column = result.columns().get(c);
            header[c] = oneLine(column.name());
            right[c] = column.numeric();
        }
        rows.add(header);
        for (List<@Nullable String> row : result.rows()) {
            String[] cells = new String[right.length];
            for (int c = 0; c < right.length; c++) {
                String value = row.get(c);
                cells[c] = value == null ? "" : oneLine(value);
            }
            rows.add(cells);
        }
        return RunStatusTable.table(rows, right) + count(result, maxRows) + "\n";
    }

    /** The closing line of a table: {@code (1 row)}, {@code (N rows)}, or the first N of more. */
    static String count(QueryResult result, int maxRows) {
        int n = result.rows().size();
        if (result.truncated()) {
            return "(first " + n + " rows shown; there are more: --max-rows " + maxRows + ")";
        }
        return n == 1 ? "(1 row)" : "(" + n + " rows)";
    }

    /**
     * The result as RFC 4180 CSV: a header row, then the rows; fields quoted when they hold a comma, quote or line
     * break; records end in CRLF; NULL is an empty field. A statement without a result set gives nothing.
     */
    static String csv(QueryResult result) {
        if (!result.hasResultSet()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(sb, CSVFormat.RFC4180)) {
            List<String> header = new ArrayList<>();
            for (QueryResult.Column column : result.columns()) {
                header.add(column.name());
            }
            printer.printRecord(header);
            for (List<@Nullable String> row : result.rows()) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    private static String oneLine(String value) {
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0 && value.indexOf('\t') < 0) {
            return value;
        }
        return value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }
}
