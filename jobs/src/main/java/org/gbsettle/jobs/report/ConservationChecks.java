package org.gbsettle.jobs.report;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The conservation checks of a run report, worked out from the run's stored outputs alone: in every GSP group and
 * period the corrected volumes add up to the GSP group take (exactly, within the bound of rounding step R2; and as
 * published, within half a 0.0001 MWh unit per published row), each group has one correction row per factor type
 * for every settlement period of the date (46, 48 or 50) and no volume outside them, and meter rows read = accepted +
 * quarantined for every input file at ingest and every GSP group partition of the run.
 *
 * @param checks each check with how many cases it looked at and how many broke it, in a fixed order
 * @param breaches every case that broke a check
 */
public record ConservationChecks(List<Check> checks, List<Breach> breaches) {

    /** Settlement dates are local days in Europe/London (domain.md §2). */
    private static final ZoneId UK = ZoneId.of("Europe/London");

    /** Half a unit of the published 4 dp MWh: the most rounding step R3 moves one published value. */
    static final BigDecimal HALF_UNIT = new BigDecimal("0.00005");

    /** Half a unit of the 9 dp lambda of rounding step R2: |sum CORC - take| is at most this times |D|. */
    static final BigDecimal HALF_LAMBDA_UNIT = new BigDecimal("0.0000000005");

    public static final String EXACT_TOTAL = "corrected total = take (exact)";
    public static final String PUBLISHED_TOTAL = "corrected total = take (published supplier volumes)";
    public static final String BM_UNIT_TOTAL = "corrected total = take (BM unit volumes)";
    public static final String PERIOD_COUNT = "period count of the date";
    public static final String FILE_ROWS = "rows read = accepted + quarantined (file, at ingest)";
    public static final String PARTITION_ROWS = "rows read = accepted + quarantined (GSP group, this run)";

    public ConservationChecks {
        checks = List.copyOf(checks);
        breaches = List.copyOf(breaches);
    }

    /**
     * One check: its name, what it compares and the tolerance, the cases it looked at (group-periods, groups, files)
     * and how many broke it.
     */
    public record Check(String name, String rule, long cases, long breaches) {

        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(rule, "rule");
        }

