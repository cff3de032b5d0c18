package org.gbsettle.engine.calc;

import java.util.ArrayList;
import java.util.List;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.metering.Mpan;
import org.gbsettle.engine.run.CalculationIssue;
import org.gbsettle.engine.run.DataQualityMeasure;
import org.gbsettle.engine.run.IssueCode;

/**
 * Steps 1 (defaulting) to 5 for one chunk of metering systems: every system's chosen or defaulted value per period is
 * added to its aggregation cell, in Wh, and so is its loss, Wh x (LLF - 1) in millionths of Wh. Both sums are exact
 * integers, so chunks merge by addition in any order.
 *
 * <p>The hot loop reads primitive arrays only: the chosen row per slot, the row's value and quality, the system's two
 * cells and its LLF row; the accumulators (BM units x CCC pairs x periods) stay in cache. Overflow: a read value is at
 * most {@link org.gbsettle.engine.run.CalculationConfig#MAX_VALUE_WH} and an LLF at most 9, so one loss term is below
 * 8 x 10^15 and value sums of up to 2^31 rows stay below 2^63; loss sums, defaults and profiled values are added with
 * {@code Math.addExact} / {@code multiplyExact}.
 */
final class Aggregation {

    /** Sum of values in Wh per {@code cell * periods + period - 1}. */
    final long[] cellWh;

    /** Sum of losses, Wh x (LLF - 1) in millionths of Wh (10^-12 MWh), per {@code cell * periods + period - 1}. */
    final long[] cellLoss;

    final DataQuality dataQuality;
    final List<CalculationIssue> issues = new ArrayList<>();

    private Aggregation(Plan plan) {
        cellWh = new long[plan.cells.size() * plan.periods];
        cellLoss = new long[plan.cells.size() * plan.periods];
        dataQuality = new DataQuality(plan.periods);
    }

    static Aggregation aggregate(Plan plan, Estimator estimator, MeterReads reads, Span systems, int[] chosen) {
        Aggregation a = new Aggregation(plan);
        int periods = plan.periods;
        long[] acc = a.cellWh;
        long[] lossAcc = a.cellLoss;
        long[] wh = reads.whColumn();
        byte[] quality = reads.qualityColumn();
        // per-period counters of the common cases, added to the data-quality table once at the end
        long[] actualCount = new long[periods];
        long[] actualWh = new long[periods];
        long[] estimateCount = new long[periods];
        long[] estimateWh = new long[periods];
        long[] defaultedUnitCount = new long[periods];
        long[] defaultedUnitWh = new long[periods];
        double ratio = estimator.outlierRatio();
        int count = systems.size();
        for (int k = 0; k < count; k++) {
            int i = systems.get(k);
            int base = i * periods;
            int cellE = plan.cellEstimate[i] * periods;
            long[] lossFactor = plan.llfMinusOne[plan.systemLlfc[i]];
            boolean unitDefaulted = plan.bmUnitDefaulted[i];
            if (!plan.systemHh[i]) {
                a.nhh(plan, estimator, i, cellE, lossFactor, unitDefaulted, defaultedUnitCount, defaultedUnitWh);
                continue;
            }
            int cellA = plan.cellActual[i] * periods;
            boolean energised = plan.systemEnergised[i];
            // outlier check: annual consumption x the category's share of the year per period, NaN when off
            double ac = estimator.outlierAnnualKwh(i);
            double[] share = estimator.shareOfYearRow(plan.category[i]);
            for (int p = 0; p < periods; p++) {
                int r = chosen[base + p];
                long v;
                if (r >= 0) {
                    v = wh[r];
                    long loss = v * lossFactor[p];
                    if (quality[r] == 'A') {
                        acc[cellA + p] += v;
                        lossAcc[cellA + p] = Math.addExact(lossAcc[cellA + p], loss);
                        actualCount[p]++;
                        actualWh[p] += v;
                    } else {
                        acc[cellE + p] += v;
                        lossAcc[cellE + p] = Math.addExact(lossAcc[cellE + p], loss);
                        estimateCount[p]++;
                        estimateWh[p] += v;
                    }
                    if (!Double.isNaN(ac)) {
                        double expected = ac * share[p];
                        double kwh = v / 1000.0;
                        if ((kwh > expected * ratio || kwh * ratio < expected) && Math.abs(kwh - expected) >= 1.0) {
                            a.outlier(plan, i, p, v, expected);
                        }
                    }
                    if (!energised) {
                        a.deenergisedConsumption(plan, i, p, v);
                    }
                } else if (energised) {
                    v = a.missing(plan, estimator, i, p);
                    acc[cellE + p] = Math.addExact(acc[cellE + p], v);
                    lossAcc[cellE + p] = Math.addExact(lossAcc[cellE + p], Math.multiplyExact(v, lossFactor[p]));
                } else {
                    v = 0;
                    a.dataQuality.add(DataQualityMeasure.DEENERGISED_ZERO, p + 1, 0);
                }
                if (unitDefaulted) {
                    defaultedUnitCount[p]++;
                    defaultedUnitWh[p] += Math.abs(v);
                }
            }
        }
        for (int p = 0; p < periods; p++) {
            a.dataQuality.add(DataQualityMeasure.ACTUAL, p + 1, actualCount[p], actualWh[p]);
            a.dataQuality.add(DataQualityMeasure.SUBMITTED_ESTIMATE, p + 1, estimateCount[p], estimateWh[p]);
            a.dataQuality.add(DataQualityMeasure.BM_UNIT_DEFAULTED, p + 1, defaultedUnitCount[p], defaultedUnitWh[p]);
        }
        return a;
    }

