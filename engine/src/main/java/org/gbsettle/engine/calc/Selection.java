package org.gbsettle.engine.calc;

import java.util.ArrayList;
import java.util.List;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.metering.Mpan;
import org.gbsettle.engine.run.CalculationConfig.SelectionPolicy;
import org.gbsettle.engine.run.DataQualityMeasure;
import org.gbsettle.engine.run.QuarantineReason;
import org.gbsettle.engine.run.QuarantinedRead;

/**
 * Step 1 for one chunk of rows: validate each submitted row (quarantining the bad ones with field and reason) and
 * choose one value per metering system and period. Actual beats estimated, then the latest received wins (or the
 * latest regardless of quality, by configuration); the larger row id breaks a remaining tie, so the choice does not
 * depend on row order. Also sums actual values per load-shape category and period for computed load shapes.
 */
final class Selection {

    final List<QuarantinedRead> quarantine = new ArrayList<>();
    final DataQuality dataQuality;
    /** Sum of chosen actual values, Wh, per {@code category * periods + period - 1}. */
    final long[] shapeSumWh;
    /** Number of chosen actual values per {@code category * periods + period - 1}. */
    final long[] shapeCount;

    private Selection(Plan plan) {
        this.dataQuality = new DataQuality(plan.periods);
        this.shapeSumWh = new long[plan.categories.size() * plan.periods];
        this.shapeCount = new long[plan.categories.size() * plan.periods];
    }

    /**
     * Validates and selects the given rows into {@code chosen} ({@code system * periods + period - 1} to row, -1 for
     * none). Rows of one metering system must all be in the same call; calls for disjoint systems may run in
     * parallel on the same {@code chosen} array.
     */
    static Selection select(Plan plan, MeterReads reads, Span rows, int[] chosen) {
        Selection s = new Selection(plan);
        int periods = plan.periods;
        long cutoff = plan.context.dataCutoffMicros();
        boolean actualFirst = plan.config.selection() == SelectionPolicy.ACTUAL_BEATS_ESTIMATE;
        DataQuality dq = s.dataQuality;
        long[] shapeSum = s.shapeSumWh;
        long[] shapeCount = s.shapeCount;
        long[] systemMpan = plan.systemMpan;
        long lastMpan = Long.MIN_VALUE;
        int lastIndex = -1;
        int cursor = -1;
        int count = rows.size();
        for (int k = 0; k < count; k++) {
            int r = rows.get(k);
            int p = reads.period(r);
            if (reads.receivedAt(r) > cutoff) {
                dq.add(DataQualityMeasure.AFTER_CUTOFF, p, Math.abs(reads.wh(r)));
                continue;
            }
            long mpan = reads.mpan(r);
            // look each MPAN up once per run of equal MPANs; rows sorted by MPAN (as data services deliver them)
            // merge with the systems, also sorted by MPAN, by a cursor that only moves forward
            int i;
            if (mpan == lastMpan) {
                i = lastIndex;
            } else {
                if (mpan < lastMpan || cursor < 0) {
                    cursor = lowerBound(systemMpan, 0, systemMpan.length, mpan);
                } else {
                    int steps = 0;
                    while (cursor < systemMpan.length && systemMpan[cursor] < mpan && steps++ < 8) {
                        cursor++;
                    }
                    if (cursor < systemMpan.length && systemMpan[cursor] < mpan) {
                        cursor = lowerBound(systemMpan, cursor, systemMpan.length, mpan);
                    }
                }
                i = cursor < systemMpan.length && systemMpan[cursor] == mpan ? cursor : -1;
                lastMpan = mpan;
                lastIndex = i;
            }
            if (i < 0) {
                boolean valid = Mpan.isValid(mpan);
                s.reject(
                        reads,
                        r,
                        "mpan",
                        Mpan.format(mpan),
                        valid ? QuarantineReason.UNKNOWN_MPAN : QuarantineReason.BAD_MPAN);
                continue;
            }
            if (!plan.systemHh[i]) {
                s.reject(reads, r, "mpan", Mpan.format(mpan), QuarantineReason.UNKNOWN_MPAN);
                continue;
            }
            byte mq = reads.measurementQuantity(r);
            if (mq != plan.systemMq[i]) {
                s.reject(
                        reads,
                        r,
                        "measurement_quantity",
                        mq == MeterReads.AI ? "AI" : mq == MeterReads.AE ? "AE" : Byte.toString(mq),
                        QuarantineReason.WRONG_MQ);
                continue;
            }
            if (p < 1 || p > periods) {
                s.reject(reads, r, "settlement_period", Integer.toString(p), QuarantineReason.BAD_PERIOD);
                continue;
            }
            byte q = reads.quality(r);
            if (q != 'A' && q != 'E') {
                s.reject(
                        reads,
                        r,
                        "quality",
                        q >= 32 && q < 127 ? Character.toString((char) q) : Byte.toString(q),
                        QuarantineReason.BAD_VALUE);
                continue;
            }
            long wh = reads.wh(r);
            if (wh < 0) {
                s.reject(reads, r, "kwh", kwh(wh), QuarantineReason.NEGATIVE);
                continue;
            }
            if (wh > plan.systemCapWh[i]) {
                s.reject(reads, r, "kwh", kwh(wh), QuarantineReason.OUT_OF_RANGE);
                continue;
            }
            int slot = i * periods + p - 1;
            int current = chosen[slot];
            // the sums of chosen actual values per load-shape category and period follow each change of choice, so
            // they end as the sums over the final choices (integers: exact, in any order)
            int shapeSlot = plan.category[i] * periods + p - 1;
            if (current < 0) {
                chosen[slot] = r;
                if (q == 'A') {
                    shapeSum[shapeSlot] += wh;
                    shapeCount[shapeSlot]++;
                }
            } else {
                boolean better = better(reads, r, current, actualFirst);
                int loser = better ? current : r;
                dq.add(DataQualityMeasure.SUPERSEDED, p, reads.wh(loser));
                if (better) {
                    chosen[slot] = r;
                    if (reads.quality(current) == 'A') {
                        shapeSum[shapeSlot] -= reads.wh(current);
                        shapeCount[shapeSlot]--;
                    }
                    if (q == 'A') {
                        shapeSum[shapeSlot] += wh;
                        shapeCount[shapeSlot]++;
                    }
                }
            }
        }
        return s;
    }

    /** The first position in {@code a[from..to)} (ascending) holding at least {@code key}. */
    private static int lowerBound(long[] a, int from, int to, long key) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static boolean better(MeterReads reads, int candidate, int current, boolean actualFirst) {
        int qc = reads.quality(candidate) == 'A' ? 1 : 0;
        int qo = reads.quality(current) == 'A' ? 1 : 0;
        long tc = reads.receivedAt(candidate);
        long to = reads.receivedAt(current);
        if (actualFirst && qc != qo) {
            return qc > qo;
        }
        if (tc != to) {
            return tc > to;
        }
        if (qc != qo) {
            return qc > qo;
        }
        return reads.rowId(candidate) > reads.rowId(current);
    }

    private void reject(MeterReads reads, int r, String field, String value, QuarantineReason reason) {
        quarantine.add(new QuarantinedRead(reads.rowId(r), reads.mpan(r), reads.period(r), field, value, reason));
        int p = reads.period(r);
        dataQuality.add(DataQualityMeasure.quarantined(reason), p, Math.abs(reads.wh(r)));
    }

    static String kwh(long wh) {
        return java.math.BigDecimal.valueOf(wh, 3).toPlainString();
    }
}
