package org.gbsettle.refdata.calendar;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a calendar CSV file: UTF-8 without byte-order mark, comma-separated (RFC 4180 quoting), a header row naming
 * exactly the expected columns in order, then one record per line; empty lines are skipped. Each record keeps its
 * 1-based line number for error messages.
 */
final class CalendarCsv {

    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private CalendarCsv() {}

    /** One record of a calendar file, with its file name and line number. */
    record Row(String file, int line, List<String> columns, List<String> values) {

        /** The value of {@code field}, as written. */
        String get(String field) {
            int i = columns.indexOf(field);
            if (i < 0) {
                throw new IllegalArgumentException("No column " + field + " in " + columns);
            }
            return values.get(i);
        }

        /** An error at this line and {@code field}. */
        CalendarFileException error(String field, String problem) {
            return new CalendarFileException(file, line, field, problem);
        }

        /** An error at this line and {@code field}, with its cause. */
        CalendarFileException error(String field, String problem, Throwable cause) {
            return new CalendarFileException(file, line, field, problem, cause);
        }

        /** An error concerning the whole line. */
        CalendarFileException lineError(String problem) {
            return new CalendarFileException(file, line, null, problem);
        }

        /** The value of {@code field} as an ISO date {@code YYYY-MM-DD}. */
        LocalDate date(String field) {
            String text = get(field);
            try {
                return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeParseException e) {
                throw error(field, "'" + text + "' is not a date (YYYY-MM-DD)", e);
            }
        }

        /** The value of {@code field} as a whole number of at least 1. */
        int positiveInt(String field) {
            String text = get(field);
            if (!text.matches("-?[0-9]{1,9}")) {
                throw error(field, "'" + text + "' is not a whole number");
            }
            int value = Integer.parseInt(text);
            if (value < 1) {
                throw error(field, "'" + text + "' must be at least 1");
            }
            return value;
        }

        /** The value of {@code field}, which must not be empty or blank. */
        String nonBlank(String field) {
            String text = get(field);
            if (text.isBlank()) {
                throw error(field, "'" + text + "' must not be empty");
            }
            return text;
        }

        /** The value of {@code field} as a constant of {@code type}, written exactly as its name. */
        <E extends Enum<E>> E oneOf(String field, Class<E> type) {
            String text = get(field);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(text)) {
                    return constant;
                }
            }
            throw error(
                    field,
                    "'" + text + "' is not one of "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", ")));
        }
    }

    /**
     * The records of {@code reader}, checked against the expected header.
     *
     * @throws CalendarFileException if the file is empty, starts with a byte-order mark, is not valid CSV, has a
     *     different header or a record with a different number of fields
     */
    static List<Row> read(Reader reader, String file, List<String> header) {
        String content = readAll(reader, file);
        String expected = String.join(",", header);
        if (content.isEmpty()) {
            throw new CalendarFileException(file, 0, null, "file is empty (expected header '" + expected + "')");
        }
        if (content.charAt(0) == '\uFEFF') {
            throw new CalendarFileException(
                    file, 1, null, "starts with a byte-order mark; save the file as UTF-8 without BOM");
        }
        int[] lineStarts = lineStarts(content);
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(content, FORMAT)) {
            boolean first = true;
            for (CSVRecord record : parser) {
                int line = lineOf(lineStarts, recordStart(content, record.getCharacterPosition()));
                List<String> values = record.toList();
                if (first) {
                    first = false;
                    if (!values.equals(header)) {
                        throw new CalendarFileException(
                                file,
                                line,
                                null,
                                "header is '" + String.join(",", values) + "' but must be '" + expected + "'");
                    }
                    continue;
                }
                if (values.size() != header.size()) {
                    throw new CalendarFileException(
                            file,
                            line,
                            null,
                            values.size() + " fields but the header '" + expected + "' has " + header.size());
                }
                rows.add(new Row(file, line, header, List.copyOf(values)));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new CalendarFileException(file, 0, null, "is not valid CSV: " + e.getMessage(), e);
        }
        return List.copyOf(rows);
    }

    /** An error concerning the whole file. */
    static CalendarFileException fileError(String file, String problem) {
        return new CalendarFileException(file, 0, null, problem);
    }

    /** The English name of a day of the week, for messages: {@code Saturday}. */
    static String dayName(LocalDate date) {
        String name = date.getDayOfWeek().name();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String readAll(Reader reader, String file) {
        StringWriter out = new StringWriter();
        try {
            reader.transferTo(out);
        } catch (IOException e) {
            throw new CalendarFileException(file, 0, null, "cannot be read: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static int[] lineStarts(String content) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < content.length(); i++) {
            if (content.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The position of a record's first character: the parser reports the position after the previous record, before
     * any empty lines it skipped.
     */
    private static int recordStart(String content, long position) {
        int p = Math.toIntExact(position);
        while (p < content.length() && (content.charAt(p) == '\n' || content.charAt(p) == '\r')) {
            p++;
        }
        return p;
    }

    private static int lineOf(int[] lineStarts, int position) {
        int i = Arrays.binarySearch(lineStarts, position);
        return (i >= 0 ? i : -i - 2) + 1;
    }
}
