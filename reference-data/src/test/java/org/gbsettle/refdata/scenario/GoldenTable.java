package org.gbsettle.refdata.scenario;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A result table in CSV as a golden file holds it: a header and rows. An expected file may name only some of a table's
 * columns (leaving out, say, {@code message}); the actual table is projected onto them and the rows are compared as
 * sorted lists, so row order does not matter.
 */
final class GoldenTable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            .setRecordSeparator("\n")
            .setIgnoreEmptyLines(true)
            .get();

    final List<String> columns;
    final List<List<String>> rows;

    private GoldenTable(List<String> columns, List<List<String>> rows) {
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
    }

    /** Parses CSV text whose first record is the header. */
    static GoldenTable parse(String csv, String name) {
        try (CSVParser p = CSVParser.parse(new StringReader(csv), FORMAT)) {
            List<CSVRecord> records = p.getRecords();
            if (records.isEmpty()) {
                throw new IllegalArgumentException(name + " has no header row");
            }
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord r : records.subList(1, records.size())) {
                rows.add(r.toList());
            }
            return new GoldenTable(records.get(0).toList(), rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * This table reduced to the given columns, in their order.
     *
     * @throws IllegalArgumentException naming the columns this table does not have
     */
    GoldenTable project(List<String> wanted, String name) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i), i);
        }
        List<String> missing =
                wanted.stream().filter(c -> !index.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(name + ": the expected file has columns " + missing
                    + " that the result table lacks; its columns are " + columns);
        }
        List<List<String>> out = new ArrayList<>();
        for (List<String> row : rows) {
            List<String> r = new ArrayList<>();
            for (String c : wanted) {
                r.add(row.get(index.get(c)));
            }
            out.add(r);
        }
        return new GoldenTable(wanted, out);
    }

    /** The rows as CSV lines (quoted where needed), in table order. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        for (List<String> row : rows) {
            out.add(line(row));
        }
        return out;
    }

    /** The table as CSV text: header, rows in table order, LF line ends. */
    String render() {
        StringBuilder sb = new StringBuilder(line(columns)).append('\n');
        lines().forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    /**
     * The differences between the rows of two tables with the same columns, ignoring order: rows expected but not
     * produced, then rows produced but not expected; empty if they hold the same rows.
     */
    static String diff(GoldenTable expected, GoldenTable actual) {
        List<String> missing = new ArrayList<>(expected.lines());
        List<String> unexpected = new ArrayList<>();
        for (String l : actual.lines()) {
            if (!missing.remove(l)) {
                unexpected.add(l);
            }
        }
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return "";
        }
        missing.sort(null);
        unexpected.sort(null);
        StringBuilder sb =
                new StringBuilder("  columns: ").append(line(expected.columns)).append('\n');
        sb.append("  ").append(missing.size()).append(" expected row(s) not produced:\n");
        missing.stream().limit(50).forEach(l -> sb.append("    - ").append(l).append('\n'));
        if (missing.size() > 50) {
            sb.append("    ... and ").append(missing.size() - 50).append(" more\n");
        }
        sb.append("  ").append(unexpected.size()).append(" produced row(s) not expected:\n");
        unexpected.stream().limit(50).forEach(l -> sb.append("    + ").append(l).append('\n'));
        if (unexpected.size() > 50) {
            sb.append("    ... and ").append(unexpected.size() - 50).append(" more\n");
        }
        return sb.toString();
    }

    private static String line(List<String> values) {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(
                w, CSVFormat.RFC4180.builder().setRecordSeparator("").get())) {
            p.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
