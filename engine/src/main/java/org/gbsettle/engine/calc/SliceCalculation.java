package org.gbsettle.engine.calc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gbsettle.engine.input.LoadShapeCategory;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.reference.BmUnit;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.CalculationIssue;
import org.gbsettle.engine.run.QuarantinedRead;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.slice.GroupSlice;
import org.gbsettle.engine.slice.MpanRange;
import org.gbsettle.engine.slice.ShapeSample;
import org.jspecify.annotations.Nullable;

/**
 * A GSP group's calculation split into slices of metering systems by MPAN range, each calculated on its own (another
 * thread, JVM or machine) up to the uncorrected rows, then combined and corrected once. Exact because everything
 * before the correction is an integer sum over metering systems: the rows, the data-quality counters and the load-shape
 * sample of the group are the sums of its slices'. The one thing a slice needs from the others is the group's load-shape
 * sample (computed load shapes are group means that default missing values and set outlier bounds); with computed
 * shapes a slice is therefore calculated in two passes: {@link #sample} for every slice, then {@link #slice} given the
 * sum.
 */
public final class SliceCalculation {

    private SliceCalculation() {}

    /** Whether slices must be given the group's load-shape sample: when load shapes are computed from the run's data. */
    public static boolean needsGroupSample(CalculationConfig config) {
        return config.loadShapeSource() == CalculationConfig.LoadShapeSource.COMPUTED;
    }

    /**
     * The load-shape sample of the metering systems of the group within {@code range}: selection only.
     *
     * @param in the run's inputs; registrations and meter-data rows outside the range are ignored, so they may hold the
     *     whole group or only the range
     */
    public static ShapeSample sample(RunInputs in, ReferenceData ref, MpanRange range) {
        Part part = new Part(in, ref, range);
        return part.sample();
    }

    /**
     * Calculates the slice of the group within {@code range} up to the correction.
     *
     * @param in the run's inputs; registrations and meter-data rows outside the range are ignored
     * @param groupSample the sum of every slice's {@link #sample} when {@link #needsGroupSample} (null for
     *     {@link MpanRange#ALL}: the slice's own), else ignored (may be null)
     * @throws IllegalArgumentException if the group's sample is needed and missing
     */
    public static GroupSlice slice(
            RunInputs in, ReferenceData ref, MpanRange range, @Nullable ShapeSample groupSample) {
        Part part = new Part(in, ref, range);
        Plan plan = part.plan;
        ShapeSample own = part.sample();
        LoadShapes shapes;
        String digest;
        if (needsGroupSample(plan.config)) {
            if (groupSample == null && range.equals(MpanRange.ALL)) {
                // the whole group in one slice: its own sample is the group's
                groupSample = own;
            }
            if (groupSample == null) {
                throw new IllegalArgumentException("load shapes are computed: a slice needs the group's sample");
            }
            if (groupSample.periods() != plan.periods) {
                throw new IllegalArgumentException(
                        "the group's sample has " + groupSample.periods() + " periods, the date " + plan.periods);
            }
            int cats = plan.categories.size();
            long[][] sum = new long[cats][plan.periods];
            long[][] count = new long[cats][plan.periods];
            for (int c = 0; c < cats; c++) {
                LoadShapeCategory category = plan.categories.get(c);
                for (int p = 0; p < plan.periods; p++) {
                    sum[c][p] = groupSample.sumWh(category, p + 1);
                    count[c][p] = groupSample.count(category, p + 1);
                    if (count[c][p] < own.count(category, p + 1)) {
                        throw new IllegalArgumentException("the group's sample has fewer values of " + category
                                + " in SP" + (p + 1) + " than this slice: not the sum of the group's slices");
                    }
                }
            }
            shapes = LoadShapes.computed(sum, count, plan.periods, plan.config);
            digest = groupSample.digest();
        } else {
            shapes = LoadShapes.published(in.publishedLoadShapes(), plan.categories, plan.periods);
            digest = "";
        }
        Estimator estimator = new Estimator(plan, shapes);
        Aggregation total =
                Aggregation.aggregate(plan, estimator, in.reads(), Span.range(0, plan.systems.length), part.chosen);
        TreeMap<GroupCalculation.RowKey, long[]> rows = new TreeMap<>();
        GroupCalculation.rowsOf(plan, total, rows);
        List<GroupSlice.UncorrectedRow> out = new ArrayList<>(rows.size());
        rows.forEach((k, v) -> out.add(new GroupSlice.UncorrectedRow(k.supplier(), k.bmUnit(), k.ccc(), v)));
        DataQuality dq = new DataQuality(plan.periods);
        dq.merge(part.selection.dataQuality);
        dq.merge(total.dataQuality);
        List<QuarantinedRead> quarantine = new ArrayList<>(part.selection.quarantine);
        quarantine.sort(QUARANTINE_ORDER);
        return new GroupSlice(
                GroupSlice.contextKey(plan.context),
                GroupSlice.configDigest(plan.config),
                range,
                plan.periods,
                plan.systems.length,
                part.rows.size(),
                out,
                dq.totals(),
                total.issues,
                quarantine,
                own,
                digest);
    }

