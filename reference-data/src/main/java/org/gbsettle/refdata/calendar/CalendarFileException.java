package org.gbsettle.refdata.calendar;

import org.jspecify.annotations.Nullable;

/**
 * A calendar file that breaks its format: the first problem found, naming the file, the line (1-based, the CSV header
 * is line 1), the field and the rule, e.g. {@code bank_holidays_england_wales.csv line 7, field date: '2026-02-30' is
 * not a date (YYYY-MM-DD)}.
 */
public final class CalendarFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final @Nullable String field;

    /**
     * The problem {@code problem} at {@code line} (0 for the file as a whole) and {@code field} (null for the whole
     * line or file) of {@code file}.
     */
    public CalendarFileException(String file, int line, @Nullable String field, String problem) {
        this(file, line, field, problem, null);
    }

    /** As {@link #CalendarFileException(String, int, String, String)}, with the exception that revealed it. */
    public CalendarFileException(
            String file, int line, @Nullable String field, String problem, @Nullable Throwable cause) {
        super(text(file, line, field, problem), cause);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    /** The file name as given to the parser. */
    public String file() {
        return file;
    }

    /** The 1-based line number, 0 if the problem concerns the whole file. */
    public int line() {
        return line;
    }

    /** The field (CSV column), or null if the problem concerns the whole line or file. */
    public @Nullable String field() {
        return field;
    }

    private static String text(String file, int line, @Nullable String field, String problem) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(" line ").append(line);
        }
        if (field != null) {
            sb.append(line > 0 ? ", field " : " field ").append(field);
        }
        return sb.append(": ").append(problem).toString();
    }
}
