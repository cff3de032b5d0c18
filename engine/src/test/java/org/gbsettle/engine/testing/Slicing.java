package org.gbsettle.engine.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.gbsettle.engine.SettlementCalculator;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.slice.GroupSlice;
import org.gbsettle.engine.slice.MpanRange;
import org.gbsettle.engine.slice.ShapeSample;
import org.jspecify.annotations.Nullable;

/**
 * A sliced calculation as a distributed job would run it: the load-shape sample of every slice (when load shapes are
 * computed), summed; every slice calculated, stored and read back ({@link GroupSlice#toBytes()}); the slices combined
 * in a given order by the manager, which has the group's registrations but no meter data.
 */
public final class Slicing {

    private Slicing() {}

    /** The ranges {@code [-inf, c1), [c1, c2), ..., [ck, +inf)} of ascending cut points (equal cuts: empty ranges). */
    public static List<MpanRange> rangesAt(long... cuts) {
        long[] sorted = cuts.clone();
        Arrays.sort(sorted);
        List<MpanRange> out = new ArrayList<>();
        long from = Long.MIN_VALUE;
        for (long c : sorted) {
            out.add(MpanRange.of(from, c));
            from = c;
        }
        out.add(MpanRange.of(from, Long.MAX_VALUE));
        return out;
    }

    /** Every slice of the ranges, each calculated from the whole group's inputs (the engine ignores the rest). */
    public static List<GroupSlice> slices(RunInputs in, ReferenceData ref, List<MpanRange> ranges) {
        return slices(in, ref, ranges, false);
    }

    /**
     * Every slice of the ranges; with {@code restrict}, each pass of each slice is given only the registrations and
     * meter-data rows within its range, as a worker that reads no more than its range would.
     */
    public static List<GroupSlice> slices(
            RunInputs whole, ReferenceData ref, List<MpanRange> ranges, boolean restrict) {
        ShapeSample groupSample = null;
        if (SettlementCalculator.slicesNeedGroupSample(whole.config())) {
            List<ShapeSample> samples = new ArrayList<>();
            for (MpanRange r : ranges) {
                // stored and read back, as the manager would
                RunInputs in = restrict ? within(whole, r) : whole;
                samples.add(ShapeSample.parse(
                        SettlementCalculator.sampleSlice(in, ref, r).toBytes()));
            }
            groupSample = ShapeSample.sum(whole.context().settlementDate().periodCount(), samples);
        }
        List<GroupSlice> out = new ArrayList<>();
        for (MpanRange r : ranges) {
            RunInputs in = restrict ? within(whole, r) : whole;
            out.add(GroupSlice.parse(slice(in, ref, r, groupSample).toBytes()));
        }
        return out;
    }

    /** The inputs with only the registrations and meter-data rows (in their order) within a range. */
    public static RunInputs within(RunInputs in, MpanRange range) {
        List<Registration> systems = new ArrayList<>();
        for (Registration r : in.meteringSystems().all()) {
            if (range.contains(r.mpan())) {
                systems.add(r);
            }
        }
        MeterReads reads = in.reads();
        MeterReads.Builder b = MeterReads.builder();
        for (int i = 0; i < reads.size(); i++) {
            if (range.contains(reads.mpan(i))) {
                b.add(
                        reads.mpan(i),
                        reads.measurementQuantity(i),
                        reads.period(i),
                        reads.wh(i),
                        reads.quality(i),
                        reads.receivedAt(i),
                        reads.rowId(i));
            }
        }
        return in.withMeteringSystems(MeteringSystems.of(systems)).withReads(b.build());
    }

    private static GroupSlice slice(
            RunInputs in, ReferenceData ref, MpanRange range, @Nullable ShapeSample groupSample) {
        return SettlementCalculator.calculateSlice(in, ref, range, groupSample);
    }

    /** The slices combined in an order shuffled by {@code order} (or as given when null), without meter data. */
    public static RunResult combine(RunInputs in, ReferenceData ref, List<GroupSlice> slices, @Nullable Random order) {
        List<GroupSlice> shuffled = new ArrayList<>(slices);
        if (order != null) {
            Collections.shuffle(shuffled, order);
        }
        return SettlementCalculator.combineSlices(in.withReads(MeterReads.empty()), ref, shuffled);
    }

    /** {@link #slices} then {@link #combine}. */
    public static RunResult calculate(RunInputs in, ReferenceData ref, List<MpanRange> ranges, @Nullable Random order) {
        return combine(in, ref, slices(in, ref, ranges), order);
    }

    /** {@link #slices} (restricted to their ranges or not) then {@link #combine}. */
    public static RunResult calculate(
            RunInputs in, ReferenceData ref, List<MpanRange> ranges, boolean restrict, @Nullable Random order) {
        return combine(in, ref, slices(in, ref, ranges, restrict), order);
    }
}
