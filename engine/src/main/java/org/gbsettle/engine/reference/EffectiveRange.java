package org.gbsettle.engine.reference;

import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The settlement dates over which a reference record is in force: {@code from} and {@code to} inclusive, {@code to}
 * open-ended when null.
 */
public record EffectiveRange(LocalDate from, @Nullable LocalDate to) {

    /** A range that has always been and stays in force. */
    public static final EffectiveRange ALWAYS = new EffectiveRange(LocalDate.of(1990, 1, 1), null);

    public EffectiveRange {
        Objects.requireNonNull(from, "from");
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("effective_to " + to + " is before effective_from " + from);
        }
    }

    /** The range from {@code from} to {@code to} inclusive ({@code to} null for open-ended). */
    public static EffectiveRange of(LocalDate from, @Nullable LocalDate to) {
        return new EffectiveRange(from, to);
    }

    /** The open-ended range from {@code from}. */
    public static EffectiveRange from(LocalDate from) {
        return new EffectiveRange(from, null);
    }

    /** Whether the record is in force on {@code date}. */
    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && (to == null || !date.isAfter(to));
    }

    /** Whether the two ranges share at least one date. */
    public boolean overlaps(EffectiveRange other) {
        boolean thisEndsBefore = to != null && to.isBefore(other.from);
        boolean otherEndsBefore = other.to != null && other.to.isBefore(from);
        return !thisEndsBefore && !otherEndsBefore;
    }

    @Override
    public String toString() {
        return from + ".." + (to == null ? "" : to.toString());
    }
}