    private static final Comparator<QuarantinedRead> QUARANTINE_ORDER =
            Comparator.comparingLong(QuarantinedRead::rowId).thenComparing(QuarantinedRead::reason);

    /**
     * Combines the slices of a group and corrects: the result equals, record for record and byte for byte in its
     * tables, the whole group's calculation, whatever the split and the order of the slices.
     *
     * @param group the run's inputs with the group's registrations (meter data is not read: it may be empty)
     * @throws IllegalArgumentException if the slices are not of this run and configuration, do not tile the MPAN line
     *     exactly once, were calculated against another group sample than the sum of theirs, or miss metering systems
     * @throws org.gbsettle.engine.run.MissingReferenceDataException as the whole group's calculation
     */
    public static RunResult combine(RunInputs group, ReferenceData ref, Collection<GroupSlice> slices) {
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("no slices to combine");
        }
        String context = GroupSlice.contextKey(group.context());
        String config = GroupSlice.configDigest(group.config());
        List<GroupSlice> ordered = new ArrayList<>(slices);
        ordered.sort(Comparator.comparingLong((GroupSlice s) -> s.range().from())
                .thenComparingLong(s -> s.range().to()));
        long expectFrom = Long.MIN_VALUE;
        for (GroupSlice s : ordered) {
            if (!s.context().equals(context)) {
                throw new IllegalArgumentException(
                        "slice " + s.range() + " is of run " + s.context() + ", not " + context);
            }
            if (!s.configDigest().equals(config)) {
                throw new IllegalArgumentException("slice " + s.range() + " was calculated with another configuration");
            }
            if (s.range().from() != expectFrom) {
                throw new IllegalArgumentException("slices do not tile the MPAN line: " + s.range() + " starts at "
                        + s.range().from() + ", expected " + expectFrom + " (" + ranges(ordered) + ")");
            }
            expectFrom = s.range().to();
        }
        if (expectFrom != Long.MAX_VALUE) {
            throw new IllegalArgumentException("slices do not reach the end of the MPAN line: " + ranges(ordered));
        }
        Plan plan = Plan.of(group, ref);
        int periods = plan.periods;
        List<ShapeSample> samples = new ArrayList<>();
        int systems = 0;
        for (GroupSlice s : ordered) {
            if (s.periods() != periods) {
                throw new IllegalArgumentException("slice " + s.range() + " has " + s.periods() + " periods");
            }
            samples.add(s.sample());
            systems += s.meteringSystems();
        }
        if (systems != plan.systems.length) {
            throw new IllegalArgumentException("the slices hold " + systems + " metering systems, the group "
                    + plan.systems.length + ": calculated from other registrations");
        }
        if (needsGroupSample(plan.config)) {
            String digest = ShapeSample.sum(periods, samples).digest();
            for (GroupSlice s : ordered) {
                if (!s.groupSampleDigest().equals(digest)) {
                    throw new IllegalArgumentException("slice " + s.range()
                            + " defaulted against another load-shape sample than the sum of the slices' samples"
                            + " (meter data changed between the passes?)");
                }
            }
        }
        Map<String, Integer> unitIndex = new HashMap<>();
        for (int u = 0; u < plan.bmUnits.size(); u++) {
            unitIndex.put(plan.bmUnits.get(u).id().id(), u);
        }
        TreeMap<GroupCalculation.RowKey, long[]> rows = new TreeMap<>();
        DataQuality dq = new DataQuality(periods);
        List<CalculationIssue> issues = new ArrayList<>();
        List<QuarantinedRead> quarantine = new ArrayList<>();
        for (GroupSlice s : ordered) {
            for (GroupSlice.UncorrectedRow r : s.rows()) {
                Integer u = unitIndex.get(r.bmUnit());
                BmUnit unit = u == null ? null : plan.bmUnits.get(u);
                if (u == null || unit == null || !unit.supplier().code().equals(r.supplier())) {
                    throw new IllegalArgumentException("slice " + s.range() + " has BM unit " + r.bmUnit() + " of "
                            + r.supplier() + ", not a supplier BM unit of the group on the date");
                }
                long[] sum = rows.computeIfAbsent(
                        new GroupCalculation.RowKey(r.supplier(), r.bmUnit(), u, r.ccc()), k -> new long[periods]);
                for (int p = 0; p < periods; p++) {
                    sum[p] = Math.addExact(sum[p], r.uncorrected(p + 1));
                }
            }
            for (GroupSlice.DataQualityTotal d : s.dataQuality()) {
                dq.add(d.measure(), d.period(), d.count(), d.wh());
            }
            issues.addAll(s.issues());
            quarantine.addAll(s.quarantine());
        }
        quarantine.sort(QUARANTINE_ORDER);
        Correction correction = new Correction(plan, rows);
        return GroupCalculation.assemble(correction, issues, dq, quarantine);
    }

    private static String ranges(List<GroupSlice> slices) {
        return String.join(", ", slices.stream().map(s -> s.range().toString()).toList());
    }

    /** One range of a group: its plan, its rows of meter data, the selection. */
    private static final class Part {
        final Plan plan;
        final Span rows;
        final int[] chosen;
        final Selection selection;

        Part(RunInputs in, ReferenceData ref, MpanRange range) {
            RunInputs restricted = in;
            if (!range.equals(MpanRange.ALL)) {
                List<Registration> inRange = new ArrayList<>();
                for (Registration r : in.meteringSystems().all()) {
                    if (range.contains(r.mpan())) {
                        inRange.add(r);
                    }
                }
                if (inRange.size() != in.meteringSystems().size()) {
                    restricted = in.withMeteringSystems(MeteringSystems.of(inRange));
                }
            }
            plan = Plan.of(restricted, ref);
            rows = rowsIn(in.reads(), range);
            chosen = new int[Math.multiplyExact(plan.systems.length, plan.periods)];
            Arrays.fill(chosen, -1);
            selection = Selection.select(plan, in.reads(), rows, chosen);
        }

        ShapeSample sample() {
            Map<LoadShapeCategory, long[]> sum = new HashMap<>();
            Map<LoadShapeCategory, long[]> count = new HashMap<>();
            int periods = plan.periods;
            for (int c = 0; c < plan.categories.size(); c++) {
                sum.put(
                        plan.categories.get(c),
                        Arrays.copyOfRange(selection.shapeSumWh, c * periods, (c + 1) * periods));
                count.put(
                        plan.categories.get(c),
                        Arrays.copyOfRange(selection.shapeCount, c * periods, (c + 1) * periods));
            }
            return ShapeSample.of(periods, sum, count);
        }
    }

    /** The meter-data rows within a range: a contiguous run when the rows are sorted by MPAN, else listed. */
    private static Span rowsIn(MeterReads reads, MpanRange range) {
        int size = reads.size();
        long[] mpan = reads.mpanColumn();
        boolean sorted = true;
        for (int r = 1; r < size && sorted; r++) {
            sorted = mpan[r - 1] <= mpan[r];
        }
        if (sorted) {
            int from = GroupCalculation.lowerBound(mpan, size, range.from());
            int to = range.boundedAbove() ? GroupCalculation.lowerBound(mpan, size, range.to()) : size;
            return Span.range(from, Math.max(from, to));
        }
        int[] index = new int[size];
        int n = 0;
        for (int r = 0; r < size; r++) {
            if (range.contains(mpan[r])) {
                index[n++] = r;
            }
        }
        return Span.of(Arrays.copyOf(index, n));
    }
}
