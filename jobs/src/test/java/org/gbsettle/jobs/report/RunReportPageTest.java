package org.gbsettle.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page and CSV bundle of hand-made report data ({@link ConservationChecksTest#day}), without a database. */
class RunReportPageTest {

    private static final ChartLibrary STUB = new ChartLibrary("Stub 1.0", "/* charting library */");

    @Test
    void the_charting_library_comes_from_the_webjar() {
        ChartLibrary library = ChartLibrary.echarts();
        assertThat(library.name()).isEqualTo("ECharts 5.3.1");
        assertThat(library.script()).contains("echarts").doesNotContainIgnoringCase("</script");
        assertThat(library.script().length()).isGreaterThan(300_000);
    }

    @Test
    void the_page_has_its_sections_a_chart_per_group_and_the_data_as_json() {
        RunReport report =
                RunReport.of(ConservationChecksTest.day(48, List.of()), RunDiffSummary.NONE.summarise(7, null, 10));
        String page = RunReportPage.render(report, STUB);
        assertThat(page)
                .startsWith("<!DOCTYPE html>")
                .contains("<title>Settlement run 7: 2026-01-15 SF 1</title>")
                .contains("id=\"run\"", "id=\"inputs\"", "id=\"group-totals\"", "id=\"supplier-totals\"")
                .contains("id=\"charts\"", "id=\"data-quality\"", "id=\"diff\"")
                .contains("<section id=\"conservation\" data-passed=\"true\">")
                .contains("<div class=\"chart\" id=\"chart-_A\"")
                .contains("/* charting library */")
                .contains("no diff available: the run supersedes no completed run")
                .doesNotContain("<script src");
        // 48 x 1.0850 = 52.0800 MWh of take; 48 x 1.0639265 = 51.068472 uncorrected, shown 51.0685
        assertThat(page)
                .contains("<tr><td>_A</td><td class=\"num\">48</td><td class=\"num\">52.0800</td>"
                        + "<td class=\"num\">51.0685</td>");
        String json = page.substring(page.indexOf("id=\"report-data\">"), page.indexOf("</script>"));
        assertThat(json)
                .contains("\"group\":\"_A\"")
                .contains("\"periods\":[1,2,3,")
                .contains(",48]")
                .contains("\"legacy_gcf\":[1.085345802,");
    }

    @Test
    void text_from_the_database_is_escaped_in_the_page_and_json() {
        RunReportData day = ConservationChecksTest.day(48, List.of());
        RunReportData.Header h = day.header();
        RunReportData.Header evil = new RunReportData.Header(
                h.runId(),
                h.settlementDate(),
                h.runType(),
                h.runTypeName(),
                h.runNumber(),
                h.dataCutoff(),
                h.status(),
                "<img src=x onerror=alert(1)>",
                "</script><script>alert(2)</script>",
                h.createdAt(),
                h.completedAt(),
                null,
                h.engineVersion(),
                h.config(),
                h.inputFingerprint(),
                h.outputFingerprint(),
                h.referenceLoadMax(),
                h.meterDataFileMax(),
                h.attempts());
        RunReportData data = new RunReportData(
                evil,
                6L,
                day.files(),
                day.groups(),
                day.corrections(),
                day.periodSums(),
                List.of(new RunReportData.SupplierTotal(
                        "_A", "<b>", BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE)),
                day.dataQuality(),
                List.of(),
                List.of(new RunReportData.QuarantineExample(
                        "BAD_VALUE", "_A", "a&b.parquet", 8L, 1L, 31, "quality", "\"X\"", null)));
        String page = RunReportPage.render(RunReport.of(data, RunDiffSummary.NONE.summarise(7, 6L, 10)), STUB);
        assertThat(page)
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;")
                .contains("<td>&lt;b&gt;</td>")
                .contains("<td>a&amp;b.parquet</td>")
                .contains("<td>&quot;X&quot;</td>")
                .contains("<td>run 6</td>")
                .contains("no diff available (run 6 is superseded")
                .doesNotContain("<img")
                .doesNotContain("alert(2)</script>");
    }

    /** A diff plugged in through the seam: its movers are listed in the page and the bundle. */
    @Test
    void the_largest_movers_of_a_diff_are_shown() {
        RunDiffSummary diff = (runId, against, max) -> new RunDiffSummary.Summary(
                against,
                true,
                "run 7 against run 6",
                List.of(new RunDiffSummary.Mover("ALBA", "_A", new BigDecimal("-1.23456"), "meter data")));
        RunReport report = RunReport.of(ConservationChecksTest.day(48, List.of()), diff.summarise(7, 6L, 10));
        assertThat(RunReportPage.render(report, STUB))
                .contains("<p>run 7 against run 6</p>")
                .contains("<tr><td>ALBA</td><td>_A</td><td class=\"num\">-1.2346</td><td>meter data</td></tr>");
        assertThat(RunReportCsv.files(report).get("diff_summary.csv"))
                .isEqualTo("against_run_id,supplier_id,gsp_group,change_mwh,main_cause,note\r\n"
                        + "6,ALBA,_A,-1.23456,meter data,run 7 against run 6\r\n");
    }

    @Test
    void the_bundle_has_a_file_per_table_with_exact_values() {
        RunReport report =
                RunReport.of(ConservationChecksTest.day(48, List.of()), RunDiffSummary.NONE.summarise(7, null, 10));
        var files = RunReportCsv.files(report);
        assertThat(files)
                .containsOnlyKeys(
                        "run.csv",
                        "meter_data_files.csv",
                        "gsp_group_inputs.csv",
                        "gsp_group_totals.csv",
                        "supplier_totals.csv",
                        "gsp_group_periods.csv",
                        "data_quality.csv",
                        "quarantine_counts.csv",
                        "quarantine_examples.csv",
                        "conservation_checks.csv",
                        "conservation_breaches.csv",
                        "diff_summary.csv");
        // 48 x 1.0639265 = 51.068472 exactly; 48 x 1.0850 = 52.08
        assertThat(files.get("gsp_group_totals.csv"))
                .startsWith("gsp_group,periods,take_mwh,uncorrected_mwh,")
                .contains("\r\n_A,48,52.08,51.068472,52.08,1.085,0,52.08,1.085345802,1.085345802,\r\n");
        assertThat(files.get("gsp_group_periods.csv").lines()).hasSize(49);
        assertThat(files.get("run.csv")).contains("period_count,48\r\n").contains("supersedes_run_id,\r\n");
    }
}
