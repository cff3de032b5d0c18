package org.gbsettle.engine.calc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.LongToIntFunction;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.reference.BmUnit;
import org.gbsettle.engine.reference.LineLossFactors;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.CalculationIssue;
import org.gbsettle.engine.run.DataQualityCount;
import org.gbsettle.engine.run.Explanation;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.engine.run.QuarantinedRead;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.run.RunResult;
import org.jspecify.annotations.Nullable;

/**
 * One calculation of a GSP group, run in chunks of metering systems: resolve (plan), select per chunk, compute load
 * shapes from the merged sums, aggregate per chunk, merge, correct. Every sum is an exact integer until correction, so
 * the result does not depend on how the systems are chunked, in which order rows arrive, or how many threads run.
 */
public final class GroupCalculation {

    /** Scale of uncorrected volumes held as {@code long}: 10^-12 MWh (micro-Wh). */
    static final int UC_SCALE = 12;

    final Plan plan;
    final MeterReads reads;
    final int[] chosen;
    final Estimator estimator;
    final LoadShapes shapes;
    final Aggregation total;
    final List<QuarantinedRead> quarantine;
    final DataQuality selectionQuality;
    /** Uncorrected volume per (supplier, BM unit, CCC) row and period, 10^-12 MWh. */
    final TreeMap<RowKey, long[]> rows = new TreeMap<>();

    /** Steps 6 and 7: the correction and the output rows. */
    final Correction correction;
    /** Elapsed time of each phase, for benchmarks and operators' logs; no result depends on it. */
    private final long[] phaseNanos;

    /** The phases of a calculation, in order, as reported by {@link #phaseMillis()}. */
    public static final List<String> PHASES =
            List.of("resolve", "split into chunks", "validate and select", "default and aggregate", "correct");

    /** The key of an output row: supplier, BM unit, CCC (in that order). */
    record RowKey(String supplier, String bmUnit, int bmUnitIndex, int ccc) implements Comparable<RowKey> {
        @Override
        public int compareTo(RowKey o) {
            int c = supplier.compareTo(o.supplier);
            if (c == 0) {
                c = bmUnit.compareTo(o.bmUnit);
            }
            return c != 0 ? c : Integer.compare(ccc, o.ccc);
        }
    }

    private GroupCalculation(
            RunInputs in, ReferenceData ref, int chunks, @Nullable LongToIntFunction chunkOfMpan, int threads) {
        if (chunks < 1 || threads < 1) {
            throw new IllegalArgumentException("chunks " + chunks + " and threads " + threads + " must be 1 or more");
        }
        long t0 = System.nanoTime();
        this.plan = Plan.of(in, ref);
        long t1 = System.nanoTime();
        this.reads = in.reads();
        int n = plan.systems.length;
        int periods = plan.periods;

        // ---- chunks of metering systems and their rows
        Span[] systemsOf = new Span[chunks];
        Span[] rowsOf = new Span[chunks];
        if (chunkOfMpan == null) {
            splitByMpanRange(chunks, systemsOf, rowsOf);
        } else {
            splitByFunction(chunks, chunkOfMpan, systemsOf, rowsOf);
        }

        // ---- step 1 per chunk, then load shapes from the merged sums
        long t2 = System.nanoTime();
        chosen = new int[Math.multiplyExact(n, periods)];
        Arrays.fill(chosen, -1);
        List<Selection> selections = parallel(chunks, threads, c -> {
            return Selection.select(plan, reads, rowsOf[c], chosen);
        });
        quarantine = new ArrayList<>();
        selectionQuality = new DataQuality(periods);
        long[][] shapeSum = new long[plan.categories.size()][periods];
        long[][] shapeCount = new long[plan.categories.size()][periods];
        for (Selection s : selections) {
            quarantine.addAll(s.quarantine);
            selectionQuality.merge(s.dataQuality);
            for (int k = 0; k < shapeSum.length; k++) {
                for (int p = 0; p < periods; p++) {
                    shapeSum[k][p] += s.shapeSumWh[k * periods + p];
                    shapeCount[k][p] += s.shapeCount[k * periods + p];
                }
            }
        }
        quarantine.sort(Comparator.comparingLong(QuarantinedRead::rowId).thenComparing(QuarantinedRead::reason));
        shapes = plan.config.loadShapeSource() == CalculationConfig.LoadShapeSource.COMPUTED
                ? LoadShapes.computed(shapeSum, shapeCount, periods, plan.config)
                : LoadShapes.published(in.publishedLoadShapes(), plan.categories, periods);
        estimator = new Estimator(plan, shapes);

        // ---- steps 1 (defaults) to 5 per chunk, merged
        long t3 = System.nanoTime();
        List<Aggregation> aggregations =
                parallel(chunks, threads, c -> Aggregation.aggregate(plan, estimator, reads, systemsOf[c], chosen));
        total = aggregations.get(0);
        for (int c = 1; c < aggregations.size(); c++) {
            total.merge(aggregations.get(c));
        }

        long t4 = System.nanoTime();
        rowsOf(plan, total, rows);
        correction = new Correction(plan, rows);
        long t5 = System.nanoTime();
        phaseNanos = new long[] {t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4};
    }