        /** Whether no case broke the check (a check with no case passes). */
        public boolean passed() {
            return breaches == 0;
        }
    }

    /** A case that broke a check: which check, where (GSP group and period, or file), and the figures. */
    public record Breach(String check, String where, String detail) {

        public Breach {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(where, "where");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Whether every check passed. */
    public boolean passed() {
        return breaches.isEmpty();
    }

    /** The settlement periods of a local date in Europe/London: 46, 48 or 50. */
    public static int periodCount(LocalDate date) {
        Duration day = Duration.between(date.atStartOfDay(UK), date.plusDays(1).atStartOfDay(UK));
        return (int) (day.toMinutes() / 30);
    }

    /** The checks of a run's report data. */
    public static ConservationChecks of(RunReportData data) {
        List<Check> checks = new ArrayList<>();
        List<Breach> breaches = new ArrayList<>();
        totals(data, checks, breaches);
        periodCounts(data, checks, breaches);
        rows(data, checks, breaches);
        return new ConservationChecks(checks, breaches);
    }

    private static void totals(RunReportData data, List<Check> checks, List<Breach> breaches) {
        // the take of each group and period: the first correction row's (one per factor type, all with the take)
        Map<String, RunReportData.Correction> takes = new LinkedHashMap<>();
        for (RunReportData.Correction c : data.corrections()) {
            takes.putIfAbsent(key(c.gspGroup(), c.period()), c);
        }
        Map<String, RunReportData.PeriodSums> sums = new HashMap<>();
        for (RunReportData.PeriodSums s : data.periodSums()) {
            sums.put(key(s.gspGroup(), s.period()), s);
        }
        List<Breach> exact = new ArrayList<>();
        List<Breach> published = new ArrayList<>();
        List<Breach> bmUnits = new ArrayList<>();
        for (RunReportData.Correction c : takes.values()) {
            RunReportData.PeriodSums s = sums.get(key(c.gspGroup(), c.period()));
            BigDecimal correctedExact = s == null ? BigDecimal.ZERO : s.correctedExactMwh();
            BigDecimal corrected = s == null ? BigDecimal.ZERO : s.correctedMwh();
            BigDecimal bmuadv = s == null ? BigDecimal.ZERO : s.bmuadvMwh();
            BigDecimal bound = s == null ? BigDecimal.ZERO : HALF_LAMBDA_UNIT.multiply(s.weightedAbsMwh());
            long supplierRows = s == null ? 0 : s.supplierRows();
            long bmUnitRows = s == null ? 0 : s.bmUnitRows();
            String where = c.gspGroup() + " SP" + c.period();
            String flags = c.flags().isEmpty() ? "" : " (flags " + String.join(", ", c.flags()) + ")";
            check(exact, EXACT_TOTAL, where, c.takeMwh(), correctedExact, bound, flags);
            check(
                    published,
                    PUBLISHED_TOTAL,
                    where,
                    c.takeMwh(),
                    corrected,
                    HALF_UNIT.multiply(BigDecimal.valueOf(supplierRows)).add(bound),
                    flags);
            check(
                    bmUnits,
                    BM_UNIT_TOTAL,
                    where,
                    c.takeMwh(),
                    bmuadv,
                    HALF_UNIT.multiply(BigDecimal.valueOf(bmUnitRows)).add(bound),
                    flags);
        }
        int cases = takes.size();
        checks.add(new Check(
                EXACT_TOTAL,
                "take - sum of exact corrected supplier volumes, per GSP group and period, within 0.5e-9 x"
                        + " sum |weight x uncorrected| (rounding step R2)",
                cases,
                exact.size()));
        checks.add(new Check(
                PUBLISHED_TOTAL,
                "take - sum of published (4 dp) corrected supplier volumes, within 0.00005 MWh per row plus the R2"
                        + " bound",
                cases,
                published.size()));
        checks.add(new Check(
                BM_UNIT_TOTAL,
                "take - sum of BMUADV, within 0.00005 MWh per BM unit row plus the R2 bound",
                cases,
                bmUnits.size()));
        breaches.addAll(exact);
        breaches.addAll(published);
        breaches.addAll(bmUnits);
    }

    private static void check(
            List<Breach> breaches,
            String name,
            String where,
            BigDecimal take,
            BigDecimal total,
            BigDecimal tolerance,
            String flags) {
        BigDecimal residual = take.subtract(total);
        if (residual.abs().compareTo(tolerance) > 0) {
            breaches.add(new Breach(
                    name,
                    where,
                    "take " + plain(take) + " MWh, total " + plain(total) + " MWh, residual " + plain(residual)
                            + " MWh beyond " + plain(tolerance) + flags));
        }
    }

    private static void periodCounts(RunReportData data, List<Check> checks, List<Breach> breaches) {
        int n = periodCount(data.header().settlementDate());
        Set<Integer> expected = new TreeSet<>();
        for (int p = 1; p <= n; p++) {
            expected.add(p);
        }
        Map<String, Map<String, Set<Integer>>> byGroupAndType = new TreeMap<>();
        for (RunReportData.Correction c : data.corrections()) {
            byGroupAndType
                    .computeIfAbsent(c.gspGroup(), g -> new TreeMap<>())
                    .computeIfAbsent(c.gcfType(), t -> new TreeSet<>())
                    .add(c.period());
        }
        Map<String, Set<Integer>> volumePeriods = new TreeMap<>();
        Map<String, Set<Long>> bmUnitRowCounts = new TreeMap<>();
        for (RunReportData.PeriodSums s : data.periodSums()) {
            volumePeriods.computeIfAbsent(s.gspGroup(), g -> new TreeSet<>()).add(s.period());
            bmUnitRowCounts.computeIfAbsent(s.gspGroup(), g -> new TreeSet<>()).add(s.bmUnitRows());
        }
        Set<String> groups = new TreeSet<>();
        data.groups().forEach(g -> groups.add(g.gspGroup()));
        groups.addAll(byGroupAndType.keySet());
        groups.addAll(volumePeriods.keySet());
        List<Breach> found = new ArrayList<>();
        for (String group : groups) {
            Map<String, Set<Integer>> types = byGroupAndType.getOrDefault(group, Map.of());
            if (types.isEmpty()) {
                found.add(new Breach(PERIOD_COUNT, group, "no correction rows; the date has " + n + " periods"));
            }
            types.forEach((type, periods) -> {
                if (!periods.equals(expected)) {
                    found.add(new Breach(
                            PERIOD_COUNT,
                            group + " " + type,
                            periods.size() + " correction periods " + range(periods) + "; the date has " + n
                                    + " periods (1-" + n + ")"));
                }
            });
            Set<Integer> volume = volumePeriods.getOrDefault(group, Set.of());
            List<Integer> outside =
                    volume.stream().filter(p -> !expected.contains(p)).toList();
            if (!outside.isEmpty()) {
                found.add(new Breach(PERIOD_COUNT, group, "volumes in periods " + outside + " outside 1-" + n));
            }
            Set<Long> unitRows = bmUnitRowCounts.getOrDefault(group, Set.of());
            if (unitRows.size() > 1 || !volume.isEmpty() && volume.size() != n) {
                found.add(new Breach(
                        PERIOD_COUNT,
                        group,
                        "volumes in " + volume.size() + " of " + n + " periods, BM unit rows per period " + unitRows
                                + " (every supplier BM unit has a row in every period)"));
            }
        }
        checks.add(new Check(
                PERIOD_COUNT,
                "each GSP group has one correction row per factor type for each of the date's " + n
                        + " periods and volumes in exactly those periods",
                groups.size(),
                found.size()));
        breaches.addAll(found);
    }

    private static void rows(RunReportData data, List<Check> checks, List<Breach> breaches) {
        List<Breach> files = new ArrayList<>();
        for (RunReportData.InputFile f : data.files()) {
            String where = "file " + f.fileId() + " " + f.path();
            Long read = f.rowsRead();
            Long accepted = f.rowsAccepted();
            Long rejected = f.rowsRejected();
            if (read == null || accepted == null || rejected == null) {
                files.add(new Breach(FILE_ROWS, where, "the file is not registered (no ingest counts)"));
            } else if (read != accepted + rejected || rejected != f.quarantinedAtIngest()) {
                files.add(new Breach(
                        FILE_ROWS,
                        where,
                        "read " + read + ", accepted " + accepted + ", rejected " + rejected + ", quarantine rows "
                                + f.quarantinedAtIngest()));
            }
        }
        checks.add(new Check(
                FILE_ROWS,
                "per meter-data file of the run: rows read = accepted + rejected at ingest, and rejected = the file's"
                        + " quarantine rows at ingest",
                data.files().size(),
                files.size()));
        List<Breach> groups = new ArrayList<>();
        for (RunReportData.GroupPartition g : data.groups()) {
            Long read = g.rowsRead();
            Long accepted = g.rowsAccepted();
            Long quarantined = g.rowsQuarantined();
            if (read == null || accepted == null || quarantined == null) {
                groups.add(
                        new Breach(PARTITION_ROWS, g.gspGroup(), "no meter row counts (partition " + g.status() + ")"));
            } else if (read != accepted + quarantined || quarantined != g.quarantineRows()) {
                groups.add(new Breach(
                        PARTITION_ROWS,
                        g.gspGroup(),
                        "read " + read + ", accepted " + accepted + ", quarantined " + quarantined
                                + ", quarantine rows stored " + g.quarantineRows()));
            }
        }
        checks.add(new Check(
                PARTITION_ROWS,
                "per GSP group partition: meter rows read = accepted + quarantined, and quarantined = the group's"
                        + " quarantine rows stored by the run",
                data.groups().size(),
                groups.size()));
        breaches.addAll(files);
        breaches.addAll(groups);
    }

    private static String range(Set<Integer> periods) {
        if (periods.isEmpty()) {
            return "(none)";
        }
        TreeSet<Integer> sorted = new TreeSet<>(periods);
        return sorted.first() + "-" + sorted.last();
    }

    private static String key(String group, int period) {
        return group + "#" + period;
    }

    /** A decimal in plain notation without trailing zeros ({@code 0} for zero). */
    static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
