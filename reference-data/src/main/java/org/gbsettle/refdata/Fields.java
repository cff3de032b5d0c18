package org.gbsettle.refdata;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.gbsettle.engine.reference.GspGroup;

/**
 * Parsers of the field types that reference files share. Each takes the field's text (already stripped) and throws
 * {@link IllegalArgumentException} with a message that names the value and the rule, e.g. {@code '1.07x' is not a
 * decimal}; callers add the file, line and field.
 */
public final class Fields {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern COMPACT_DATE = Pattern.compile("\\d{8}");

    private Fields() {}

    /**
     * A plain decimal: optional sign, digits, optional fraction; no exponent, no thousands separators.
     *
     * @throws IllegalArgumentException if the text is not one
     */
    public static BigDecimal decimal(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a decimal");
        }
        return new BigDecimal(text);
    }

    /**
     * A decimal with at most {@code maxScale} decimal places once trailing zeros are dropped ({@code 1.2340} has 3).
     *
     * @throws IllegalArgumentException if the text is not a decimal or has more places
     */
    public static BigDecimal decimal(String text, int maxScale) {
        BigDecimal v = decimal(text);
        if (v.signum() != 0 && v.stripTrailingZeros().scale() > maxScale) {
            throw new IllegalArgumentException("'" + text + "' has more than " + maxScale
                    + (maxScale == 1 ? " decimal place" : " decimal places"));
        }
        return v;
    }

    /**
     * A non-negative decimal with at most {@code maxScale} decimal places.
     *
     * @throws IllegalArgumentException if the text is not one
     */
    public static BigDecimal nonNegativeDecimal(String text, int maxScale) {
        BigDecimal v = decimal(text, maxScale);
        if (v.signum() < 0) {
            throw new IllegalArgumentException("'" + text + "' is negative");
        }
        return v;
    }

    /**
     * A whole number that fits a {@code long}.
     *
     * @throws IllegalArgumentException if the text is not one
     */
    public static long integer(String text) {
        if (!INTEGER.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
        return Long.parseLong(text);
    }

    /**
     * A whole number within {@code [min, max]}.
     *
     * @throws IllegalArgumentException if the text is not one or lies outside
     */
    public static int integer(String text, int min, int max) {
        long v = integer(text);
        if (v < min || v > max) {
            throw new IllegalArgumentException("'" + text + "' is outside " + min + ".." + max);
        }
        return (int) v;
    }

    /**
     * An ISO date, {@code YYYY-MM-DD}.
     *
     * @throws IllegalArgumentException if the text is not one
     */
    public static LocalDate isoDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date (YYYY-MM-DD)", e);
        }
    }

    /**
     * A compact industry date, {@code YYYYMMDD}.
     *
     * @throws IllegalArgumentException if the text is not one
     */
    public static LocalDate compactDate(String text) {
        if (!COMPACT_DATE.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a date (YYYYMMDD)");
        }
        try {
            return LocalDate.of(
                    Integer.parseInt(text.substring(0, 4)),
                    Integer.parseInt(text.substring(4, 6)),
                    Integer.parseInt(text.substring(6, 8)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date (YYYYMMDD)", e);
        }
    }

    /**
     * A UTC instant: ISO-8601 with {@code Z} or an offset, e.g. {@code 2026-01-16T09:00:00Z}.
     *
     * @throws IllegalArgumentException if the text is not one
     */
    public static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a timestamp with a UTC offset (e.g. 2026-01-16T09:00:00Z)", e);
        }
    }

    /**
     * A yes/no flag: {@code true}/{@code false}, {@code Y}/{@code N} or {@code T}/{@code F}, any case.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static boolean flag(String text) {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "TRUE", "Y", "T" -> true;
            case "FALSE", "N", "F" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not true/false, Y/N or T/F");
        };
    }

    /**
     * A yes/no value: {@code true}/{@code false} or {@code Y}/{@code N}, any case.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static boolean yesNo(String text) {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "TRUE", "Y" -> true;
            case "FALSE", "N" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not true/false or Y/N");
        };
    }

    /**
     * A GSP group id that is one of the known groups; an unknown id is a {@code REFDATA_CONFLICT}.
     *
     * @throws IllegalArgumentException if the id is malformed or not known
     */
    public static GspGroup gspGroup(String text, Set<GspGroup> known) {
        GspGroup g = GspGroup.of(text);
        if (!known.contains(g)) {
            throw new IllegalArgumentException(
                    "REFDATA_CONFLICT: unknown GSP group '" + text + "' (known: " + list(known) + ")");
        }
        return g;
    }

    private static String list(Collection<GspGroup> groups) {
        return groups.stream().sorted().map(GspGroup::id).collect(Collectors.joining(" "));
    }
}