    /**
     * Steps 3 and 5 into rows: line losses per cell and period, into (supplier, BM unit, CCC) rows of uncorrected
     * volume in 10^-12 MWh (found by a packed key, then ordered once). Linear in the cell sums, so the rows of
     * disjoint sets of metering systems add up to the rows of their union.
     */
    static void rowsOf(Plan plan, Aggregation total, TreeMap<RowKey, long[]> rows) {
        // ---- line losses per cell and period, into (supplier, BM unit, CCC) rows (found by a packed key, then
        // ordered once)
        int periods = plan.periods;
        Map<Long, long[]> byUnitAndCcc = new java.util.HashMap<>();
        for (int c = 0; c < plan.cells.size(); c++) {
            Cell cell = plan.cells.get(c);
            long[] cons = byUnitAndCcc.computeIfAbsent(
                    (long) cell.bmUnit() << 32 | cell.consumptionCcc(), k -> new long[periods]);
            long[] loss =
                    byUnitAndCcc.computeIfAbsent((long) cell.bmUnit() << 32 | cell.lossCcc(), k -> new long[periods]);
            for (int p = 0; p < periods; p++) {
                // Wh x 10^6 = 10^-12 MWh; losses are already Wh x (LLF - 1) in millionths = 10^-12 MWh
                long sumWh = total.cellWh[c * periods + p];
                long sumLoss = total.cellLoss[c * periods + p];
                cons[p] = Math.addExact(cons[p], Math.multiplyExact(sumWh * cell.sign(), LineLossFactors.SCALE));
                loss[p] = Math.addExact(loss[p], sumLoss * cell.sign());
            }
        }

        byUnitAndCcc.forEach((key, values) -> {
            int unitIndex = (int) (key >>> 32);
            BmUnit unit = plan.bmUnits.get(unitIndex);
            rows.put(new RowKey(unit.supplier().code(), unit.id().id(), unitIndex, (int) (long) key), values);
        });
    }

