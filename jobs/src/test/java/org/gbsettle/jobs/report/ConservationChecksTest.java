package org.gbsettle.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The conservation checks on hand-made report data: a 48-period day of GSP group _A in which every period is domain.md
 * §10.1's SP35 (take 1.0850 MWh, exact corrected total 1.085000000084038, sum |W x UC| = D = 0.246919, so the R2
 * bound is 0.5e-9 x 0.246919 = 1.234595e-10 and the residual -8.4038e-11 is within it; 13 published rows, 5 BM
 * units), then one figure changed at a time.
 */
class ConservationChecksTest {

    private static final LocalDate DAY = LocalDate.of(2026, 1, 15);

    @ParameterizedTest
    @CsvSource({"2026-01-15, 48", "2026-03-29, 46", "2026-10-25, 50", "2027-03-28, 46", "2027-10-31, 50"})
    void period_count_of_a_date(LocalDate date, int periods) {
        assertThat(ConservationChecks.periodCount(date)).isEqualTo(periods);
    }

    @Test
    void a_consistent_day_passes_every_check() {
        ConservationChecks checks = ConservationChecks.of(day(48, List.of()));
        assertThat(checks.passed()).isTrue();
        assertThat(checks.checks())
                .hasSize(6)
                .allSatisfy(c -> assertThat(c.passed()).isTrue());
        assertThat(checks.checks().get(0).cases()).isEqualTo(48);
    }

    /**
     * One period's sums changed: the exact total 1.0850000002 is 2e-10 from the take, beyond the bound 1.234595e-10;
     * a published total 1.0843 is 0.0007 off, beyond 13 x 0.00005 + bound = 0.0006500001234595; 1.0844 (0.0006) is
     * within it; a BMUADV total 1.0847 is 0.0003 off, beyond 5 x 0.00005 + bound.
     */
    @ParameterizedTest
    @CsvSource({
        "1.0850000002,      1.0850, 1.0850, " + ConservationChecks.EXACT_TOTAL,
        "1.085000000084038, 1.0843, 1.0850, " + ConservationChecks.PUBLISHED_TOTAL,
        "1.085000000084038, 1.0850, 1.0847, " + ConservationChecks.BM_UNIT_TOTAL
    })
    void a_total_off_the_take_is_a_breach(String exact, String published, String bmuadv, String check) {
        RunReportData.PeriodSums sums = sums(35, exact, published, bmuadv);
        ConservationChecks checks = ConservationChecks.of(day(48, List.of(sums)));
        assertThat(checks.breaches()).singleElement().satisfies(b -> {
            assertThat(b.check()).isEqualTo(check);
            assertThat(b.where()).isEqualTo("_A SP35");
        });
    }

    @Test
    void rounding_within_half_a_unit_per_row_is_no_breach() {
        RunReportData.PeriodSums sums = sums(35, "1.085000000084038", "1.0844", "1.0848");
        assertThat(ConservationChecks.of(day(48, List.of(sums))).passed()).isTrue();
    }

    @Test
    void a_missing_period_is_a_breach() {
        ConservationChecks checks = ConservationChecks.of(day(47, List.of()));
        assertThat(checks.breaches())
                .extracting(ConservationChecks.Breach::check)
                .containsOnly(ConservationChecks.PERIOD_COUNT);
        assertThat(checks.breaches().get(0).detail()).contains("47 correction periods 1-47; the date has 48");
    }

    @ParameterizedTest
    @CsvSource({
        // read, accepted, rejected, quarantine rows at ingest, passes
        "9, 9, 0, 0, true",
        "9, 2, 7, 7, true",
        "9, 2, 6, 6, false",
        "9, 2, 7, 6, false"
    })
    void file_rows_read_are_accepted_plus_rejected(long read, long accepted, long rejected, long rows, boolean ok) {
        RunReportData data = with(
                day(48, List.of()),
                List.of(new RunReportData.InputFile(
                        1, "f.parquet", "0".repeat(64), "t", read, accepted, rejected, rows, 0)),
                List.of(partition(100L, 98L, 2L, 2)));
        ConservationChecks checks = ConservationChecks.of(data);
        assertThat(checks.passed()).isEqualTo(ok);
        assertThat(checks.checks().get(4).breaches()).isEqualTo(ok ? 0 : 1);
    }

