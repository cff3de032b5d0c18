package org.gbsettle.engine.slice;

/**
 * A half-open range of MPAN cores {@code [from, to)}, the unit by which a GSP group's metering systems (and their
 * meter-data rows) are split into slices; {@code to == Long.MAX_VALUE} means unbounded above, so {@link #ALL} holds
 * every value a meter-data row can carry, valid MPAN or not.
 *
 * @param from the first MPAN core in the range (inclusive)
 * @param to the first MPAN core after the range (exclusive), or {@code Long.MAX_VALUE} for no upper bound
 */
public record MpanRange(long from, long to) {

    /** Every MPAN: one slice holding the whole group. */
    public static final MpanRange ALL = new MpanRange(Long.MIN_VALUE, Long.MAX_VALUE);

    public MpanRange {
        if (from > to) {
            throw new IllegalArgumentException("MPAN range [" + from + ", " + to + ") ends before it starts");
        }
    }

    /** The range {@code [from, to)}, validated. */
    public static MpanRange of(long from, long to) {
        return new MpanRange(from, to);
    }

    /** Whether the MPAN core lies in the range. */
    public boolean contains(long mpan) {
        return mpan >= from && (mpan < to || to == Long.MAX_VALUE);
    }

    /** Whether the range is bounded below ({@code from} is not {@code Long.MIN_VALUE}). */
    public boolean boundedBelow() {
        return from != Long.MIN_VALUE;
    }

    /** Whether the range is bounded above ({@code to} is not {@code Long.MAX_VALUE}). */
    public boolean boundedAbove() {
        return to != Long.MAX_VALUE;
    }

    @Override
    public String toString() {
        return "[" + (boundedBelow() ? Long.toString(from) : "-inf") + ", "
                + (boundedAbove() ? Long.toString(to) : "+inf") + ")";
    }
}
