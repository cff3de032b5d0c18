package org.gbsettle.engine.time;

/**
 * A settlement period number: 1..50, numbered in local order from local midnight. Whether a number exists on a given
 * date is checked by {@link SettlementDate#period(int)}.
 */
public record SettlementPeriod(int number) implements Comparable<SettlementPeriod> {

    /** The largest number of settlement periods any date has (the autumn clock change). */
    public static final int MAX = 50;

    public SettlementPeriod {
        if (number < 1 || number > MAX) {
            throw new IllegalArgumentException("Settlement period " + number + " is outside 1.." + MAX);
        }
    }

    /** The period with this number. */
    public static SettlementPeriod of(int number) {
        return new SettlementPeriod(number);
    }

    @Override
    public int compareTo(SettlementPeriod other) {
        return Integer.compare(number, other.number);
    }

    @Override
    public String toString() {
        return Integer.toString(number);
    }
}
