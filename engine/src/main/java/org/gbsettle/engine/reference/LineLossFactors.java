package org.gbsettle.engine.reference;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Line loss factors (LLF, also called LAF) per distributor + LLFC + settlement date + period: the multiplier turning
 * energy at the meter into energy at the transmission boundary.
 *
 * <p>Held as fixed-point {@code long} in millionths ({@link #SCALE}): 1.074 is 1,074,000. LLFs are published with 3
 * dp; up to 6 dp are accepted exactly, more fail the load. Values must lie in [0, 9] so that one meter value in Wh
 * (below 10^12) times an LLF in millionths stays below 2^63.
 */
public final class LineLossFactors {

    /** Fixed-point scale of an LLF: millionths. */
    public static final long SCALE = 1_000_000L;

    private static final BigDecimal MAX = BigDecimal.valueOf(9);

    private final Map<LineLossFactorClass, Map<LocalDate, long[]>> values;
    private final Set<LineLossFactorClass> siteSpecific;

    private LineLossFactors(Map<LineLossFactorClass, Map<LocalDate, long[]>> values, Set<LineLossFactorClass> ss) {
        this.values = values;
        this.siteSpecific = ss;
    }

    /** An empty table. */
    public static LineLossFactors empty() {
        return builder().build();
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The LLFs of a class on a date, in millionths, index {@code period - 1}; null when the date has none. The array
     * is shared: do not modify it.
     */
    public long @Nullable [] forDate(LineLossFactorClass llfc, LocalDate date) {
        Map<LocalDate, long[]> byDate = values.get(llfc);
        return byDate == null ? null : byDate.get(date);
    }

    /**
     * Whether the class carries metering-system-specific losses (component {@code M}, e.g. a site-specific EHV LLF)
     * rather than non-specific losses ({@code L}).
     */
    public boolean isSiteSpecific(LineLossFactorClass llfc) {
        return siteSpecific.contains(llfc);
    }

    /** The classes with any value. */
    public Set<LineLossFactorClass> classes() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /**
     * Converts an LLF to millionths, exactly.
     *
     * @throws IllegalArgumentException if it has more than 6 dp or lies outside [0, 9]
     */
    public static long toMillionths(BigDecimal llf) {
        if (llf.signum() < 0 || llf.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("LLF " + llf.toPlainString() + " is outside [0, 9]");
        }
        try {
            return llf.movePointRight(6).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("LLF " + llf.toPlainString() + " has more than 6 decimal places", e);
        }
    }

    /** An LLF in millionths as a decimal (1074000 is 1.074). */
    public static BigDecimal toDecimal(long millionths) {
        return BigDecimal.valueOf(millionths, 6).stripTrailingZeros();
    }

    /** Builds a {@link LineLossFactors}. Not thread-safe. */
    public static final class Builder {
        private final Map<LineLossFactorClass, Map<LocalDate, long[]>> values = new HashMap<>();
        private final Set<LineLossFactorClass> siteSpecific = new HashSet<>();

        private Builder() {}

        /**
         * Sets the LLFs of a class on a date, in millionths, one per settlement period of the date. A later call for
         * the same class and date replaces the earlier one (a later D0265 file replaces earlier ones).
         */
        public Builder put(LineLossFactorClass llfc, LocalDate date, long[] millionthsPerPeriod) {
            Objects.requireNonNull(llfc, "llfc");
            Objects.requireNonNull(date, "date");
            for (int i = 0; i < millionthsPerPeriod.length; i++) {
                long v = millionthsPerPeriod[i];
                if (v < 0 || v > 9 * SCALE) {
                    throw new IllegalArgumentException(
                            "LLF of " + llfc + " on " + date + " SP" + (i + 1) + " is outside [0, 9]: " + v);
                }
            }
            values.computeIfAbsent(llfc, k -> new HashMap<>()).put(date, millionthsPerPeriod.clone());
            return this;
        }

        /** Sets the LLFs of a class on a date from decimals, one per settlement period. */
        public Builder put(LineLossFactorClass llfc, LocalDate date, BigDecimal... perPeriod) {
            long[] m = new long[perPeriod.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = toMillionths(perPeriod[i]);
            }
            return put(llfc, date, m);
        }

        /** Sets one LLF for every period of a date with {@code periods} periods. */
        public Builder putFlat(LineLossFactorClass llfc, LocalDate date, int periods, BigDecimal llf) {
            long[] m = new long[periods];
            java.util.Arrays.fill(m, toMillionths(llf));
            return put(llfc, date, m);
        }

        /** Marks a class as carrying metering-system-specific losses (component {@code M}). */
        public Builder siteSpecific(LineLossFactorClass llfc) {
            siteSpecific.add(llfc);
            return this;
        }

        /** Adds everything from another table (its values win). */
        public Builder putAll(LineLossFactors other) {
            other.values.forEach((k, byDate) -> byDate.forEach((d, v) -> put(k, d, v)));
            siteSpecific.addAll(other.siteSpecific);
            return this;
        }

        /** The table. */
        public LineLossFactors build() {
            Map<LineLossFactorClass, Map<LocalDate, long[]>> copy = new HashMap<>();
            values.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
            return new LineLossFactors(Map.copyOf(copy), Set.copyOf(siteSpecific));
        }
    }
}