    @ParameterizedTest
    @CsvSource({"100, 98, 2, 2, true", "100, 97, 2, 2, false", "100, 98, 2, 3, false"})
    void partition_rows_read_are_accepted_plus_quarantined(
            long read, long accepted, long quarantined, long stored, boolean ok) {
        RunReportData data =
                with(day(48, List.of()), List.of(), List.of(partition(read, accepted, quarantined, stored)));
        ConservationChecks checks = ConservationChecks.of(data);
        assertThat(checks.checks().get(5).passed()).isEqualTo(ok);
        assertThat(checks.checks().get(5).cases()).isEqualTo(1);
    }

    @Test
    void a_partition_without_counts_is_a_breach() {
        RunReportData data = with(day(48, List.of()), List.of(), List.of(partition(null, null, null, 0)));
        assertThat(ConservationChecks.of(data).breaches())
                .singleElement()
                .satisfies(b -> assertThat(b.detail()).contains("no meter row counts"));
    }

    private static RunReportData.GroupPartition partition(
            Long read, Long accepted, Long quarantined, long quarantineRows) {
        return new RunReportData.GroupPartition(
                "_A", "COMPLETE", "{}", "{}", read, accepted, quarantined, quarantineRows);
    }

    private static RunReportData.PeriodSums sums(int period, String exact, String published, String bmuadv) {
        return new RunReportData.PeriodSums(
                "_A",
                period,
                new BigDecimal("1.0639265"),
                new BigDecimal(exact),
                new BigDecimal(published),
                13,
                new BigDecimal("0.246919"),
                new BigDecimal(bmuadv),
                5);
    }

    /** A day of {@code periods} periods like §10.1's SP35, with {@code changed} sums in place of the period's. */
    static RunReportData day(int periods, List<RunReportData.PeriodSums> changed) {
        List<RunReportData.Correction> corrections = new ArrayList<>();
        List<RunReportData.PeriodSums> sums = new ArrayList<>();
        for (int p = 1; p <= periods; p++) {
            corrections.add(new RunReportData.Correction(
                    "_A",
                    p,
                    "legacy_gcf",
                    new BigDecimal("1.085345802"),
                    new BigDecimal("1.0850"),
                    false,
                    new BigDecimal("1.0639265"),
                    new BigDecimal("0.246919"),
                    new BigDecimal("-0.000000000084038"),
                    BigDecimal.ZERO,
                    List.of()));
            int period = p;
            sums.add(changed.stream()
                    .filter(s -> s.period() == period)
                    .findFirst()
                    .orElse(sums(p, "1.085000000084038", "1.0850", "1.0850")));
        }
        RunReportData.Header header = new RunReportData.Header(
                7,
                DAY,
                "SF",
                "Initial Settlement",
                1,
                Instant.parse("2026-02-06T00:00:00Z"),
                "COMPLETE",
                "it",
                "test",
                Instant.parse("2026-02-06T01:00:00Z"),
                Instant.parse("2026-02-06T01:05:00Z"),
                null,
                "0.1.0",
                "{}",
                "a".repeat(64),
                "b".repeat(64),
                3,
                4,
                1);
        return new RunReportData(
                header,
                null,
                List.of(),
                List.of(partition(100L, 98L, 2L, 2)),
                corrections,
                sums,
                List.of(new RunReportData.SupplierTotal(
                        "_A",
                        "SUPA",
                        new BigDecimal("1.0850"),
                        BigDecimal.ZERO,
                        new BigDecimal("1.0850"),
                        new BigDecimal("1.0639"))),
                List.of(new RunReportData.DataQuality("_A", "ACTUAL", 5, new BigDecimal("0.8"))),
                List.of(),
                List.of());
    }

    static RunReportData with(
            RunReportData data, List<RunReportData.InputFile> files, List<RunReportData.GroupPartition> groups) {
        return new RunReportData(
                data.header(),
                data.supersededRunId(),
                files,
                groups,
                data.corrections(),
                data.periodSums(),
                data.supplierTotals(),
                data.dataQuality(),
                data.quarantineCounts(),
                data.quarantineExamples());
    }
}
