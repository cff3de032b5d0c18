package org.gbsettle.engine.calc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gbsettle.engine.calc.GroupCalculation.RowKey;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.reference.BmUnit;
import org.gbsettle.engine.run.BmUnitVolume;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.CalculationIssue;
import org.gbsettle.engine.run.GspGroupCorrection;
import org.gbsettle.engine.run.IssueCode;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.engine.run.SupplierVolume;

/**
 * Steps 6 and 7 of one GSP group: the correction of the group's uncorrected volumes (10^-12 MWh per (supplier, BM
 * unit, CCC) row and period) to the take, period by period, and the output rows in key order. A pure function of the
 * plan and the rows, so a whole-group calculation and a combination of slices correct alike.
 */
final class Correction {

    final Plan plan;
    final TreeMap<RowKey, long[]> rows;
    final BigDecimal[] lambda;
    final GspGroupCorrector.Outcome[] outcomes;
    final List<SupplierVolume> supplierVolumes = new ArrayList<>();
    /** Per period, the supplier volumes and their row keys, in row key order (merged into row-then-period order). */
    private final List<List<SupplierVolume>> volumesOfPeriod = new ArrayList<>();

    private final List<List<RowKey>> keysOfPeriod = new ArrayList<>();
    final List<BmUnitVolume> bmUnitVolumes = new ArrayList<>();
    final List<GspGroupCorrection> corrections = new ArrayList<>();
    final List<CalculationIssue> correctionIssues = new ArrayList<>();

    /**
     * Corrects every period.
     *
     * @throws MissingReferenceDataException when a period has no correctable volume and the configuration says fail
     */
    Correction(Plan plan, TreeMap<RowKey, long[]> rows) {
        this.plan = plan;
        this.rows = rows;
        int periods = plan.periods;
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
        // rows in key order, periods ascending within each: each period's volumes are in key order already
        int[] cursor = new int[periods];
        for (RowKey key : rows.keySet()) {
            for (int p = 0; p < periods; p++) {
                List<RowKey> keys = keysOfPeriod.get(p);
                if (cursor[p] < keys.size() && keys.get(cursor[p]) == key) {
                    supplierVolumes.add(volumesOfPeriod.get(p).get(cursor[p]++));
                }
            }
        }
        keysOfPeriod.clear();
        volumesOfPeriod.clear();
        bmUnitVolumes.sort(Comparator.comparing((BmUnitVolume v) -> v.supplier().code())
                .thenComparing(v -> v.bmUnit().id())
                .thenComparingInt(BmUnitVolume::period));
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
            boolean export = plan.ccc(ccc).measurementQuantity() == MeasurementQuantity.AE;
            keys.add(e.getKey());
            periodRows.add(new GspGroupCorrector.Row(
                    BigDecimal.valueOf(uc, GroupCalculation.UC_SCALE), plan.weight(ccc), export));
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
        List<SupplierVolume> volumes = new ArrayList<>(n);
        volumesOfPeriod.add(volumes);
        keysOfPeriod.add(keys);
        for (int k = 0; k < n; k++) {
            GspGroupCorrector.Row r = periodRows.get(k);
            RowKey key = keys.get(k);
            BmUnit unit = plan.bmUnits.get(key.bmUnitIndex());
            volumes.add(new SupplierVolume(
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
}
