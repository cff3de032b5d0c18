package org.gbsettle.refdata.scenario;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.gbsettle.engine.SettlementCalculator;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.run.DataQualityCount;
import org.gbsettle.engine.run.DataQualityMeasure;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.engine.run.QuarantinedRead;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.refdata.csv.RejectedRead;

/**
 * A loaded golden scenario: the engine's inputs and reference data built from its {@code when/} folder, and the meter
 * rows the reader rejected before the engine saw them.
 *
 * @param name the folder name, e.g. {@code given_one_hh_import_mpan_normal_day}
 * @param directory the scenario folder
 * @param rejectedReads rows of {@code meter_reads.csv} rejected by the reader (bad kWh, quality, MPAN text, period)
 */
public record Scenario(
        String name, Path directory, RunInputs inputs, ReferenceData referenceData, List<RejectedRead> rejectedReads) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(referenceData, "referenceData");
        rejectedReads = List.copyOf(rejectedReads);
    }

    /**
     * Calculates the run with {@link SettlementCalculator#calculate} and adds the reader-rejected rows to the result,
     * as the quarantine rows and data-quality counts the engine would have made of them: each becomes a quarantine row
     * (row id = line number) and counts under {@code QUARANTINED_<reason>} in its period (when that period exists on
     * the date) and in the day total, with its kWh magnitude when that was readable.
     *
     * @throws MissingReferenceDataException if the run cannot be calculated, listing everything missing
     */
    public RunResult calculate() {
        RunResult r = SettlementCalculator.calculate(inputs, referenceData);
        return withRejectedReads(
                r, rejectedReads, inputs.context().settlementDate().periodCount());
    }

    /** A result with reader-rejected rows merged into its quarantine and data-quality tables. */
    static RunResult withRejectedReads(RunResult r, List<RejectedRead> rejected, int periods) {
        if (rejected.isEmpty()) {
            return r;
        }
        List<QuarantinedRead> quarantine = new ArrayList<>(r.quarantine());
        rejected.forEach(x -> quarantine.add(x.toQuarantinedRead()));
        quarantine.sort(Comparator.comparingLong(QuarantinedRead::rowId).thenComparing(QuarantinedRead::reason));

        // per measure and period (0 = the day total): count and MWh
        Map<DataQualityMeasure, TreeMap<Integer, long[]>> counts = new TreeMap<>();
        Map<DataQualityMeasure, TreeMap<Integer, BigDecimal>> mwh = new TreeMap<>();
        for (DataQualityCount c : r.dataQuality()) {
            counts.computeIfAbsent(c.measure(), m -> new TreeMap<>()).put(c.period(), new long[] {c.count()});
            mwh.computeIfAbsent(c.measure(), m -> new TreeMap<>()).put(c.period(), c.mwh());
        }
        for (RejectedRead x : rejected) {
            DataQualityMeasure m = DataQualityMeasure.quarantined(x.reason());
            BigDecimal e = BigDecimal.valueOf(Math.abs(x.wh()), 6).setScale(6);
            int p = x.period() >= 1 && x.period() <= periods ? x.period() : 0;
            List<Integer> targets = p == 0 ? List.of(0) : List.of(p, 0);
            for (int t : targets) {
                counts.computeIfAbsent(m, k -> new TreeMap<>()).computeIfAbsent(t, k -> new long[1])[0]++;
                mwh.computeIfAbsent(m, k -> new TreeMap<>()).merge(t, e, BigDecimal::add);
            }
        }
        List<DataQualityCount> dq = new ArrayList<>();
        for (DataQualityMeasure m : DataQualityMeasure.values()) {
            TreeMap<Integer, long[]> byPeriod = counts.get(m);
            if (byPeriod == null) {
                continue;
            }
            TreeMap<Integer, BigDecimal> energy = Objects.requireNonNull(mwh.get(m));
            byPeriod.forEach((period, count) -> {
                if (period > 0) {
                    dq.add(new DataQualityCount(period, m, count[0], energy.getOrDefault(period, BigDecimal.ZERO)));
                }
            });
            long[] day = byPeriod.get(0);
            if (day != null) {
                dq.add(new DataQualityCount(0, m, day[0], energy.getOrDefault(0, BigDecimal.ZERO)));
            }
        }
        return new RunResult(
                r.context(),
                r.config(),
                r.supplierVolumes(),
                r.bmUnitVolumes(),
                r.corrections(),
                dq,
                r.issues(),
                quarantine);
    }
}
