package org.gbsettle.engine.calc;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.reference.BmUnit;
import org.gbsettle.engine.reference.LineLossFactors;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.run.BmUnitVolume;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.CalculationIssue;
import org.gbsettle.engine.run.DataQualityCount;
import org.gbsettle.engine.run.GspGroupCorrection;
import org.gbsettle.engine.run.IssueCode;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.engine.run.QuarantinedRead;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.run.SupplierVolume;

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

    final BigDecimal[] lambda;
    final GspGroupCorrector.Outcome[] outcomes;
    final List<SupplierVolume> supplierVolumes = new ArrayList<>();
    final List<BmUnitVolume> bmUnitVolumes = new ArrayList<>();
    final List<GspGroupCorrection> corrections = new ArrayList<>();
    final List<CalculationIssue> correctionIssues = new ArrayList<>();

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

    private GroupCalculation(RunInputs in, ReferenceData ref, int chunks, LongToIntFunction chunkOfMpan, int threads) {
        if (chunks < 1 || threads < 1) {
            throw new IllegalArgumentException("chunks " + chunks + " and threads " + threads + " must be 1 or more");
        }
        this.plan = Plan.of(in, ref);
        this.reads = in.reads();
        int n = plan.systems.length;
        int periods = plan.periods;

        // ---- chunks: systems by the caller's function, rows with their system (unknown MPANs by the same function)
        int[] systemChunk = new int[n];
        int[] systemCount = new int[chunks];
        for (int i = 0; i < n; i++) {
            systemChunk[i] = Math.floorMod(chunkOfMpan.applyAsInt(plan.systems[i].mpan()), chunks);
            systemCount[systemChunk[i]]++;
        }
        int[][] systemsOf = new int[chunks][];
        for (int c = 0; c < chunks; c++) {
            systemsOf[c] = new int[systemCount[c]];
        }
        int[] fill = new int[chunks];
        for (int i = 0; i < n; i++) {
            systemsOf[systemChunk[i]][fill[systemChunk[i]]++] = i;
        }
        int size = reads.size();
        int[] rowChunk = new int[size];
        int[] rowCount = new int[chunks];
        for (int r = 0; r < size; r++) {
            long mpan = reads.mpan(r);
            int i = plan.systemIndex.get(mpan);
            int c = i >= 0 ? systemChunk[i] : Math.floorMod(chunkOfMpan.applyAsInt(mpan), chunks);
            rowChunk[r] = c;
            rowCount[c]++;
        }
        int[][] rowsOf = new int[chunks][];
        for (int c = 0; c < chunks; c++) {
            rowsOf[c] = new int[rowCount[c]];
        }
        Arrays.fill(fill, 0);
        for (int r = 0; r < size; r++) {
            rowsOf[rowChunk[r]][fill[rowChunk[r]]++] = r;
        }

        // ---- step 1 per chunk, then load shapes from the merged sums
        chosen = new int[Math.multiplyExact(n, periods)];
        Arrays.fill(chosen, -1);
        List<Selection> selections = parallel(chunks, threads, c -> {
            Selection s = Selection.select(plan, reads, rowsOf[c], chosen);
            s.sumShapes(plan, reads, systemsOf[c], chosen);
            return s;
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
                    shapeSum[k][p] += s.shapeSumWh[k][p];
                    shapeCount[k][p] += s.shapeCount[k][p];
                }
            }
        }
        quarantine.sort(Comparator.comparingLong(QuarantinedRead::rowId).thenComparing(QuarantinedRead::reason));
        shapes = plan.config.loadShapeSource() == CalculationConfig.LoadShapeSource.COMPUTED
                ? LoadShapes.computed(shapeSum, shapeCount, periods, plan.config)
                : LoadShapes.published(in.publishedLoadShapes(), plan.categories, periods);
        estimator = new Estimator(plan, shapes);

        // ---- steps 1 (defaults) to 5 per chunk, merged
        List<Aggregation> aggregations =
                parallel(chunks, threads, c -> Aggregation.aggregate(plan, estimator, reads, systemsOf[c], chosen));
        total = aggregations.get(0);
        for (int c = 1; c < aggregations.size(); c++) {
            total.merge(aggregations.get(c));
        }

        // ---- line losses per cell and period, into (supplier, BM unit, CCC) rows
        for (int c = 0; c < plan.cells.size(); c++) {
            Cell cell = plan.cells.get(c);
            BmUnit unit = plan.bmUnits.get(cell.bmUnit());
            long[] cons = row(unit, cell.bmUnit(), cell.consumptionCcc());
            long[] loss = row(unit, cell.bmUnit(), cell.lossCcc());
            long[] llf = plan.llf[cell.llfc()];
            for (int p = 0; p < periods; p++) {
                long sumWh = total.cellWh[c * periods + p] * cell.sign();
                // Wh x 10^6 = 10^-12 MWh; losses Wh x (LLF - 1) in millionths = 10^-12 MWh
                cons[p] = Math.addExact(cons[p], Math.multiplyExact(sumWh, LineLossFactors.SCALE));
                loss[p] = Math.addExact(loss[p], Math.multiplyExact(sumWh, llf[p] - LineLossFactors.SCALE));
            }
        }

        // ---- step 6 and 7 per period
        lambda = new BigDecimal[periods];
        outcomes = new GspGroupCorrector.Outcome[periods];
        List<CalculationIssue> undefinedFailures = new ArrayList<>();
        for (int p = 0; p < periods; p++) {
            correctPeriod(p, undefinedFailures);
        }
        if (!undefinedFailures.isEmpty()) {
            throw new MissingReferenceDataException(
                    "Run " + plan.context.runType() + " " + plan.date + " " + plan.context.gspGroup()
                            + " has no correctable volume",
                    undefinedFailures);
        }
        supplierVolumes.sort(
                Comparator.comparing((SupplierVolume v) -> v.supplier().code())
                        .thenComparing(v -> v.bmUnit().id())
                        .thenComparingInt(SupplierVolume::cccId)
                        .thenComparingInt(SupplierVolume::period));
        bmUnitVolumes.sort(Comparator.comparing((BmUnitVolume v) -> v.supplier().code())
                .thenComparing(v -> v.bmUnit().id())
                .thenComparingInt(BmUnitVolume::period));
    }

    /**
     * Runs a calculation.
     *
     * @param chunks number of chunks the group's metering systems are split into
     * @param chunkOfMpan which chunk a metering system (by MPAN core) belongs to, taken modulo {@code chunks}
     * @param threads threads that process chunks
     * @throws MissingReferenceDataException if mandatory reference data or inputs are missing, listing all
     */
    public static GroupCalculation run(
            RunInputs in, ReferenceData ref, int chunks, LongToIntFunction chunkOfMpan, int threads) {
        return new GroupCalculation(in, ref, chunks, chunkOfMpan, threads);
    }

    private long[] row(BmUnit unit, int bmUnitIndex, int ccc) {
        return rows.computeIfAbsent(
                new RowKey(unit.supplier().code(), unit.id().id(), bmUnitIndex, ccc), k -> new long[plan.periods]);
    }

    private void correctPeriod(int p, List<CalculationIssue> undefinedFailures) {
        int period = p + 1;
        CalculationConfig config = plan.config;
        BigDecimal take = plan.take[p];
        List<RowKey> keys = new ArrayList<>();
        List<GspGroupCorrector.Row> periodRows = new ArrayList<>();
        for (Map.Entry<RowKey, long[]> e : rows.entrySet()) {
            long uc = e.getValue()[p];
            if (uc == 0) {
                continue;
            }
            int ccc = e.getKey().ccc();
            boolean export = plan.cccs.get(ccc).measurementQuantity() == MeasurementQuantity.AE;
            keys.add(e.getKey());
            periodRows.add(new GspGroupCorrector.Row(BigDecimal.valueOf(uc, UC_SCALE), plan.weights.get(ccc), export));
        }
        GspGroupCorrector.Outcome o = GspGroupCorrector.correct(periodRows, take, config.correctionMode());
        outcomes[p] = o;
        lambda[p] = o.lambda();
        boolean balance = config.balanceToTake() && !o.undefined();

        // published supplier volumes: R3, then R4
        int n = periodRows.size();
        BigDecimal[] exact = new BigDecimal[n];
        BigDecimal[] published = new BigDecimal[n];
        boolean[] eligible = new boolean[n];
        for (int k = 0; k < n; k++) {
            GspGroupCorrector.Row r = periodRows.get(k);
            exact[k] = r.corrected;
            published[k] = r.published;
            eligible[k] = r.correctable();
        }
        if (balance) {
            published = GspGroupCorrector.balance(exact, published, eligible, take);
        }
        BigDecimal publishedSum = BigDecimal.ZERO;
        for (int k = 0; k < n; k++) {
            GspGroupCorrector.Row r = periodRows.get(k);
            RowKey key = keys.get(k);
            BmUnit unit = plan.bmUnits.get(key.bmUnitIndex());
            supplierVolumes.add(new SupplierVolume(
                    unit.supplier(),
                    unit.id(),
                    key.ccc(),
                    period,
                    r.uncorrected,
                    r.weight,
                    r.factor,
                    r.corrected,
                    published[k]));
            publishedSum = publishedSum.add(published[k]);
        }

        // BM unit allocated volumes: every supplier unit of the group, R3 then R4 among units with correctable volume
        int units = plan.bmUnits.size();
        BigDecimal[] unitExact = new BigDecimal[units];
        boolean[] unitEligible = new boolean[units];
        Arrays.fill(unitExact, BigDecimal.ZERO);
        for (int k = 0; k < n; k++) {
            int u = keys.get(k).bmUnitIndex();
            unitExact[u] = unitExact[u].add(exact[k]);
            unitEligible[u] |= eligible[k];
        }
        BigDecimal[] unitPublished = new BigDecimal[units];
        for (int u = 0; u < units; u++) {
            unitPublished[u] = unitExact[u].setScale(4, RoundingMode.HALF_UP);
        }
        if (balance) {
            unitPublished = GspGroupCorrector.balance(unitExact, unitPublished, unitEligible, take);
        }
        for (int u = 0; u < units; u++) {
            BmUnit unit = plan.bmUnits.get(u);
            bmUnitVolumes.add(new BmUnitVolume(unit.supplier(), unit.id(), period, unitExact[u], unitPublished[u]));
        }

        // the correction rows
        List<String> flags = new ArrayList<>();
        if (o.undefined()) {
            flags.add(IssueCode.CF_UNDEFINED.name());
            CalculationIssue issue = new CalculationIssue(
                    config.onZeroCorrectableVolume() == CalculationConfig.ZeroDenominatorPolicy.FAIL
                            ? IssueCode.CF_UNDEFINED_FAIL
                            : IssueCode.CF_UNDEFINED,
                    null,
                    period,
                    "SP" + period + ": correctable volume is zero; factor 1, "
                            + take.subtract(o.uncorrectedTotal())
                                    .stripTrailingZeros()
                                    .toPlainString() + " MWh unallocated");
            if (issue.code() == IssueCode.CF_UNDEFINED_FAIL) {
                undefinedFailures.add(issue);
            } else {
                correctionIssues.add(issue);
            }
        }
        List<String[]> types = config.correctionMode() == CalculationConfig.CorrectionMode.SINGLE
                ? List.<String[]>of(new String[] {"legacy_gcf", "+"})
                : List.of(new String[] {"mhhs_import_gcf", "+"}, new String[] {"mhhs_export_gcf", "-"});
        for (String[] type : types) {
            BigDecimal gcf = (type[1].equals("+")
                            ? BigDecimal.ONE.add(o.lambda())
                            : BigDecimal.ONE.subtract(o.lambda()))
                    .setScale(9, RoundingMode.UNNECESSARY);
            List<String> rowFlags = new ArrayList<>(flags);
            if (gcf.compareTo(config.cfBandLow()) < 0 || gcf.compareTo(config.cfBandHigh()) > 0) {
                rowFlags.add(IssueCode.CF_OUT_OF_RANGE.name());
                correctionIssues.add(new CalculationIssue(
                        IssueCode.CF_OUT_OF_RANGE,
                        null,
                        period,
                        "SP" + period + ": " + type[0] + " " + gcf.toPlainString() + " is outside " + config.cfBandLow()
                                + ".." + config.cfBandHigh()));
            }
            if (plan.takeEstimated[p]) {
                rowFlags.add(IssueCode.TAKE_ESTIMATED.name());
            }
            corrections.add(new GspGroupCorrection(
                    period,
                    type[0],
                    gcf,
                    take,
                    plan.takeEstimated[p],
                    o.uncorrectedTotal(),
                    o.correctable(),
                    take.subtract(o.correctedTotal()),
                    take.subtract(publishedSum),
                    rowFlags));
        }
    }

    /** The result tables. */
    public RunResult result() {
        List<CalculationIssue> issues = new ArrayList<>(plan.issues);
        issues.addAll(total.issues);
        issues.addAll(correctionIssues);
        issues.sort(Comparator.comparing(CalculationIssue::code)
                .thenComparingLong(i -> i.mpan() == null ? -1 : i.mpan())
                .thenComparingInt(CalculationIssue::period)
                .thenComparing(CalculationIssue::message));
        DataQuality dq = new DataQuality(plan.periods);
        dq.merge(selectionQuality);
        dq.merge(total.dataQuality);
        for (CalculationIssue i : plan.issues) {
            if (i.code() == IssueCode.BM_UNIT_DEFAULTED) {
                dq.add(org.gbsettle.engine.run.DataQualityMeasure.BM_UNIT_DEFAULTED, 0, 0);
            }
        }
        List<DataQualityCount> dqRows = dq.rows();
        return new RunResult(
                plan.context, plan.config, supplierVolumes, bmUnitVolumes, corrections, dqRows, issues, quarantine);
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
