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
 * added, in Wh, to its aggregation cell. The sums are exact integers, so chunks merge by addition in any order.
 *
 * <p>The hot loop reads primitive arrays only: the chosen row per slot, the row's value and quality, the system's two
 * cells. Defaulting (rare) leaves the loop for {@link Estimator}.
 */
final class Aggregation {

    /** Sum of values in Wh per {@code cell * periods + period - 1}. */
    final long[] cellWh;

    final DataQuality dataQuality;
    final List<CalculationIssue> issues = new ArrayList<>();

    private Aggregation(Plan plan) {
        cellWh = new long[plan.cells.size() * plan.periods];
        dataQuality = new DataQuality(plan.periods);
    }

    static Aggregation aggregate(Plan plan, Estimator estimator, MeterReads reads, int[] systems, int[] chosen) {
        Aggregation a = new Aggregation(plan);
        int periods = plan.periods;
        long[] acc = a.cellWh;
        long[] wh = reads.whColumn();
        byte[] quality = reads.qualityColumn();
        DataQuality dq = a.dataQuality;
        for (int i : systems) {
            if (plan.bmUnitDefaulted[i]) {
                a.countDefaultedUnit(plan, i, reads, chosen, estimator);
            }
            int base = i * periods;
            int cellE = plan.cellEstimate[i] * periods;
            if (!plan.systemHh[i]) {
                for (int p = 0; p < periods; p++) {
                    long v = estimator.nhh(i, p);
                    acc[cellE + p] += v;
                    dq.add(DataQualityMeasure.NHH_PROFILED, p + 1, Math.abs(v));
                }
                continue;
            }
            int cellA = plan.cellActual[i] * periods;
            boolean energised = plan.systemEnergised[i];
            for (int p = 0; p < periods; p++) {
                int r = chosen[base + p];
                if (r >= 0) {
                    long v = wh[r];
                    if (quality[r] == 'A') {
                        acc[cellA + p] += v;
                        dq.add(DataQualityMeasure.ACTUAL, p + 1, v);
                    } else {
                        acc[cellE + p] += v;
                        dq.add(DataQualityMeasure.SUBMITTED_ESTIMATE, p + 1, v);
                    }
                    if (estimator.checksOutliers(i)) {
                        double expected = estimator.outlierExpectation(i, p, v);
                        if (!Double.isNaN(expected)) {
                            a.issues.add(new CalculationIssue(
                                    IssueCode.OUTLIER,
                                    plan.systems[i].mpan(),
                                    p + 1,
                                    "MPAN " + Mpan.format(plan.systems[i].mpan()) + " SP" + (p + 1) + ": "
                                            + Selection.kwh(v) + " kWh is far from the expected "
                                            + String.format(java.util.Locale.ROOT, "%.3f", expected)
                                            + " kWh (annual consumption x load shape); value used"));
                        }
                    }
                    if (!energised) {
                        a.issues.add(new CalculationIssue(
                                IssueCode.DEENERGISED_CONSUMPTION,
                                plan.systems[i].mpan(),
                                p + 1,
                                "MPAN " + Mpan.format(plan.systems[i].mpan()) + " is de-energised but has "
                                        + Selection.kwh(v) + " kWh in SP" + (p + 1) + "; value used"));
                    }
                } else if (energised) {
                    Estimator.Estimate e = estimator.estimate(i, p);
                    acc[cellE + p] += e.wh();
                    dq.add(DataQualityMeasure.MISSING, p + 1, Math.abs(e.wh()));
                    if (e.method() == null) {
                        dq.add(DataQualityMeasure.NO_ESTIMATE, p + 1, 0);
                        a.issues.add(new CalculationIssue(
                                IssueCode.NO_ESTIMATE,
                                plan.systems[i].mpan(),
                                p + 1,
                                "MPAN " + Mpan.format(plan.systems[i].mpan()) + " has no value in SP" + (p + 1)
                                        + " and no estimation method applies; 0 used"));
                    } else {
                        dq.add(Estimator.measure(e.method()), p + 1, Math.abs(e.wh()));
                    }
                } else {
                    dq.add(DataQualityMeasure.DEENERGISED_ZERO, p + 1, 0);
                }
            }
        }
        return a;
    }

    /** Counts a system whose BM unit was defaulted in every period, with the energy of its value there. */
    private void countDefaultedUnit(Plan plan, int i, MeterReads reads, int[] chosen, Estimator estimator) {
        int periods = plan.periods;
        for (int p = 0; p < periods; p++) {
            int r = plan.systemHh[i] ? chosen[i * periods + p] : -1;
            long v;
            if (!plan.systemHh[i]) {
                v = estimator.nhh(i, p);
            } else if (r >= 0) {
                v = reads.wh(r);
            } else {
                v = plan.systemEnergised[i] ? estimator.estimate(i, p).wh() : 0;
            }
            dataQuality.add(DataQualityMeasure.BM_UNIT_DEFAULTED, p + 1, Math.abs(v));
        }
    }

    void merge(Aggregation other) {
        for (int k = 0; k < cellWh.length; k++) {
            cellWh[k] += other.cellWh[k];
        }
        dataQuality.merge(other.dataQuality);
        issues.addAll(other.issues);
    }
}
