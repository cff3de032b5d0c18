package org.gbsettle.refdata;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A reference or input file that breaks its format: one or more problems, each naming the file, the line number
 * (1-based, the header row of a CSV is line 1), the record type or field and the rule broken, e.g.
 * {@code LLFEELC20260401.D0265 line 7 (SPL), field LLF value: '1.07x' is not a decimal}. Loaders collect every problem
 * they can find before throwing, so one exception lists them all.
 */
public final class ReferenceFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** At most this many problems are written into the message; {@link #problems()} has them all. */
    static final int MAX_LISTED = 200;

    private final transient List<Problem> problems;
    private final long unlisted;

    /**
     * One broken rule in one place of a file.
     *
     * @param file the file name as given to the parser (no directory)
     * @param line 1-based line number (for a Parquet file, whose name ends in {@code .parquet}, the 1-based row
     *     number), or 0 for the file as a whole
     * @param recordType the record type of a flow file line ({@code SPL}, {@code AGP}), or null
     * @param field the field or column, or null when the problem concerns the whole line or file
     * @param message the rule broken, naming the value, e.g. {@code '1.07x' is not a decimal}
     */
    public record Problem(
            String file,
            long line,
            @Nullable String recordType,
            @Nullable String field,
            String message) {

        public Problem {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(message, "message");
        }

        /**
         * The problem as one line: {@code file line N (REC), field F: message}; {@code file row N, ...} for a Parquet
         * file.
         */
        public String text() {
            StringBuilder sb = new StringBuilder(file);
            if (line > 0) {
                sb.append(' ').append(positionWord(file)).append(' ').append(line);
            }
            if (recordType != null) {
                sb.append(" (").append(recordType).append(')');
            }
            if (field != null) {
                sb.append(", field ").append(field);
            }
            return sb.append(": ").append(message).toString();
        }

        @Override
        public String toString() {
            return text();
        }

        /**
         * How a position in a file is called: {@code row} in a Parquet file (name ending in {@code .parquet}, any
         * case), {@code line} in a text file.
         */
        public static String positionWord(String file) {
            return file.toLowerCase(Locale.ROOT).endsWith(".parquet") ? "row" : "line";
        }
    }

    /**
     * An exception listing the given problems.
     *
     * @throws IllegalArgumentException if there are none
     */
    public ReferenceFileException(List<Problem> problems) {
        this(problems, 0);
    }

    /**
     * An exception listing the given problems and counting {@code unlisted} more that were found but not kept.
     *
     * @throws IllegalArgumentException if there are none or {@code unlisted} is negative
     */
    public ReferenceFileException(List<Problem> problems, long unlisted) {
        super(message(problems, unlisted));
        this.problems = List.copyOf(problems);
        this.unlisted = unlisted;
    }

    /** An exception with one problem. */
    public ReferenceFileException(
            String file, long line, @Nullable String recordType, @Nullable String field, String message) {
        this(List.of(new Problem(file, line, recordType, field, message)));
    }

    /** Every problem kept, in the order found. */
    public List<Problem> problems() {
        return problems;
    }

    /** How many more problems were found than {@link #problems()} holds (0 unless the collector kept only some). */
    public long unlisted() {
        return unlisted;
    }

    private static String message(List<Problem> problems, long unlisted) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("A ReferenceFileException needs at least one problem");
        }
        if (unlisted < 0) {
            throw new IllegalArgumentException("Unlisted problems cannot be negative: " + unlisted);
        }
        long total = problems.size() + unlisted;
        if (total == 1) {
            return problems.get(0).text();
        }
        StringBuilder sb = new StringBuilder().append(total).append(" problems in reference files:");
        int listed = Math.min(problems.size(), MAX_LISTED);
        for (int i = 0; i < listed; i++) {
            sb.append("\n  - ").append(problems.get(i).text());
        }
        if (total > listed) {
            sb.append("\n  ... and ").append(total - listed).append(" more");
        }
        return sb.toString();
    }
}
