package org.gbsettle.jobs.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * Writes a table as RFC 4180 CSV with Apache Commons CSV: UTF-8, a header row of the column names, CRLF record ends,
 * fields quoted only when they hold a comma, quote or line break; dates ISO 8601 ({@code 2026-01-15}), decimals in
 * plain notation as stored ({@code 0.1902}, never an exponent), booleans {@code true}/{@code false}, NULL an empty
 * field.
 */
final class CsvTableWriter implements TableWriter {

    private final CSVPrinter printer;

    CsvTableWriter(Path file, List<ExportColumn> columns) throws IOException {
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader(columns.stream().map(ExportColumn::name).toArray(String[]::new))
                .get();
        this.printer = new CSVPrinter(out, format);
    }

    @Override
    public void write(@Nullable Object[] row) throws IOException {
        for (Object value : row) {
            printer.print(text(value));
        }
        printer.println();
    }

    /** A value's text in the file: null stays null (an empty field). */
    static @Nullable String text(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value.toString();
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
