package org.gbsettle.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.sample.SampleDay;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.gbsettle.jobs.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code gbsettle report} on a real embedded PostgreSQL 17: the winter sample day (2026-01-15, SF 1, 48 periods)
 * loaded, ingested and run through the command line, its report written, and the page and CSV bundle checked against
 * figures worked out here from the day's expected CSVs (the independent oracle's, see {@code sample-data/README.md})
 * and against the database: group totals, one period's take and correction factor, the quarantined rows, the
 * conservation checks, escaping of a value from the database, and no external URL in the page.
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunReportIT {

    private static final SampleDay DAY = SampleDayFixture.sampleDay(SampleDayFixture.WINTER);

    /** A reason with every character HTML gives a meaning to, to see it escaped. */
    private static final String REASON = "timetable <SF> & \"first\" 'run'";

    /** A {@code src} or {@code href} attribute whose value is an absolute or protocol-relative URL. */
    private static final Pattern EXTERNAL_URL =
            Pattern.compile("(?i)\\b(src|href|action)\\s*=\\s*[\"']?\\s*(https?:|//|ftp:|file:)");

    @RegisterExtension
    static final TestDatabase DATABASE = new TestDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    private final GbSettleCli gbsettle = GbSettleCli.in(() -> context);

    private long runId;
    private Path out;
    private String page;
    private Path bundle;

    @BeforeAll
    void run_the_winter_day_and_write_its_report() throws IOException {
        runId = new SampleDayFixture(gbsettle, DAY).loadIngestAndRun("--reason", REASON);
        out = DATABASE.directory().resolve("reports");
        Result r = gbsettle.run("report", "--run", Long.toString(runId), "--out", out.toString(), "--examples", "3");
        assertThat(r.exitCode()).as(r.printed()).isZero();
        assertThat(r.out())
                .contains("Run " + runId + " report: " + out.resolve("run-" + runId + "-report.html"))
                .contains("CSV bundle: " + out.resolve("run-" + runId + "-report"))
                .contains("Conservation checks: all 6 passed");
        page = Files.readString(out.resolve("run-" + runId + "-report.html"), StandardCharsets.UTF_8);
        bundle = out.resolve("run-" + runId + "-report");
        // kept for a look, or for scripts/report-screenshot --page jobs/target/run-report-it/report.html
        Path kept = Path.of("target/run-report-it");
        Files.createDirectories(kept);
        Files.writeString(kept.resolve("report.html"), page, StandardCharsets.UTF_8);
    }

    @Test
    void the_page_refers_to_no_url_and_inlines_its_scripts() {
        Matcher m = EXTERNAL_URL.matcher(page);
        assertThat(m.find())
                .as(m.hitEnd() ? "" : page.substring(Math.max(0, m.start() - 80), m.end() + 80))
                .isFalse();
        assertThat(page).doesNotContainPattern("(?i)<script[^>]*\\ssrc\\s*=");
        assertThat(page).doesNotContainPattern("(?i)<link\\b");
        assertThat(page).doesNotContainPattern("(?i)@import");
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">");
        // the charting library, inlined
        assertThat(page).contains("echarts").contains("Charts: ECharts 5.3.1, inlined");
        assertThat(page.length()).isGreaterThan(500_000);
    }

    @Test
    void the_header_shows_the_run_as_stored() {
        Map<String, Object> run = jdbc.sql("SELECT engine_version, input_fingerprint, output_fingerprint, status"
                        + " FROM settlement_run WHERE run_id = :id")
                .param("id", runId)
                .query()
                .singleRow();
        assertThat(page)
                .contains("<title>Settlement run " + runId + ": 2026-01-15 SF 1</title>")
                .contains("2026-01-15 (48 settlement periods)")
                .contains("SF (Initial Settlement)")
                .contains("2026-02-06T00:00:00Z")
                .contains("<td>COMPLETE</td>")
                .contains("<td>it</td>")
                .contains(String.valueOf(run.get("engine_version")))
                .contains(String.valueOf(run.get("input_fingerprint")))
                .contains(String.valueOf(run.get("output_fingerprint")))
                .contains("no completed run");
        // every meter-data file of the day with its SHA-256, as registered
        for (String sha : jdbc.sql("SELECT sha256 FROM meter_data_file")
                .query(String.class)
                .list()) {
            assertThat(page).contains(sha);
        }
        assertThat(page).contains("meter_reads_bad.parquet").contains("cdca_run_number");
    }

    @Test
    void a_value_from_the_database_is_escaped() {
        assertThat(page)
                .contains("<td>timetable &lt;SF&gt; &amp; &quot;first&quot; &#39;run&#39;</td>")
                .doesNotContain("<SF>");
    }

    /**
     * Group totals: the day's take and uncorrected total are the sums over the 48 periods of the expected
     * {@code gsp_group_correction.csv} (the sample README gives them as 194.4194 and 194.1095 MWh for _A, 192.3418 and
     * 191.9319 for _B); the corrected total is the sum of the expected published supplier volumes, which R4 makes equal
     * to the take.
     */
    @Test
    void group_totals_agree_with_the_expected_outputs() throws IOException {
        Map<String, CSVRecord> totals = byKey(bundleCsv("gsp_group_totals.csv"), "gsp_group");
        assertThat(totals).containsOnlyKeys("_A", "_B");
        for (String group : List.of("_A", "_B")) {
            BigDecimal take = sum(expected(group, "gsp_group_correction.csv"), "gsp_group_take_mwh");
            BigDecimal uncorrected = sum(expected(group, "gsp_group_correction.csv"), "uncorrected_total_mwh");
            BigDecimal corrected = sum(expected(group, "supplier_volume.csv"), "corrected_mwh");
            BigDecimal bmuadv = sum(expected(group, "bm_unit_volume.csv"), "bmuadv_mwh");
            CSVRecord t = totals.get(group);
            assertThat(t.get("periods")).isEqualTo("48");
            assertThat(new BigDecimal(t.get("take_mwh"))).isEqualByComparingTo(take);
            assertThat(new BigDecimal(t.get("uncorrected_mwh"))).isEqualByComparingTo(uncorrected);
            assertThat(new BigDecimal(t.get("corrected_mwh"))).isEqualByComparingTo(corrected);
            assertThat(new BigDecimal(t.get("bmuadv_mwh"))).isEqualByComparingTo(bmuadv);
            assertThat(new BigDecimal(t.get("import_mwh")).add(new BigDecimal(t.get("export_mwh"))))
                    .isEqualByComparingTo(corrected);
            // the page shows the same to 4 dp
            assertThat(page)
                    .contains("<tr><td>" + group + "</td><td class=\"num\">48</td><td class=\"num\">"
                            + take.setScale(4, java.math.RoundingMode.HALF_UP).toPlainString() + "</td>");
        }
        assertThat(sum(expected("_A", "gsp_group_correction.csv"), "gsp_group_take_mwh"))
                .isEqualByComparingTo("194.4194");
        assertThat(totals.get("_B").get("flagged_periods")).isEqualTo("CF_OUT_OF_RANGE=2");
        assertThat(new BigDecimal(totals.get("_B").get("gcf_highest"))).isEqualByComparingTo("1.139998967");
        assertThat(new BigDecimal(totals.get("_A").get("gcf_lowest"))).isEqualByComparingTo("0.961562575");
    }

    /** Supplier totals: the expected published supplier volumes summed per group and supplier, and the database's. */
    @Test
    void supplier_totals_agree_with_the_expected_outputs_and_the_database() throws IOException {
        Map<String, BigDecimal> expected = new TreeMap<>();
        for (String group : List.of("_A", "_B")) {
            for (CSVRecord r : expected(group, "supplier_volume.csv")) {
                expected.merge(
                        group + " " + r.get("supplier_id"), new BigDecimal(r.get("corrected_mwh")), BigDecimal::add);
            }
        }
        Map<String, BigDecimal> bundled = new TreeMap<>();
        for (CSVRecord r : bundleCsv("supplier_totals.csv")) {
            bundled.put(r.get("gsp_group") + " " + r.get("supplier_id"), new BigDecimal(r.get("net_mwh")));
        }
        Map<String, BigDecimal> database = new TreeMap<>();
        jdbc.sql("SELECT gsp_group || ' ' || supplier_id AS k, sum(corrected_mwh) AS v FROM supplier_volume"
                        + " WHERE run_id = :id GROUP BY 1")
                .param("id", runId)
                .query((rs, n) -> database.put(rs.getString("k"), rs.getBigDecimal("v")))
                .list();
        assertThat(bundled.keySet()).isEqualTo(expected.keySet()).isEqualTo(database.keySet());
        expected.forEach((k, v) -> {
            assertThat(bundled.get(k)).as(k).isEqualByComparingTo(v);
            assertThat(database.get(k)).as(k).isEqualByComparingTo(v);
        });
        // JURA supplies in _A only (sample README): 10 suppliers in _A, 9 in _B
        assertThat(bundled.keySet().stream().filter(k -> k.startsWith("_A"))).hasSize(10);
        assertThat(bundled.keySet().stream().filter(k -> k.startsWith("_B"))).hasSize(9);
    }

    /**
     * One period of the chart data: _B SP35, where the sample README says the factor is above the band. The embedded
     * JSON's take and factor there are the expected CSV's; each group's series has the 48 periods of the date.
     */
    @Test
    void the_chart_data_holds_the_expected_take_and_factor() throws IOException {
        CSVRecord sp35 = expected("_B", "gsp_group_correction.csv").stream()
                .filter(r -> r.get("settlement_period").equals("35"))
                .findFirst()
                .orElseThrow();
        JsonNode data = new ObjectMapper().readTree(embeddedJson());
        assertThat(data.get("run_id").asLong()).isEqualTo(runId);
        JsonNode charts = data.get("charts");
        assertThat(charts).hasSize(2);
        JsonNode b = charts.get(1);
        assertThat(b.get("group").asText()).isEqualTo("_B");
        assertThat(b.get("periods")).hasSize(48);
        assertThat(b.get("periods").get(34).asInt()).isEqualTo(35);
        assertThat(b.get("take").get(34).decimalValue()).isEqualByComparingTo(sp35.get("gsp_group_take_mwh"));
        assertThat(b.get("uncorrected").get(34).decimalValue()).isEqualByComparingTo(sp35.get("uncorrected_total_mwh"));
        assertThat(b.get("gcf").get("legacy_gcf").get(34).decimalValue()).isEqualByComparingTo(sp35.get("gcf"));
        assertThat(new BigDecimal(sp35.get("gcf"))).isGreaterThan(new BigDecimal("1.1"));
        assertThat(page).contains("id=\"chart-_A\"").contains("id=\"chart-_B\"");

        // the bundle's period table: one row per group and period, as the database holds it
        List<CSVRecord> periods = bundleCsv("gsp_group_periods.csv");
        assertThat(periods).hasSize(96);
        Map<String, BigDecimal> gcf = new TreeMap<>();
        jdbc.sql("SELECT gsp_group || ' ' || settlement_period AS k, gcf FROM gsp_group_correction WHERE run_id = :id")
                .param("id", runId)
                .query((rs, n) -> gcf.put(rs.getString("k"), rs.getBigDecimal("gcf")))
                .list();
        for (CSVRecord r : periods) {
            assertThat(new BigDecimal(r.get("gcf")))
                    .isEqualByComparingTo(gcf.get(r.get("gsp_group") + " " + r.get("settlement_period")));
        }
    }

    /** The quarantined rows: per reason and group as in the day's expected {@code quarantine.csv} files. */
    @Test
    void quarantined_rows_agree_with_the_expected_outputs() throws IOException {
        Map<String, Long> expected = new TreeMap<>();
        for (String folder : List.of("_A", "_B", SampleDay.UNASSIGNED)) {
            for (CSVRecord r : expected(folder, "quarantine.csv")) {
                String where = folder.equals(SampleDay.UNASSIGNED) ? "no group" : folder;
                expected.merge(r.get("reason") + " " + where, 1L, Long::sum);
            }
        }
        // 7 rows of the bad file: BAD_MPAN and UNKNOWN_MPAN in no group, 2 in _A, 3 in _B
        assertThat(expected.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(7);
        Map<String, Long> bundled = new TreeMap<>();
        for (CSVRecord r : bundleCsv("quarantine_counts.csv")) {
            if (!r.get("found_by").equals("ingest")) {
                bundled.put(r.get("reason") + " " + r.get("found_by"), Long.parseLong(r.get("rows")));
            }
        }
        assertThat(bundled).isEqualTo(expected);
        assertThat(bundleCsv("quarantine_examples.csv")).anySatisfy(r -> {
            assertThat(r.get("reason")).isEqualTo("OUT_OF_RANGE");
            assertThat(r.get("file")).endsWith("meter_reads_bad.parquet");
            assertThat(r.get("row_number")).isEqualTo("9");
            assertThat(r.get("mpan")).isEqualTo("1101025624114");
            assertThat(r.get("settlement_period")).isEqualTo("36");
        });
        assertThat(page).contains("<td>OUT_OF_RANGE</td><td>_B</td>");
    }

    @Test
    void the_conservation_checks_pass() throws IOException {
        List<CSVRecord> checks = bundleCsv("conservation_checks.csv");
        assertThat(checks)
                .extracting(r -> r.get("check"))
                .containsExactly(
                        ConservationChecks.EXACT_TOTAL,
                        ConservationChecks.PUBLISHED_TOTAL,
                        ConservationChecks.BM_UNIT_TOTAL,
                        ConservationChecks.PERIOD_COUNT,
                        ConservationChecks.FILE_ROWS,
                        ConservationChecks.PARTITION_ROWS);
        assertThat(checks).allSatisfy(r -> assertThat(r.get("result")).isEqualTo("PASS"));
        // 2 groups x 48 periods; 2 groups; the day's 4 meter-data files
        assertThat(checks.get(0).get("cases")).isEqualTo("96");
        assertThat(checks.get(3).get("cases")).isEqualTo("2");
        assertThat(checks.get(4).get("cases")).isEqualTo("4");
        assertThat(bundleCsv("conservation_breaches.csv")).isEmpty();
        assertThat(page).contains("<section id=\"conservation\" data-passed=\"true\">");
    }

    @Test
    void the_bundle_matches_the_database() throws IOException {
        Map<String, CSVRecord> run = byKey(bundleCsv("run.csv"), "field");
        Map<String, Object> stored = jdbc.sql("SELECT input_fingerprint, output_fingerprint, reason, started_by"
                        + " FROM settlement_run WHERE run_id = :id")
                .param("id", runId)
                .query()
                .singleRow();
        assertThat(run.get("input_fingerprint").get("value")).isEqualTo(stored.get("input_fingerprint"));
        assertThat(run.get("output_fingerprint").get("value")).isEqualTo(stored.get("output_fingerprint"));
        assertThat(run.get("reason").get("value")).isEqualTo(REASON);
        assertThat(run.get("period_count").get("value")).isEqualTo("48");
        List<CSVRecord> files = bundleCsv("meter_data_files.csv");
        assertThat(files).hasSize(4);
        for (CSVRecord f : files) {
            Map<String, Object> m = jdbc.sql("SELECT sha256, rows_read FROM meter_data_file WHERE file_id = :id")
                    .param("id", Long.parseLong(f.get("file_id")))
                    .query()
                    .singleRow();
            assertThat(f.get("sha256")).isEqualTo(m.get("sha256"));
            assertThat(f.get("rows_read")).isEqualTo(String.valueOf(m.get("rows_read")));
        }
        // the sample README: meter_reads_1.parquet has 65,029 rows
        assertThat(files).anySatisfy(f -> {
            assertThat(f.get("path")).endsWith("meter_reads_1.parquet");
            assertThat(f.get("rows_read")).isEqualTo("65029");
        });
        List<CSVRecord> dq = bundleCsv("data_quality.csv");
        long stored2 = jdbc.sql("SELECT count(*) FROM data_quality WHERE run_id = :id AND settlement_period = 0")
                .param("id", runId)
                .query(Long.class)
                .single();
        assertThat((long) dq.size()).isEqualTo(stored2).isPositive();
        assertThat(bundleCsv("diff_summary.csv"))
                .singleElement()
                .satisfies(r -> assertThat(r.get("note")).startsWith("no diff available"));
    }

    /**
     * A second run of the day (SF 2, same inputs) supersedes the first: its report names run 1 and has its totals. Then
     * one of its stored published volumes is changed behind its back, and the next report lists the breach.
     */
    @Test
    void a_later_run_names_the_run_it_supersedes() throws IOException {
        Result run = new SampleDayFixture(gbsettle, DAY).run();
        assertThat(run.exitCode()).as(run.printed()).isZero();
        long second = GbSettleCli.runId(run.out());
        Result r = gbsettle.run("report", "--run", Long.toString(second), "--out", out.toString());
        assertThat(r.exitCode()).as(r.printed()).isZero();
        String page2 = Files.readString(out.resolve("run-" + second + "-report.html"), StandardCharsets.UTF_8);
        assertThat(page2)
                .contains("<title>Settlement run " + second + ": 2026-01-15 SF 2</title>")
                .contains("<tr><th>Supersedes</th><td>run " + runId + "</td></tr>")
                .contains("no diff stored against run " + runId + ": run");
        assertThat(Files.readString(out.resolve("run-" + second + "-report").resolve("gsp_group_totals.csv")))
                .isEqualTo(Files.readString(bundle.resolve("gsp_group_totals.csv")));

        // one published volume of the second run moved by 0.0100 MWh: its period no longer adds up to the take
        int changed = jdbc.sql("""
                        UPDATE supplier_volume SET corrected_mwh = corrected_mwh + 0.0100
                         WHERE (run_id, gsp_group, bm_unit_id, ccc_id, settlement_period) IN (
                               SELECT run_id, gsp_group, bm_unit_id, ccc_id, settlement_period FROM supplier_volume
                                WHERE run_id = :id AND gsp_group = '_A' AND settlement_period = 35 LIMIT 1)
                        """).param("id", second).update();
        assertThat(changed).isEqualTo(1);
        r = gbsettle.run("report", "--run", Long.toString(second), "--out", out.toString());
        assertThat(r.exitCode()).as(r.printed()).isZero();
        assertThat(r.out()).contains("Conservation checks: 1 breaches (listed in the report)");
        assertThat(parse(Files.readString(
                        out.resolve("run-" + second + "-report").resolve("conservation_breaches.csv"))))
                .singleElement()
                .satisfies(b -> {
                    assertThat(b.get("check")).isEqualTo(ConservationChecks.PUBLISHED_TOTAL);
                    assertThat(b.get("where")).isEqualTo("_A SP35");
                    assertThat(b.get("detail")).contains("residual -0.01 MWh");
                });
        assertThat(Files.readString(out.resolve("run-" + second + "-report.html")))
                .contains("<section id=\"conservation\" data-passed=\"false\">")
                .contains("<td>_A SP35</td>");
    }

    @Test
    void a_run_that_does_not_exist_is_an_error() {
        Result r = gbsettle.run("report", "--run", "999999", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("there is no run 999999");
    }

    private String embeddedJson() {
        Matcher m = Pattern.compile(
                        "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private List<CSVRecord> bundleCsv(String name) throws IOException {
        return parse(Files.readString(bundle.resolve(name), StandardCharsets.UTF_8));
    }

    private static List<CSVRecord> expected(String group, String file) throws IOException {
        return parse(Files.readString(DAY.expected(group).resolve(file), StandardCharsets.UTF_8));
    }

    private static List<CSVRecord> parse(String text) throws IOException {
        try (Reader in = new StringReader(text);
                CSVParser csv = CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(in)) {
            return new ArrayList<>(csv.getRecords());
        }
    }

    private static BigDecimal sum(List<CSVRecord> rows, String column) {
        return rows.stream().map(r -> new BigDecimal(r.get(column))).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Map<String, CSVRecord> byKey(List<CSVRecord> rows, String column) {
        Map<String, CSVRecord> map = new TreeMap<>();
        rows.forEach(r -> map.put(r.get(column), r));
        return map;
    }
}