    /** An NHH system: its EAC shaped per period (zero when de-energised). */
    private void nhh(
            Plan plan,
            Estimator estimator,
            int i,
            int cellE,
            long[] lossFactor,
            boolean unitDefaulted,
            long[] defaultedUnitCount,
            long[] defaultedUnitWh) {
        for (int p = 0; p < plan.periods; p++) {
            long v;
            if (plan.systemEnergised[i]) {
                v = estimator.nhh(i, p);
                cellWh[cellE + p] = Math.addExact(cellWh[cellE + p], v);
                cellLoss[cellE + p] = Math.addExact(cellLoss[cellE + p], Math.multiplyExact(v, lossFactor[p]));
                dataQuality.add(DataQualityMeasure.NHH_PROFILED, p + 1, Math.abs(v));
            } else {
                v = 0;
                dataQuality.add(DataQualityMeasure.DEENERGISED_ZERO, p + 1, 0);
            }
            if (unitDefaulted) {
                defaultedUnitCount[p]++;
                defaultedUnitWh[p] += Math.abs(v);
            }
        }
    }

    /** The default of an energised HH system's missing value, counted and reported. */
    private long missing(Plan plan, Estimator estimator, int i, int p) {
        Estimator.Estimate e = estimator.estimate(i, p);
        dataQuality.add(DataQualityMeasure.MISSING, p + 1, Math.abs(e.wh()));
        if (e.method() == null) {
            dataQuality.add(DataQualityMeasure.NO_ESTIMATE, p + 1, 0);
            issues.add(new CalculationIssue(
                    IssueCode.NO_ESTIMATE,
                    plan.systems[i].mpan(),
                    p + 1,
                    "MPAN " + Mpan.format(plan.systems[i].mpan()) + " has no value in SP" + (p + 1)
                            + " and no estimation method applies; 0 used"));
        } else {
            dataQuality.add(Estimator.measure(e.method()), p + 1, Math.abs(e.wh()));
        }
        return e.wh();
    }

    /** An {@code OUTLIER} warning: a used value far from annual consumption x load shape. */
    private void outlier(Plan plan, int i, int p, long v, double expected) {
        long mpan = plan.systems[i].mpan();
        dataQuality.add(DataQualityMeasure.OUTLIER, p + 1, v);
        issues.add(new CalculationIssue(
                IssueCode.OUTLIER,
                mpan,
                p + 1,
                "MPAN " + Mpan.format(mpan) + " SP" + (p + 1) + ": " + Selection.kwh(v)
                        + " kWh is far from the expected "
                        + String.format(java.util.Locale.ROOT, "%.3f", expected)
                        + " kWh (annual consumption x load shape); value used"));
    }

    /** A {@code DEENERGISED_CONSUMPTION} warning: a value on a de-energised system, used. */
    private void deenergisedConsumption(Plan plan, int i, int p, long v) {
        long mpan = plan.systems[i].mpan();
        issues.add(new CalculationIssue(
                IssueCode.DEENERGISED_CONSUMPTION,
                mpan,
                p + 1,
                "MPAN " + Mpan.format(mpan) + " is de-energised but has " + Selection.kwh(v) + " kWh in SP" + (p + 1)
                        + "; value used"));
    }

    void merge(Aggregation other) {
        for (int k = 0; k < cellWh.length; k++) {
            cellWh[k] = Math.addExact(cellWh[k], other.cellWh[k]);
            cellLoss[k] = Math.addExact(cellLoss[k], other.cellLoss[k]);
        }
        dataQuality.merge(other.dataQuality);
        issues.addAll(other.issues);
    }
}
