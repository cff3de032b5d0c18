package org.gbsettle.engine.input;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.time.SettlementDate;
import org.jspecify.annotations.Nullable;

/**
 * The GSP group take of one group and settlement date, per period: signed MWh with 4 dp (import +), as computed by
 * the CDCA (CDCA-I029 {@code AGP} records), with each period's estimate flag and the CDCA run number it came from.
 */
public final class GspGroupTake {

    private final GspGroup group;
    private final SettlementDate date;
    private final @Nullable BigDecimal[] mwh;
    private final boolean[] estimated;
    private final int cdcaRunNumber;

    private GspGroupTake(
            GspGroup group, SettlementDate date, @Nullable BigDecimal[] mwh, boolean[] estimated, int cdcaRunNumber) {
        this.group = group;
        this.date = date;
        this.mwh = mwh;
        this.estimated = estimated;
        this.cdcaRunNumber = cdcaRunNumber;
    }

    /** A builder for the take of a group and date; periods not set are missing. */
    public static Builder builder(GspGroup group, SettlementDate date, int cdcaRunNumber) {
        return new Builder(group, date, cdcaRunNumber);
    }

    public GspGroup group() {
        return group;
    }

    public SettlementDate date() {
        return date;
    }

    public int cdcaRunNumber() {
        return cdcaRunNumber;
    }

    /** The take of a period, MWh signed, or null if missing. */
    public @Nullable BigDecimal mwh(int period) {
        return mwh[period - 1];
    }

    /** Whether the take of a period is a CDCA estimate. */
    public boolean estimated(int period) {
        return estimated[period - 1];
    }

    /** Builds a {@link GspGroupTake}. */
    public static final class Builder {
        private final GspGroup group;
        private final SettlementDate date;
        private final int cdcaRunNumber;
        private final @Nullable BigDecimal[] mwh;
        private final boolean[] estimated;

        private Builder(GspGroup group, SettlementDate date, int cdcaRunNumber) {
            this.group = Objects.requireNonNull(group, "group");
            this.date = Objects.requireNonNull(date, "date");
            this.cdcaRunNumber = cdcaRunNumber;
            this.mwh = new BigDecimal[date.periodCount()];
            this.estimated = new boolean[date.periodCount()];
        }

        /**
         * Sets the take of a period.
         *
         * @throws IllegalArgumentException if the period does not exist on the date or the value has more than 4 dp
         */
        public Builder period(int period, BigDecimal takeMwh, boolean isEstimate) {
            date.period(period);
            if (takeMwh.stripTrailingZeros().scale() > 4) {
                throw new IllegalArgumentException("GSP group take " + takeMwh + " MWh for " + group + " " + date
                        + " SP" + period + " has more than 4 decimal places");
            }
            mwh[period - 1] = takeMwh;
            estimated[period - 1] = isEstimate;
            return this;
        }

        /** Sets the same take for every period (for tests). */
        public Builder allPeriods(BigDecimal takeMwh) {
            for (int p = 1; p <= mwh.length; p++) {
                period(p, takeMwh, false);
            }
            return this;
        }

        public GspGroupTake build() {
            return new GspGroupTake(group, date, Arrays.copyOf(mwh, mwh.length), estimated.clone(), cdcaRunNumber);
        }
    }
}
