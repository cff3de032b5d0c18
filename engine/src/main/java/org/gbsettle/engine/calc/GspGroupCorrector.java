package org.gbsettle.engine.calc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.gbsettle.engine.run.CalculationConfig.CorrectionMode;

/**
 * Step 6, GSP group correction of one period, exact (domain.md §4):
 *
 * <pre>
 * T   = sum UC                        D = sum W x UC        (import/export mode: sum_AI W x UC - sum_AE W x UC)
 * lambda = round(( take - T ) / D, 9 dp, HALF_UP)                                   rounding step R2
 * CORC = UC x (1 + lambda x W)        (import/export mode, export CCCs: UC x (1 - lambda x W))
 * </pre>
 *
 * <p>Then sum CORC = take + (lambda - (take - T)/D) x D, within 0.5e-9 x |D| of the take; this is checked. D = 0 gives
 * lambda = 0 and the whole {@code take - T} unallocated.
 *
 * <p>Published values (R3): each CORC to 4 dp HALF_UP from its exact value. R4, when configured: the take less the
 * sum of published values is a whole number of 0.0001 MWh units (at most half a unit per row plus the R2 residual); it
 * is handed out one unit per row to the rows that correction touched (W x UC not 0), in order of how far rounding
 * moved them against the residual's direction (largest first), ties by key, cycling if there are more units than
 * rows. Example (domain.md §10.1): the rows round to 1.0849 against a take of 1.0850; the unit goes to SUPA CCC 9,
 * whose exact 0.13024149624 lost most to rounding, published 0.1303.
 */
final class GspGroupCorrector {

    static final BigDecimal UNIT = new BigDecimal("0.0001");

    /** One row to correct: its uncorrected volume, weight, whether export (import/export mode), and key order. */
    static final class Row {
        final BigDecimal uncorrected;
        final BigDecimal weight;
        final boolean export;
        BigDecimal factor = BigDecimal.ONE;
        BigDecimal corrected = BigDecimal.ZERO;
        BigDecimal published = BigDecimal.ZERO;

        Row(BigDecimal uncorrected, BigDecimal weight, boolean export) {
            this.uncorrected = uncorrected;
            this.weight = weight;
            this.export = export;
        }

        boolean correctable() {
            return weight.signum() != 0 && uncorrected.signum() != 0;
        }
    }

    /** The outcome of one period. */
    record Outcome(
            BigDecimal lambda,
            BigDecimal uncorrectedTotal,
            BigDecimal correctable,
            BigDecimal correctedTotal,
            boolean undefined) {}

    private GspGroupCorrector() {}

    /** Corrects the rows of one period (in key order) against the take; fills each row's factor and values. */
    static Outcome correct(List<Row> rows, BigDecimal take, CorrectionMode mode) {
        BigDecimal t = BigDecimal.ZERO;
        BigDecimal d = BigDecimal.ZERO;
        for (Row r : rows) {
            t = t.add(r.uncorrected);
            BigDecimal wuc = r.weight.multiply(r.uncorrected);
            d = mode == CorrectionMode.IMPORT_EXPORT && r.export ? d.subtract(wuc) : d.add(wuc);
        }
        BigDecimal delta = take.subtract(t);
        boolean undefined = d.signum() == 0;
        BigDecimal lambda = undefined ? BigDecimal.ZERO.setScale(9) : delta.divide(d, 9, RoundingMode.HALF_UP);
        BigDecimal total = BigDecimal.ZERO;
        for (Row r : rows) {
            BigDecimal lw = lambda.multiply(r.weight);
            r.factor = mode == CorrectionMode.IMPORT_EXPORT && r.export
                    ? BigDecimal.ONE.subtract(lw)
                    : BigDecimal.ONE.add(lw);
            r.corrected = r.uncorrected.multiply(r.factor);
            r.published = r.corrected.setScale(4, RoundingMode.HALF_UP);
            total = total.add(r.corrected);
        }
        if (!undefined) {
            BigDecimal bound = d.abs().multiply(new BigDecimal("0.5E-9"));
            if (total.subtract(take).abs().compareTo(bound) > 0) {
                throw new IllegalStateException("GSP group correction invariant broken: corrected total " + total
                        + " differs from take " + take + " by more than " + bound);
            }
        }
        return new Outcome(lambda, t, d, total, undefined);
    }

    /**
     * Rounding step R4 over published values: moves values by 0.0001 until they add up to {@code target}, among the
     * eligible rows (see class comment). {@code exact} and {@code published} are parallel; returns the new published.
     */
    static BigDecimal[] balance(BigDecimal[] exact, BigDecimal[] published, boolean[] eligible, BigDecimal target) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal p : published) {
            sum = sum.add(p);
        }
        BigDecimal residual = target.subtract(sum);
        int units = residual.divide(UNIT).intValueExact();
        BigDecimal[] out = published.clone();
        if (units == 0) {
            return out;
        }
        int sign = Integer.signum(units);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < exact.length; i++) {
            if (eligible[i]) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return out;
        }
        // how far rounding moved the value against the residual: (exact - published) x sign, largest first
        BigDecimal[] lost = new BigDecimal[exact.length];
        for (int i : candidates) {
            BigDecimal d = exact[i].subtract(published[i]);
            lost[i] = sign > 0 ? d : d.negate();
        }
        candidates.sort(Comparator.<Integer, BigDecimal>comparing(i -> lost[i])
                .reversed()
                .thenComparing(Comparator.naturalOrder()));
        BigDecimal step = UNIT.multiply(BigDecimal.valueOf(sign));
        for (int k = 0; k < Math.abs(units); k++) {
            int i = candidates.get(k % candidates.size());
            out[i] = out[i].add(step);
        }
        return out;
    }
}
