package org.gbsettle.jobs.export;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One column of an exported table: its name, type (with precision and scale for a {@link ColumnType#DECIMAL}),
 * whether it may be null, and the SQL expression that reads it (over the table aliased {@code t} and the run {@code
 * r}).
 *
 * @param exact a decimal column without a fixed scale in the database (an exact value): its scale is chosen for each
 *     export, at least {@link #EXACT_MIN_SCALE}, so that no value is rounded
 */
public record ExportColumn(
        String name, ColumnType type, int precision, int scale, boolean nullable, boolean exact, String expression) {

    /** The precision of exact decimal columns: the most Parquet readers (Spark, pandas) accept. */
    public static final int EXACT_PRECISION = 38;

    /** The smallest scale of an exact decimal column: the engine's exact MWh values have up to 18 decimal places. */
    public static final int EXACT_MIN_SCALE = 18;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public ExportColumn {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(expression, "expression");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Bad column name: " + name);
        }
        if (type == ColumnType.DECIMAL) {
            if (precision < 1 || precision > EXACT_PRECISION || scale < 0 || scale > precision) {
                throw new IllegalArgumentException(
                        name + ": bad decimal precision and scale (" + precision + "," + scale + ")");
            }
        } else if (precision != 0 || scale != 0 || exact) {
            throw new IllegalArgumentException(name + ": only a decimal column has a precision and scale");
        }
    }

    /** A non-null column of {@code type} (not a decimal) read from {@code t.NAME}. */
    static ExportColumn of(String name, ColumnType type) {
        return new ExportColumn(name, type, 0, 0, false, false, "t." + name);
    }

    /** A column of {@code type} (not a decimal) that may be null, read from {@code t.NAME}. */
    static ExportColumn nullable(String name, ColumnType type) {
        return new ExportColumn(name, type, 0, 0, true, false, "t." + name);
    }

    /** A non-null {@code DECIMAL(precision, scale)} column read from {@code t.NAME}. */
    static ExportColumn decimal(String name, int precision, int scale) {
        return new ExportColumn(name, ColumnType.DECIMAL, precision, scale, false, false, "t." + name);
    }

    /** A non-null exact decimal column read from {@code t.NAME}, {@code DECIMAL(38, 18)} until its scale is chosen. */
    static ExportColumn exact(String name) {
        return new ExportColumn(name, ColumnType.DECIMAL, EXACT_PRECISION, EXACT_MIN_SCALE, false, true, "t." + name);
    }

    /** This column read from {@code expression} instead. */
    ExportColumn readFrom(String expression) {
        return new ExportColumn(name, type, precision, scale, nullable, exact, expression);
    }

    /** This exact column with scale {@code scale} ({@link #EXACT_MIN_SCALE} or more). */
    ExportColumn withScale(int scale) {
        if (!exact) {
            throw new IllegalStateException(name + " has the table's scale");
        }
        return new ExportColumn(name, type, precision, Math.max(EXACT_MIN_SCALE, scale), nullable, true, expression);
    }

    /** The type as the manifest and the documentation write it: {@code STRING}, {@code DECIMAL(14,4)}, ... */
    public String typeName() {
        return type == ColumnType.DECIMAL ? "DECIMAL(" + precision + "," + scale + ")" : type.name();
    }
}
