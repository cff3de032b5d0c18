package org.gbsettle.jobs.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A settlement run's report, ready to render: the data read from the database, the totals per GSP group worked out
 * from it, each group's series per settlement period for its chart, the conservation checks and the diff summary.
 * MWh, SVA sign.
 *
 * @param data what was read
 * @param groupTotals day totals per GSP group, in group order
 * @param series per GSP group, the take, uncorrected total and correction factor(s) per period
 * @param checks the conservation checks of the stored outputs
 * @param diff the diff summary against the run this one supersedes
 */
public record RunReport(
        RunReportData data,
        List<GroupTotal> groupTotals,
        List<GroupSeries> series,
        ConservationChecks checks,
        RunDiffSummary.Summary diff) {

    public RunReport {
        Objects.requireNonNull(data, "data");
        groupTotals = List.copyOf(groupTotals);
        series = List.copyOf(series);
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(diff, "diff");
    }

    /**
     * A GSP group's day: periods with a correction, the take, the uncorrected total (as stored with the correction),
     * the published corrected total (supplier volumes), its import and export parts, the BMUADV total, the lowest and
     * highest correction factor, and the periods flagged per flag.
     */
    public record GroupTotal(
            String gspGroup,
            int periods,
            BigDecimal takeMwh,
            BigDecimal uncorrectedMwh,
            BigDecimal correctedMwh,
            BigDecimal importMwh,
            BigDecimal exportMwh,
            BigDecimal bmuadvMwh,
            @Nullable BigDecimal cfLowest,
            @Nullable BigDecimal cfHighest,
            Map<String, Integer> flaggedPeriods) {

        public GroupTotal {
            Objects.requireNonNull(gspGroup, "gspGroup");
            Objects.requireNonNull(takeMwh, "takeMwh");
            Objects.requireNonNull(uncorrectedMwh, "uncorrectedMwh");
            Objects.requireNonNull(correctedMwh, "correctedMwh");
            Objects.requireNonNull(importMwh, "importMwh");
            Objects.requireNonNull(exportMwh, "exportMwh");
            Objects.requireNonNull(bmuadvMwh, "bmuadvMwh");
            flaggedPeriods = Map.copyOf(flaggedPeriods);
        }
    }

    /**
     * A GSP group's chart data: the periods in order, and per period the take and uncorrected total (MWh) and the
     * correction factor of each factor type (null where a type has no row for the period).
     */
    public record GroupSeries(
            String gspGroup,
            List<Integer> periods,
            List<BigDecimal> takeMwh,
            List<BigDecimal> uncorrectedMwh,
            Map<String, List<@Nullable BigDecimal>> gcf) {

        public GroupSeries {
            Objects.requireNonNull(gspGroup, "gspGroup");
            periods = List.copyOf(periods);
            takeMwh = List.copyOf(takeMwh);
            uncorrectedMwh = List.copyOf(uncorrectedMwh);
            Map<String, List<@Nullable BigDecimal>> copy = new LinkedHashMap<>();
            gcf.forEach((type, values) -> copy.put(type, Collections.unmodifiableList(new ArrayList<>(values))));
            gcf = Collections.unmodifiableMap(copy);
        }
    }

    /** The report of {@code data}: totals, series and checks worked out, with the diff summary given. */
    public static RunReport of(RunReportData data, RunDiffSummary.Summary diff) {
        Map<String, List<RunReportData.Correction>> byGroup = new TreeMap<>();
        for (RunReportData.Correction c : data.corrections()) {
            byGroup.computeIfAbsent(c.gspGroup(), g -> new ArrayList<>()).add(c);
        }
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        for (RunReportData.PeriodSums s : data.periodSums()) {
            BigDecimal[] t = sums.computeIfAbsent(s.gspGroup(), g -> zeros(2));
            t[0] = t[0].add(s.correctedMwh());
            t[1] = t[1].add(s.bmuadvMwh());
        }
        Map<String, BigDecimal[]> trade = new TreeMap<>();
        for (RunReportData.SupplierTotal s : data.supplierTotals()) {
            BigDecimal[] t = trade.computeIfAbsent(s.gspGroup(), g -> zeros(2));
            t[0] = t[0].add(s.importMwh());
            t[1] = t[1].add(s.exportMwh());
        }
        List<String> groups = new ArrayList<>(byGroup.keySet());
        data.groups().stream()
                .map(RunReportData.GroupPartition::gspGroup)
                .filter(g -> !groups.contains(g))
                .forEach(groups::add);
        groups.sort(null);

        List<GroupTotal> totals = new ArrayList<>();
        List<GroupSeries> series = new ArrayList<>();
        for (String group : groups) {
            List<RunReportData.Correction> rows = byGroup.getOrDefault(group, List.of());
            // one take and uncorrected total per period, from the first factor type's row
            Map<Integer, RunReportData.Correction> perPeriod = new TreeMap<>();
            Map<String, Map<Integer, BigDecimal>> gcf = new TreeMap<>();
            Map<String, Integer> flagged = new TreeMap<>();
            BigDecimal low = null;
            BigDecimal high = null;
            for (RunReportData.Correction c : rows) {
                if (perPeriod.putIfAbsent(c.period(), c) == null) {
                    c.flags().forEach(f -> flagged.merge(f, 1, Integer::sum));
                }
                gcf.computeIfAbsent(c.gcfType(), t -> new TreeMap<>()).put(c.period(), c.gcf());
                low = low == null || c.gcf().compareTo(low) < 0 ? c.gcf() : low;
                high = high == null || c.gcf().compareTo(high) > 0 ? c.gcf() : high;
            }
            BigDecimal take = BigDecimal.ZERO;
            BigDecimal uncorrected = BigDecimal.ZERO;
            List<Integer> periods = new ArrayList<>();
            List<BigDecimal> takes = new ArrayList<>();
            List<BigDecimal> uncorrecteds = new ArrayList<>();
            for (RunReportData.Correction c : perPeriod.values()) {
                take = take.add(c.takeMwh());
                uncorrected = uncorrected.add(c.uncorrectedTotalMwh());
                periods.add(c.period());
                takes.add(c.takeMwh());
                uncorrecteds.add(c.uncorrectedTotalMwh());
            }
            Map<String, List<@Nullable BigDecimal>> factors = new LinkedHashMap<>();
            gcf.forEach((type, values) -> {
                List<@Nullable BigDecimal> list = new ArrayList<>();
                for (int p : periods) {
                    list.add(values.get(p));
                }
                factors.put(type, list);
            });
            BigDecimal[] s = sums.getOrDefault(group, zeros(2));
            BigDecimal[] t = trade.getOrDefault(group, zeros(2));
            totals.add(new GroupTotal(
                    group, perPeriod.size(), take, uncorrected, s[0], t[0], t[1], s[1], low, high, flagged));
            series.add(new GroupSeries(group, periods, takes, uncorrecteds, factors));
        }
        return new RunReport(data, totals, series, ConservationChecks.of(data), diff);
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] z = new BigDecimal[n];
        Arrays.fill(z, BigDecimal.ZERO);
        return z;
    }
}
