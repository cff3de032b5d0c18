package org.gbsettle.engine.calc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.gbsettle.engine.run.DataQualityCount;
import org.gbsettle.engine.run.DataQualityMeasure;

/**
 * Data-quality counters of a chunk: count and Wh magnitude per measure and period. Integer sums, merged by addition,
 * so the totals do not depend on chunking. Rows with a period outside the date count under period 0 only.
 */
final class DataQuality {
    private static final int MEASURES = DataQualityMeasure.values().length;

    private final int periods;
    private final long[] count;
    private final long[] wh;

    DataQuality(int periods) {
        this.periods = periods;
        this.count = new long[MEASURES * (periods + 1)];
        this.wh = new long[MEASURES * (periods + 1)];
    }

    void add(DataQualityMeasure measure, int period, long valueWh) {
        int p = period >= 1 && period <= periods ? period : 0;
        int k = measure.ordinal() * (periods + 1) + p;
        count[k]++;
        wh[k] += valueWh;
    }

    /** Adds {@code n} items with {@code valueWh} in total. */
    void add(DataQualityMeasure measure, int period, long n, long valueWh) {
        int p = period >= 1 && period <= periods ? period : 0;
        int k = measure.ordinal() * (periods + 1) + p;
        count[k] += n;
        wh[k] += valueWh;
    }

    void merge(DataQuality other) {
        for (int k = 0; k < count.length; k++) {
            count[k] += other.count[k];
            wh[k] += other.wh[k];
        }
    }

    /** The non-zero counters, by measure then period (0 for periods outside the date), for a group slice. */
    List<org.gbsettle.engine.slice.GroupSlice.DataQualityTotal> totals() {
        List<org.gbsettle.engine.slice.GroupSlice.DataQualityTotal> out = new ArrayList<>();
        for (DataQualityMeasure m : DataQualityMeasure.values()) {
            for (int p = 0; p <= periods; p++) {
                int k = m.ordinal() * (periods + 1) + p;
                if (count[k] != 0 || wh[k] != 0) {
                    out.add(new org.gbsettle.engine.slice.GroupSlice.DataQualityTotal(m, p, count[k], wh[k]));
                }
            }
        }
        return out;
    }

    /** Rows per measure and period with a non-zero count, then the day totals (period 0), MWh. */
    List<DataQualityCount> rows() {
        List<DataQualityCount> out = new ArrayList<>();
        for (DataQualityMeasure m : DataQualityMeasure.values()) {
            long dayCount = 0;
            long dayWh = 0;
            for (int p = 0; p <= periods; p++) {
                int k = m.ordinal() * (periods + 1) + p;
                dayCount += count[k];
                dayWh += wh[k];
                if (p > 0 && count[k] != 0) {
                    out.add(new DataQualityCount(p, m, count[k], mwh(wh[k])));
                }
            }
            if (dayCount != 0) {
                out.add(new DataQualityCount(0, m, dayCount, mwh(dayWh)));
            }
        }
        return out;
    }

    private static BigDecimal mwh(long wh) {
        return BigDecimal.valueOf(wh, 6).setScale(6);
    }
}
