package org.gbsettle.engine;

import org.gbsettle.engine.calc.GroupCalculation;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.run.Explanation;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.run.RunResult;
import org.jspecify.annotations.Nullable;

/**
 * The settlement calculation for one settlement date, run and GSP group: a pure function of {@link RunInputs} and
 * {@link ReferenceData}.
 *
 * <p>Steps (domain.md §4): select one value per MPAN and period; default missing HH values (load shapes, profile
 * coefficients) and shape NHH EACs; apply line losses per LLF; assign CCCs; resolve BM units; aggregate per supplier,
 * BM unit, CCC and period; correct to the GSP group take; sum to BM unit allocated volumes. Arithmetic is exact
 * integer until correction and exact decimal after it; rounding happens only in the named steps R1-R4.
 */
public final class SettlementCalculator {

    private SettlementCalculator() {}

    /**
     * Calculates a run's volumes for one GSP group, on one thread.
     *
     * @throws MissingReferenceDataException before calculating, if mandatory reference data or the take are missing,
     *     listing everything missing
     */
    public static RunResult calculate(RunInputs inputs, ReferenceData reference) {
        return GroupCalculation.run(inputs, reference, 1, null, 1).result();
    }

    /**
     * Calculates on {@code threads} threads, the group's metering systems split into as many contiguous MPAN ranges.
     * The result is identical, byte for byte, to {@link #calculate(RunInputs, ReferenceData)}.
     */
    public static RunResult calculate(RunInputs inputs, ReferenceData reference, int threads) {
        return GroupCalculation.run(inputs, reference, threads, null, threads).result();
    }

    /**
     * Calculates with the group's metering systems split into chunks (by MPAN core, e.g. by hash or range) processed
     * on {@code threads} threads. The result is identical, byte for byte, to {@link #calculate(RunInputs,
     * ReferenceData)} whatever the chunking and thread count.
     */
    public static RunResult calculate(
            RunInputs inputs,
            ReferenceData reference,
            int chunks,
            java.util.function.LongToIntFunction chunkOfMpan,
            int threads) {
        return GroupCalculation.run(inputs, reference, chunks, chunkOfMpan, threads)
                .result();
    }

    /**
     * Whether the slices of a run must be given the group's load-shape sample ({@link #sampleSlice}, summed with
     * {@link org.gbsettle.engine.slice.ShapeSample#sum}): when load shapes are computed from the run's own values.
     */
    public static boolean slicesNeedGroupSample(org.gbsettle.engine.run.CalculationConfig config) {
        return org.gbsettle.engine.calc.SliceCalculation.needsGroupSample(config);
    }

    /**
     * The load-shape sample of one slice of a group: the first pass of a sliced calculation when load shapes are
     * computed (see {@link org.gbsettle.engine.slice}). Registrations and meter-data rows outside the range are ignored.
     */
    public static org.gbsettle.engine.slice.ShapeSample sampleSlice(
            RunInputs inputs, ReferenceData reference, org.gbsettle.engine.slice.MpanRange range) {
        return org.gbsettle.engine.calc.SliceCalculation.sample(inputs, reference, range);
    }

    /**
     * Calculates one slice of a group, the metering systems whose MPAN core lies in {@code range}, up to but not
     * including the GSP group correction. Registrations and meter-data rows outside the range are ignored.
     *
     * @param groupSample the sum of every slice's {@link #sampleSlice} when {@link #slicesNeedGroupSample} (may be null
     *     for {@link org.gbsettle.engine.slice.MpanRange#ALL}, whose own sample is the group's), else null
     */
    public static org.gbsettle.engine.slice.GroupSlice calculateSlice(
            RunInputs inputs,
            ReferenceData reference,
            org.gbsettle.engine.slice.MpanRange range,
            org.gbsettle.engine.slice.@Nullable ShapeSample groupSample) {
        return org.gbsettle.engine.calc.SliceCalculation.slice(inputs, reference, range, groupSample);
    }

    /**
     * Combines slices that tile the MPAN line and corrects the group: equal, record for record and byte for byte in
     * its tables, to {@link #calculate(RunInputs, ReferenceData)} of the whole group, for any split and slice order.
     *
     * @param group the run's inputs with the group's registrations; meter data is not read (may be empty)
     * @throws IllegalArgumentException if the slices are not of this run, do not tile the MPAN line, or disagree
     * @throws MissingReferenceDataException as {@link #calculate(RunInputs, ReferenceData)}
     */
    public static RunResult combineSlices(
            RunInputs group,
            ReferenceData reference,
            java.util.Collection<org.gbsettle.engine.slice.GroupSlice> slices) {
        return org.gbsettle.engine.calc.SliceCalculation.combine(group, reference, slices);
    }

    /**
     * Checks a run's mandatory reference data without calculating: every problem {@link #calculate(RunInputs,
     * ReferenceData)} would report before calculating (missing LLFs, CCCs, scaling weights, BM units, profile
     * coefficients), or an empty list. Lets a caller check every GSP group of a run before any is calculated.
     */
    public static java.util.List<org.gbsettle.engine.run.CalculationIssue> missingReferenceData(
            RunInputs inputs, ReferenceData reference) {
        return GroupCalculation.missingReferenceData(inputs, reference);
    }

    /**
     * Explains how one metering system's value in one period came into the run's volumes: the chain read -> estimate
     * -> line loss -> CCC -> aggregate -> correction, with the engine's exact numbers.
     *
     * @throws MissingReferenceDataException as {@link #calculate(RunInputs, ReferenceData)}
     */
    public static Explanation explain(RunInputs inputs, ReferenceData reference, long mpan, int period) {
        return GroupCalculation.run(inputs, reference, 1, null, 1).explain(mpan, period);
    }
}
