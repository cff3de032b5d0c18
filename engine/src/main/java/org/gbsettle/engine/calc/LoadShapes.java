package org.gbsettle.engine.calc;

import java.math.BigDecimal;
import java.util.List;
import org.gbsettle.engine.input.LoadShapeCategory;
import org.gbsettle.engine.input.PublishedLoadShapes;
import org.gbsettle.engine.run.CalculationConfig;
import org.jspecify.annotations.Nullable;

/**
 * The load shape of each category and period (kWh per period per average MPAN) and each category's annual total,
 * exact. Computed: {@code LS(cat, j) = sum of actual kWh in period j / number of actual values} (the simple mean of
 * the LSS Method Statement), used where at least {@code loadShape.minSample} values exist, and the annual total
 * {@code daysPerYear x sum_j LS(cat, j)} (assumption). Published: IF-022 values and the IF-023 rolling annual total.
 *
 * <p>Example (domain.md §5): LS_j 0.2100 kWh, annual total 2,950.0 kWh, AC 2,700 kWh/yr: the defaulted value is
 * {@code 2,700 x 0.21 / 2,950 = 0.192203...}, rounded by R1 to 0.192 kWh.
 */
final class LoadShapes {

    private final @Nullable Fraction[][] shape;
    private final @Nullable Fraction[] annualTotal;
    private final long[][] samples;

    private LoadShapes(@Nullable Fraction[][] shape, @Nullable Fraction[] annualTotal, long[][] samples) {
        this.shape = shape;
        this.annualTotal = annualTotal;
        this.samples = samples;
    }

    /** Computed from the sums and counts of actual values per category and period ({@code [cat][period-1]}). */
    static LoadShapes computed(long[][] sumWh, long[][] count, int periods, CalculationConfig config) {
        int cats = sumWh.length;
        Fraction[][] shape = new Fraction[cats][periods];
        Fraction[] totals = new Fraction[cats];
        for (int c = 0; c < cats; c++) {
            Fraction day = Fraction.ZERO;
            boolean any = false;
            for (int p = 0; p < periods; p++) {
                if (count[c][p] >= config.loadShapeMinSample()) {
                    Fraction ls = Fraction.of(sumWh[c][p], Math.multiplyExact(count[c][p], 1000L));
                    shape[c][p] = ls;
                    day = day.add(ls);
                    any = true;
                }
            }
            Fraction total = day.multiply(config.daysPerYear());
            totals[c] = any && total.signum() > 0 ? total : null;
        }
        return new LoadShapes(shape, totals, count);
    }

    /** From published IF-022/023 values. */
    static LoadShapes published(PublishedLoadShapes published, List<LoadShapeCategory> categories, int periods) {
        int cats = categories.size();
        Fraction[][] shape = new Fraction[cats][periods];
        Fraction[] totals = new Fraction[cats];
        long[][] samples = new long[cats][periods];
        for (int c = 0; c < cats; c++) {
            LoadShapeCategory cat = categories.get(c);
            for (int p = 0; p < periods; p++) {
                BigDecimal v = published.value(cat, p + 1);
                shape[c][p] = v == null ? null : Fraction.of(v);
            }
            BigDecimal t = published.annualTotal(cat);
            totals[c] = t == null || t.signum() <= 0 ? null : Fraction.of(t);
        }
        return new LoadShapes(shape, totals, samples);
    }

    /** The load shape of a category in a period (index {@code period-1}), kWh, or null if none. */
    @Nullable
    Fraction shape(int category, int periodIndex) {
        return shape[category][periodIndex];
    }

    /** The annual total of a category, kWh, or null if none. */
    @Nullable
    Fraction annualTotal(int category) {
        return annualTotal[category];
    }

    /** How many actual values the computed shape of a category and period rests on (0 when published). */
    long samples(int category, int periodIndex) {
        return samples[category][periodIndex];
    }
}
