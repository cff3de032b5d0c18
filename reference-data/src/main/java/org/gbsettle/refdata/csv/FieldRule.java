package org.gbsettle.refdata.csv;

import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The rule of one column of a reference file: what its text (as delivered, surrounding spaces stripped) means for a
 * row, so that a reader of the same columns from elsewhere (a database) applies exactly the file's rule: a blank
 * required value fails the row, a blank optional value is null, anything else is the parser's value or problem.
 *
 * @param column the column name, as in the file's header
 * @param required whether a blank value fails the row
 * @param parser the value of the stripped, non-blank text; throws {@link IllegalArgumentException} with the problem
 * @param <T> the parsed value's type
 */
public record FieldRule<T>(String column, boolean required, Function<String, T> parser) {

    public FieldRule {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(parser, "parser");
    }

    /** A column that must have a value. */
    public static <T> FieldRule<T> required(String column, Function<String, T> parser) {
        return new FieldRule<>(column, true, parser);
    }

    /** A column that may be blank (null). */
    public static <T> FieldRule<T> optional(String column, Function<String, T> parser) {
        return new FieldRule<>(column, false, parser);
    }

    /**
     * The value of a column's text as delivered: stripped, then null for a blank optional value, else parsed.
     *
     * @throws IllegalArgumentException where the row fails on this column (blank required value: {@code is empty})
     */
    public @Nullable T apply(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException("is empty");
            }
            return null;
        }
        return parser.apply(s);
    }
}
