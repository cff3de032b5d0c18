package org.gbsettle.refdata.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gbsettle.refdata.Problems;
import org.jspecify.annotations.Nullable;

/**
 * One CSV file read for a parser: RFC 4180 quoting, UTF-8 (a leading byte-order mark is dropped), header row checked
 * against the parser's columns, values stripped of surrounding spaces, blank lines skipped. Each row keeps its
 * 1-based line number (the header is line 1) for messages.
 */
final class CsvTable {

    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    final String file;
    final List<Row> rows;
    private final Map<String, Integer> index;

    private CsvTable(String file, Map<String, Integer> index, List<Row> rows) {
        this.file = file;
        this.index = index;
        this.rows = rows;
    }

    /** One data row: its line number and values in header order. */
    static final class Row {
        final long line;
        private final String[] values;

        Row(long line, String[] values) {
            this.line = line;
            this.values = values;
        }
    }

    /**
     * A table of already-split text values (a Parquet file rendered as text): the columns are checked as a CSV header
     * is (problems at line 0, the file as a whole), values are stripped, and each row keeps its row number.
     */
    static CsvTable of(TextTable table, List<String> required, List<String> optional, Problems problems) {
        Map<String, Integer> index = new HashMap<>();
        if (!header(table.file(), 0, table.columns().toArray(new String[0]), required, optional, index, problems)) {
            return new CsvTable(table.file(), Map.of(), List.of());
        }
        List<Row> rows = new ArrayList<>(table.rows().size());
        for (TextTable.Row r : table.rows()) {
            String[] values = new String[r.values().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.values().get(i).strip();
            }
            rows.add(new Row(r.number(), values));
        }
        return new CsvTable(table.file(), Map.copyOf(index), rows);
    }

    /** Whether the header has the column. */
    boolean has(String column) {
        return index.containsKey(column);
    }

    /** The stripped value of a column in a row; empty if the column is absent. */
    String value(Row row, String column) {
        Integer i = index.get(column);
        return i == null ? "" : row.values[i];
    }

    /**
     * Reads a CSV. Header problems (missing, duplicate or unknown columns) are added to {@code problems} and leave the
     * table without rows; a row with the wrong number of fields is a problem and is left out.
     */
    static CsvTable read(Reader reader, String file, List<String> required, List<String> optional, Problems problems) {
        String text;
        try {
            text = readAll(reader);
        } catch (IOException | UncheckedIOException e) {
            problems.add(file, 0, null, null, "cannot be read: " + e.getMessage());
            return new CsvTable(file, Map.of(), List.of());
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        long[] lineStarts = lineStarts(text);
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        int width = -1;
        long nextLine = 1;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            Iterator<CSVRecord> it = parser.iterator();
            while (it.hasNext()) {
                CSVRecord rec = it.next();
                long line = lineOf(lineStarts, rec.getCharacterPosition());
                nextLine = line + 1;
                String[] values = rec.values();
                if (values.length == 1 && values[0].isBlank()) {
                    continue;
                }
                for (int i = 0; i < values.length; i++) {
                    values[i] = values[i].strip();
                }
                if (width < 0) {
                    width = values.length;
                    if (!header(file, line, values, required, optional, index, problems)) {
                        return new CsvTable(file, Map.of(), List.of());
                    }
                    continue;
                }
                if (values.length != width) {
                    problems.add(
                            file,
                            line,
                            null,
                            null,
                            "has " + values.length + " fields, the header has " + width + ": "
                                    + String.join(",", values));
                    continue;
                }
                rows.add(new Row(line, values));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            problems.add(file, nextLine, null, null, "is not valid CSV: " + e.getMessage());
            return new CsvTable(file, Map.copyOf(index), List.copyOf(rows));
        }
        if (width < 0) {
            problems.add(file, 0, null, null, "is empty: no header row (expected " + String.join(",", required) + ")");
        }
        return new CsvTable(file, Map.copyOf(index), List.copyOf(rows));
    }

    static boolean header(
            String file,
            long line,
            String[] names,
            List<String> required,
            List<String> optional,
            Map<String, Integer> index,
            Problems problems) {
        boolean ok = true;
        Set<String> known = new LinkedHashSet<>(required);
        known.addAll(optional);
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            if (!known.contains(name)) {
                problems.add(
                        file,
                        line,
                        null,
                        name,
                        "unknown column; the columns are " + String.join(",", known)
                                + (optional.isEmpty() ? "" : " (optional: " + String.join(",", optional) + ")"));
                ok = false;
            } else if (index.putIfAbsent(name, i) != null) {
                problems.add(file, line, null, name, "column appears twice in the header");
                ok = false;
            }
        }
        for (String name : required) {
            if (!index.containsKey(name)) {
                problems.add(file, line, null, name, "required column is missing from the header");
                ok = false;
            }
        }
        return ok;
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        int n;
        while ((n = reader.read(buf)) >= 0) {
            sb.append(buf, 0, n);
        }
        return sb.toString();
    }

    private static long[] lineStarts(String text) {
        long[] starts = new long[16];
        int count = 0;
        starts[count++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lf = c == '\n';
            boolean cr = c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n');
            if (lf || cr) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1L;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    /** The 1-based line holding a character position. */
    private static long lineOf(long[] lineStarts, long position) {
        int i = Arrays.binarySearch(lineStarts, position);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** Reads the fields of one row, recording each field problem and whether the row failed. */
    final class RowFields {
        private final Row row;
        private final Problems problems;
        private boolean failed;

        RowFields(Row row, Problems problems) {
            this.row = row;
            this.problems = problems;
        }

        long line() {
            return row.line;
        }

        /** The stripped text of a column; empty if blank or absent. */
        String raw(String column) {
            return value(row, column);
        }

        /** A required value: blank is a problem, as is any exception the parser throws. */
        <T> @Nullable T required(String column, Function<String, T> parser) {
            String text = raw(column);
            if (text.isEmpty()) {
                problem(column, "is empty");
                return null;
            }
            return parse(column, text, parser);
        }

        /** The value of a column by its rule: {@link #required} or {@link #optional}. */
        <T> @Nullable T get(FieldRule<T> rule) {
            return rule.required() ? required(rule.column(), rule.parser()) : optional(rule.column(), rule.parser());
        }

        /** An optional value: null when blank; otherwise as {@link #required}. */
        <T> @Nullable T optional(String column, Function<String, T> parser) {
            String text = raw(column);
            return text.isEmpty() ? null : parse(column, text, parser);
        }

        private <T> @Nullable T parse(String column, String text, Function<String, T> parser) {
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                String m = e.getMessage();
                problem(column, m == null ? "'" + text + "' is not valid" : m);
                return null;
            }
        }

        /** Records a problem of this row; {@code column} null for the row as a whole. */
        void problem(@Nullable String column, String message) {
            failed = true;
            problems.add(file, row.line, null, column, message);
        }

        boolean failed() {
            return failed;
        }
    }

    /** A field reader for a row. */
    RowFields fields(Row row, Problems problems) {
        return new RowFields(row, problems);
    }
}
