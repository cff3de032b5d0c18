package org.gbsettle.refdata.csv;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gbsettle.refdata.Problems;

/**
 * A CSV file read a chunk of rows at a time, for files too large to hold (registrations of every metering system of
 * GB): the same reading as the parsers' ({@code CsvTable}: RFC 4180 quoting, UTF-8, a leading byte-order mark dropped,
 * the header checked against the columns, values stripped, blank lines skipped, a row with the wrong number of fields
 * a problem of its line), each chunk handed on as a {@link TextTable} of at most {@code chunkRows} rows, in header
 * column order, each row numbered by its 1-based line (the header is line 1), so that a parser's table rules apply to
 * it unchanged and name the same lines.
 */
public final class CsvChunks {

    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private CsvChunks() {}

    /**
     * Reads a file, handing on its rows in chunks; header problems (missing, duplicate or unknown columns, an empty
     * file) are added to {@code problems} and hand on no row.
     *
     * @param file the file name for messages
     * @param columns the columns the header must have, in any order
     * @param chunkRows the most rows of a chunk
     * @param chunk takes each chunk, in file order
     * @return the data rows handed on
     */
    public static long read(
            Reader reader,
            String file,
            List<String> columns,
            Problems problems,
            int chunkRows,
            Consumer<TextTable> chunk) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("A chunk holds at least one row, not " + chunkRows);
        }
        long handed = 0;
        List<String> header = List.of();
        int width = -1;
        long nextLine = 1;
        List<TextTable.Row> rows = new ArrayList<>();
        try (PushbackReader in = withoutBom(reader);
                CSVParser parser = CSVParser.parse(in, FORMAT)) {
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                // the line a record starts on: the line breaks consumed so far, plus one
                long line = parser.getCurrentLineNumber() + 1;
                nextLine = line;
                if (!it.hasNext()) {
                    break;
                }
                String[] values = it.next().values();
                if (values.length == 1 && values[0].isBlank()) {
                    continue;
                }
                for (int i = 0; i < values.length; i++) {
                    values[i] = values[i].strip();
                }
                if (width < 0) {
                    width = values.length;
                    Map<String, Integer> index = new HashMap<>();
                    if (!CsvTable.header(file, line, values, columns, List.of(), index, problems)) {
                        return 0;
                    }
                    header = List.of(values);
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
                rows.add(new TextTable.Row(line, List.of(values)));
                if (rows.size() == chunkRows) {
                    chunk.accept(new TextTable(file, header, rows));
                    handed += rows.size();
                    rows.clear();
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            problems.add(file, nextLine, null, null, "is not valid CSV: " + e.getMessage());
        }
        if (width < 0) {
            problems.add(file, 0, null, null, "is empty: no header row (expected " + String.join(",", columns) + ")");
        }
        if (!rows.isEmpty()) {
            chunk.accept(new TextTable(file, header, rows));
            handed += rows.size();
        }
        return handed;
    }

    /** The reader, a leading byte-order mark dropped. */
    private static PushbackReader withoutBom(Reader reader) throws IOException {
        PushbackReader in = new PushbackReader(reader, 1);
        int first = in.read();
        if (first >= 0 && first != '\uFEFF') {
            in.unread(first);
        }
        return in;
    }
}
