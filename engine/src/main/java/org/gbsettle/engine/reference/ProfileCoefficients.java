package org.gbsettle.engine.reference;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Period profile class coefficients (legacy D0018): the fraction of yearly consumption within each settlement period,
 * per GSP group, profile class, standard settlement configuration (SSC), time pattern regime (TPR), date and period.
 *
 * <p>A metering system has one EAC here, so its coefficient for a period is the sum over the TPRs of its SSC
 * (assumption: one EAC per metering system rather than one per register). Example: EAC 2,700 kWh x 0.0000571 =
 * 0.154170 kWh, rounded by R1 to 0.154 kWh.
 */
public final class ProfileCoefficients {

    private record Key(GspGroup group, int profileClass, String ssc, LocalDate date) {}

    private final Map<Key, BigDecimal[]> sums;

    private ProfileCoefficients(Map<Key, BigDecimal[]> sums) {
        this.sums = sums;
    }

    /** No coefficients. */
    public static ProfileCoefficients empty() {
        return builder().build();
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The coefficients of one GSP group, profile class and SSC on a date, summed over TPRs, index {@code period - 1};
     * null when none were loaded. Periods without a row are zero. Do not modify the array.
     */
    public BigDecimal @Nullable [] forDate(GspGroup group, int profileClass, String ssc, LocalDate date) {
        return sums.get(new Key(group, profileClass, ssc, date));
    }

    /** Builds {@link ProfileCoefficients}. */
    public static final class Builder {
        private final Map<Key, BigDecimal[]> sums = new HashMap<>();

        private Builder() {}

        /** Adds the coefficient of one TPR in one period (1..50). */
        public Builder add(
                GspGroup group,
                int profileClass,
                String ssc,
                String tpr,
                LocalDate date,
                int period,
                BigDecimal coefficient) {
            Objects.requireNonNull(tpr, "tpr");
            if (period < 1 || period > 50) {
                throw new IllegalArgumentException("Settlement period " + period + " is outside 1..50");
            }
            BigDecimal[] row = sums.computeIfAbsent(new Key(group, profileClass, ssc, date), k -> {
                BigDecimal[] zeros = new BigDecimal[50];
                java.util.Arrays.fill(zeros, BigDecimal.ZERO);
                return zeros;
            });
            row[period - 1] = row[period - 1].add(coefficient);
            return this;
        }

        /** The coefficients. */
        public ProfileCoefficients build() {
            Map<Key, BigDecimal[]> copy = new HashMap<>();
            sums.forEach((k, v) -> copy.put(k, v.clone()));
            return new ProfileCoefficients(Map.copyOf(copy));
        }
    }
}