    /**
     * Contiguous chunks: the systems (in MPAN order) split into equal runs, and the rows by the same MPAN boundaries;
     * when the rows are sorted by MPAN (as data services deliver them) each chunk's rows are a contiguous run too.
     */
    private void splitByMpanRange(int chunks, Span[] systemsOf, Span[] rowsOf) {
        int n = plan.systems.length;
        long[] boundary = new long[chunks + 1];
        for (int c = 0; c < chunks; c++) {
            int first = (int) ((long) c * n / chunks);
            int end = (int) ((long) (c + 1) * n / chunks);
            systemsOf[c] = Span.range(first, end);
            boundary[c] =
                    c == 0 || first >= n ? (c == 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : plan.systems[first].mpan();
        }
        boundary[chunks] = Long.MAX_VALUE;
        int size = reads.size();
        long[] mpan = reads.mpanColumn();
        boolean sorted = true;
        for (int r = 1; r < size && sorted; r++) {
            sorted = mpan[r - 1] <= mpan[r];
        }
        if (sorted) {
            int start = 0;
            for (int c = 0; c < chunks; c++) {
                int end = c == chunks - 1 ? size : lowerBound(mpan, size, boundary[c + 1]);
                rowsOf[c] = Span.range(start, Math.max(start, end));
                start = Math.max(start, end);
            }
            return;
        }
        int[] rowChunk = new int[size];
        int[] rowCount = new int[chunks];
        for (int r = 0; r < size; r++) {
            int c = chunkOf(boundary, chunks, mpan[r]);
            rowChunk[r] = c;
            rowCount[c]++;
        }
        fillIndexes(chunks, rowChunk, rowCount, rowsOf);
    }

    /** The chunk whose MPAN range holds {@code mpan}: the last c with boundary[c] <= mpan. */
    private static int chunkOf(long[] boundary, int chunks, long mpan) {
        int lo = 0;
        int hi = chunks - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (boundary[mid] <= mpan) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The first row whose MPAN is at least {@code key}, in rows sorted by MPAN. */
    static int lowerBound(long[] mpan, int size, long key) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (mpan[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Chunks chosen by the caller's function of the MPAN; rows follow their system (unknown MPANs the function). */
    private void splitByFunction(int chunks, LongToIntFunction chunkOfMpan, Span[] systemsOf, Span[] rowsOf) {
        int n = plan.systems.length;
        int[] systemChunk = new int[n];
        int[] systemCount = new int[chunks];
        for (int i = 0; i < n; i++) {
            systemChunk[i] = Math.floorMod(chunkOfMpan.applyAsInt(plan.systems[i].mpan()), chunks);
            systemCount[systemChunk[i]]++;
        }
        fillIndexes(chunks, systemChunk, systemCount, systemsOf);
        int size = reads.size();
        int[] rowChunk = new int[size];
        int[] rowCount = new int[chunks];
        for (int r = 0; r < size; r++) {
            long mpan = reads.mpan(r);
            int i = plan.indexOf(mpan);
            int c = i >= 0 ? systemChunk[i] : Math.floorMod(chunkOfMpan.applyAsInt(mpan), chunks);
            rowChunk[r] = c;
            rowCount[c]++;
        }
        fillIndexes(chunks, rowChunk, rowCount, rowsOf);
    }

    private static void fillIndexes(int chunks, int[] chunkOf, int[] count, Span[] out) {
        int[][] index = new int[chunks][];
        for (int c = 0; c < chunks; c++) {
            index[c] = new int[count[c]];
        }
        int[] fill = new int[chunks];
        for (int k = 0; k < chunkOf.length; k++) {
            index[chunkOf[k]][fill[chunkOf[k]]++] = k;
        }
        for (int c = 0; c < chunks; c++) {
            out[c] = Span.of(index[c]);
        }
    }

    /**
     * Runs a calculation.
     *
     * @param chunks number of chunks the group's metering systems are split into
     * @param chunkOfMpan which chunk a metering system (by MPAN core) belongs to, taken modulo {@code chunks}; null
     *     for contiguous MPAN ranges of equal size (best when rows arrive sorted by MPAN)
     * @param threads threads that process chunks
     * @throws MissingReferenceDataException if mandatory reference data or inputs are missing, listing all
     */
    public static GroupCalculation run(
            RunInputs in, ReferenceData ref, int chunks, @Nullable LongToIntFunction chunkOfMpan, int threads) {
        return new GroupCalculation(in, ref, chunks, chunkOfMpan, threads);
    }

    /**
     * The mandatory reference data a run lacks (LLFs, CCCs, scaling weights, BM units, profile coefficients...), found
     * by resolving its plan without calculating; empty if the run can be calculated as far as reference data goes.
     */
    public static List<CalculationIssue> missingReferenceData(RunInputs in, ReferenceData ref) {
        try {
            Plan.of(in, ref);
            return List.of();
        } catch (MissingReferenceDataException e) {
            return e.problems();
        }
    }

    /**
     * How long each phase took, milliseconds, by name ({@link #PHASES}): resolving registrations and reference data,
     * splitting into chunks, validating and selecting values (per row), defaulting and aggregating (per value), and
     * line losses, correction and output rows (per cell). Measured with the monotonic clock; results never depend on
     * it.
     */
    public Map<String, Double> phaseMillis() {
        java.util.LinkedHashMap<String, Double> out = new java.util.LinkedHashMap<>();
        for (int k = 0; k < PHASES.size(); k++) {
            out.put(PHASES.get(k), phaseNanos[k] / 1e6);
        }
        return out;
    }

    /** The result tables. */
    public RunResult result() {
        DataQuality dq = new DataQuality(plan.periods);
        dq.merge(selectionQuality);
        dq.merge(total.dataQuality);
        return assemble(correction, total.issues, dq, quarantine);
    }

    /**
     * The result tables of a corrected group: the plan's warnings, the values' warnings and the correction's, in key
     * order; the data-quality rows; the quarantine (already in row id order).
     */
    static RunResult assemble(
            Correction correction,
            List<CalculationIssue> valueIssues,
            DataQuality dq,
            List<QuarantinedRead> quarantine) {
        Plan plan = correction.plan;
        List<CalculationIssue> issues = new ArrayList<>(plan.issues);
        issues.addAll(valueIssues);
        issues.addAll(correction.correctionIssues);
        issues.sort(Comparator.comparing(CalculationIssue::code)
                .thenComparingLong(i -> i.mpan() == null ? -1 : i.mpan())
                .thenComparingInt(CalculationIssue::period)
                .thenComparing(CalculationIssue::message));
        List<DataQualityCount> dqRows = dq.rows();
        return new RunResult(
                plan.context,
                plan.config,
                correction.supplierVolumes,
                correction.bmUnitVolumes,
                correction.corrections,
                dqRows,
                issues,
                quarantine);
    }

    /**
     * Explains one metering system's value in one period of this calculation: every submission and its fate, the
     * value used, line losses, CCCs, BM unit, aggregate and correction.
     */
    public Explanation explain(long mpan, int period) {
        List<Explanation.Step> steps = new ArrayList<>();
        int i = plan.indexOf(mpan);
        int p = period - 1;
        long cutoff = plan.context.dataCutoffMicros();
        int chosenRow = i >= 0 && period >= 1 && period <= plan.periods ? chosen[i * plan.periods + p] : -1;
        for (int r = 0; r < reads.size(); r++) {
            if (reads.mpan(r) != mpan || reads.period(r) != period) {
                continue;
            }
            String fate;
            if (reads.receivedAt(r) > cutoff) {
                fate = "received after the data cut-off, not used";
            } else if (r == chosenRow) {
                fate = "chosen";
            } else {
                long rowId = reads.rowId(r);
                fate = quarantine.stream()
                        .filter(q -> q.rowId() == rowId)
                        .findFirst()
                        .map(q -> "quarantined " + q.reason() + " (field " + q.field() + ")")
                        .orElse("superseded");
            }
            steps.add(new Explanation.Step(
                    "read",
                    "row " + reads.rowId(r) + ": "
                            + Selection.kwh(reads.wh(r)) + " kWh quality " + (char) reads.quality(r) + " received "
                            + java.time.Instant.EPOCH.plusNanos(reads.receivedAt(r) * 1000) + " -> " + fate));
        }
        if (i < 0 || period < 1 || period > plan.periods) {
            steps.add(new Explanation.Step(
                    "registration",
                    "MPAN " + org.gbsettle.engine.metering.Mpan.format(mpan)
                            + " is not registered in " + plan.context.gspGroup() + " on " + plan.date
                            + (period < 1 || period > plan.periods ? ", or SP" + period + " does not exist" : "")
                            + ": not settled in this calculation"));
            return new Explanation(
                    mpan,
                    period,
                    null,
                    "",
                    "NOT_SETTLED",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    List.of(),
                    null,
                    steps);
        }
        var reg = plan.systems[i];
        steps.add(new Explanation.Step(
                "registration",
                "supplier " + reg.supplier() + ", LLFC " + reg.llfc()
                        + ", measurement class " + reg.measurementClass() + ", " + reg.direction()
                        + (reg.energised() ? ", energised" : ", de-energised")));
        long wh;
        String quality;
        String method;
        boolean actual = false;
        if (!plan.systemHh[i]) {
            wh = estimator.nhh(i, p);
            quality = "E";
            method = "NHH_PROFILED";
            steps.add(new Explanation.Step(
                    "estimate",
                    "NHH: EAC " + reg.annualConsumptionKwh() + " kWh x profile"
                            + " coefficient "
                            + (plan.coefficientIndex[i] < 0
                                    ? "none"
                                    : plan.coefficients.get(plan.coefficientIndex[i])[p].toPlainString())
                            + " = " + Selection.kwh(wh) + " kWh (R1)"));
        } else if (chosenRow >= 0) {
            wh = reads.wh(chosenRow);
            actual = reads.quality(chosenRow) == 'A';
            quality = actual ? "A" : "E";
            method = actual ? "ACTUAL" : "SUBMITTED_ESTIMATE";
        } else if (plan.systemEnergised[i]) {
            Estimator.Estimate e = estimator.estimate(i, p);
            wh = e.wh();
            quality = "E";
            method = e.method() == null
                    ? "NO_ESTIMATE"
                    : Estimator.measure(e.method()).name();
            Fraction ls = shapes.shape(plan.category[i], p);
            Fraction total = shapes.annualTotal(plan.category[i]);
            steps.add(new Explanation.Step(
                    "estimate",
                    "no usable value: " + method + " -> " + Selection.kwh(wh)
                            + " kWh (R1); load shape of " + plan.categories.get(plan.category[i]) + " "
                            + (ls == null ? "none" : ls.toDecimal().toPlainString() + " kWh") + ", annual total "
                            + (total == null ? "none" : total.toDecimal().toPlainString() + " kWh")));
        } else {
            wh = 0;
            quality = "E";
            method = "DEENERGISED_ZERO";
            steps.add(new Explanation.Step("estimate", "de-energised with no value: 0 kWh"));
        }
        int cellIndex = actual ? plan.cellActual[i] : plan.cellEstimate[i];
        Cell cell = plan.cells.get(cellIndex);
        int llfcIndex = plan.systemLlfc[i];
        long llfMillionths = plan.llf[llfcIndex][p];
        BigDecimal llf = LineLossFactors.toDecimal(llfMillionths);
        BigDecimal signed = BigDecimal.valueOf(wh * cell.sign(), 3);
        BigDecimal loss = signed.multiply(BigDecimal.valueOf(llfMillionths - LineLossFactors.SCALE, 6));
        steps.add(new Explanation.Step(
                "value",
                Selection.kwh(wh) + " kWh, quality " + quality + " (" + method + "), signed " + signed.toPlainString()
                        + " kWh"));
        steps.add(new Explanation.Step(
                "line loss",
                "LLF " + llf.toPlainString() + " of " + plan.llfcs.get(llfcIndex)
                        + ": consumption " + signed.toPlainString() + " kWh, loss " + signed.toPlainString() + " x ("
                        + llf.toPlainString() + " - 1) = "
                        + loss.stripTrailingZeros().toPlainString() + " kWh"));
        BmUnit unit = plan.bmUnits.get(cell.bmUnit());
        boolean defaulted = reg.bmUnit() == null || !reg.bmUnit().equals(unit.id());
        steps.add(new Explanation.Step(
                "CCC", "consumption CCC " + cell.consumptionCcc() + ", loss CCC " + cell.lossCcc()));
        steps.add(new Explanation.Step(
                "BM unit",
                unit.id() + " of " + unit.supplier()
                        + (defaulted
                                ? " (defaulted: registered " + (reg.bmUnit() == null ? "none" : reg.bmUnit()) + ")"
                                : "")));
        long[] ucC = rows.get(new RowKey(unit.supplier().code(), unit.id().id(), cell.bmUnit(), cell.consumptionCcc()));
        long[] ucL = rows.get(new RowKey(unit.supplier().code(), unit.id().id(), cell.bmUnit(), cell.lossCcc()));
        steps.add(new Explanation.Step(
                "aggregate",
                "uncorrected " + unit.id() + " CCC " + cell.consumptionCcc()
                        + " = " + mwh(ucC == null ? 0 : ucC[p]) + " MWh, CCC " + cell.lossCcc() + " = "
                        + mwh(ucL == null ? 0 : ucL[p]) + " MWh"));
        BigDecimal lam = correction.lambda[p];
        BigDecimal wC = plan.weight(cell.consumptionCcc());
        BigDecimal wL = plan.weight(cell.lossCcc());
        boolean exportFactor =
                plan.config.correctionMode() == CalculationConfig.CorrectionMode.IMPORT_EXPORT && cell.sign() < 0;
        BigDecimal fC = exportFactor ? BigDecimal.ONE.subtract(lam.multiply(wC)) : BigDecimal.ONE.add(lam.multiply(wC));
        BigDecimal fL = exportFactor ? BigDecimal.ONE.subtract(lam.multiply(wL)) : BigDecimal.ONE.add(lam.multiply(wL));
        BigDecimal corrected = signed.multiply(fC).add(loss.multiply(fL)).movePointLeft(3);
        GspGroupCorrector.Outcome o = correction.outcomes[p];
        steps.add(new Explanation.Step(
                "correction",
                "take " + plan.take[p].toPlainString() + " MWh, uncorrected total "
                        + o.uncorrectedTotal().stripTrailingZeros().toPlainString() + ", correctable "
                        + o.correctable().stripTrailingZeros().toPlainString() + ", lambda " + lam.toPlainString()
                        + (o.undefined() ? " (CF_UNDEFINED)" : "") + "; W " + wC.toPlainString() + "/"
                        + wL.toPlainString()
                        + " -> factors " + fC.stripTrailingZeros().toPlainString() + "/"
                        + fL.stripTrailingZeros().toPlainString() + "; this value corrected "
                        + corrected.stripTrailingZeros().toPlainString() + " MWh"));
        return new Explanation(
                mpan,
                period,
                BigDecimal.valueOf(wh, 3),
                quality,
                method,
                llf,
                signed,
                loss.stripTrailingZeros(),
                cell.consumptionCcc(),
                cell.lossCcc(),
                unit.supplier().code(),
                unit.id().id(),
                lam,
                List.of(fC, fL),
                corrected.stripTrailingZeros(),
                steps);
    }

    private static String mwh(long ucMicroWh) {
        return BigDecimal.valueOf(ucMicroWh, UC_SCALE).stripTrailingZeros().toPlainString();
    }

    private static <T> List<T> parallel(int chunks, int threads, IntFunction<T> work) {
        List<T> out = new ArrayList<>(chunks);
        if (threads == 1 || chunks == 1) {
            for (int c = 0; c < chunks; c++) {
                out.add(work.apply(c));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, chunks));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int c = 0; c < chunks; c++) {
                int chunk = c;
                futures.add(pool.submit(() -> work.apply(chunk)));
            }
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Calculation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
