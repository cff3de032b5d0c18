package org.gbsettle.jobs.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.gbsettle.jobs.testing.TestDatabase;
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
 * {@code gbsettle diff} on the winter sample day (two GSP groups, ten suppliers, HH and NHH, import and export,
 * defaults, quarantined rows) run SF, then R1 after a second delivery (actuals, 10 % above, for every submitted
 * estimate of one data service's file) and a new CDCA run of the takes (1 % up): the diff's first and last states
 * reproduce both runs exactly, every row adds up, the totals per group equal the change of the published volumes,
 * and the changes fall where they were made (actuals for estimates, the take, the correction factor), nothing on
 * registrations or LLFs.
 */
@SpringBootTest(classes = SettlementJobsApplication.class, properties = "gbsettle.run.pool-size=1")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunDiffWinterIT {

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

    @Test
    void an_r1_after_a_second_delivery_and_a_new_take_is_explained_exactly() throws IOException, SQLException {
        SampleDayFixture winter = SampleDayFixture.of(gbsettle, SampleDayFixture.WINTER);
        long sf = winter.loadIngestAndRun();

        // the day's shipped reconciliation delivery (sample-data/2026-01-15_normal_winter_day/r1, its README): an
        // actual, 10 % above, for every estimate of the first data service's file, and a new CDCA run of the takes,
        // 1 % up
        Path delivery = winter.day().referenceFolder().getParent().resolve("r1");
        Path second = delivery.resolve("meter-data").resolve("meter_reads_actuals.parquet");
        Path first = winter.day().meterDataFiles().stream()
                .filter(p -> p.getFileName().toString().equals("meter_reads_1.parquet"))
                .findFirst()
                .orElseThrow();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                var rs = s.executeQuery(
                        "SELECT (SELECT count(*) FROM read_parquet('" + second + "')),"
                                + " (SELECT count(*) FROM read_parquet('" + first + "') WHERE quality = 'E'),"
                                + " (SELECT count(*) FROM read_parquet('" + second + "') a JOIN read_parquet('" + first
                                + "') e USING (mpan, settlement_period, measurement_quantity)"
                                + " WHERE e.quality = 'E' AND a.quality = 'A' AND a.kwh = CAST(e.kwh * 1.1 AS DECIMAL(12,3)))")) {
            rs.next();
            assertThat(rs.getLong(1)).isPositive().isEqualTo(rs.getLong(2)).isEqualTo(rs.getLong(3));
        }
        List<String> sfTake = Files.readAllLines(winter.day().referenceFolder().resolve("CDCA-I029_20260115_SF.I029"));
        List<String> r1Take = Files.readAllLines(delivery.resolve("reference").resolve("CDCA-I029_20260115_R1.I029"));
        assertThat(r1Take).hasSameSizeAs(sfTake);
        for (int i = 0; i < sfTake.size(); i++) {
            String[] f = sfTake.get(i).split("\\|", -1);
            if (f[0].equals("AGP")) {
                BigDecimal mwh = new BigDecimal(f[4])
                        .multiply(new BigDecimal("1.01"))
                        .setScale(4, java.math.RoundingMode.HALF_UP);
                assertThat(r1Take.get(i))
                        .isEqualTo("AGP|" + f[1] + "|" + f[2] + "|" + f[3] + "|" + mwh.toPlainString() + "|");
            }
        }
        Path reference = delivery.resolve("reference");
        ok(gbsettle.run("load-reference", reference.toString()));
        ok(gbsettle.ingest("2026-02-21T00:00:00Z", List.of(second)));
        long r1 = GbSettleCli.runId(ok(gbsettle.run(
                        "run",
                        "--date",
                        "2026-01-15",
                        "--type",
                        "R1",
                        "--cutoff",
                        "2026-03-10T00:00:00Z",
                        "--by",
                        "it"))
                .out());

        Result diff = ok(gbsettle.run("diff", "--run", Long.toString(r1)));
        assertThat(diff.out())
                .contains("against run " + sf + " (2026-01-15 SF 1)")
                .containsPattern("Meter values changed: [1-9][0-9]* actual replacing estimate, 0 late, 0 other");

        String parts = "meter_actual_mwh + meter_late_mwh + meter_other_mwh + registration_mwh + llf_mwh"
                + " + other_reference_mwh + take_mwh + correction_factor_mwh + rounding_mwh";
        assertThat(count("SELECT count(*) FROM run_diff WHERE run_id = :a AND (" + parts + ") <> total_change_mwh", r1))
                .isZero();
        // per group, the diff's total change is the change of the published corrected volumes
        List<String> published =
                jdbc.sql("""
                        SELECT gsp_group || ' ' || sum(CASE WHEN run_id = :a THEN corrected_mwh ELSE -corrected_mwh END)
                          FROM supplier_volume WHERE run_id IN (:a, :b) GROUP BY gsp_group ORDER BY gsp_group
                        """).param("a", r1).param("b", sf).query(String.class).list();
        List<String> diffed = jdbc.sql("SELECT gsp_group || ' ' || sum(total_change_mwh) FROM run_diff"
                        + " WHERE run_id = :a AND against_run_id = :b GROUP BY gsp_group ORDER BY gsp_group")
                .param("a", r1)
                .param("b", sf)
                .query(String.class)
                .list();
        assertThat(diffed).hasSize(2).isEqualTo(published);
        // the causes that were changed carry the change; those that were not are 0
        assertThat(sum("meter_actual_mwh", r1)).isNotZero();
        assertThat(sum("abs(take_mwh)", r1)).isNotZero();
        assertThat(sum("abs(correction_factor_mwh)", r1)).isNotZero();
        for (String none :
                List.of("meter_late_mwh", "meter_other_mwh", "registration_mwh", "llf_mwh", "other_reference_mwh")) {
            assertThat(sum("abs(" + none + ")", r1)).as(none).isZero();
        }

        // the run report of the R1 shows the stored diff's largest movers, the largest change first
        Path reports = Files.createTempDirectory("gbsettle-diff-report-");
        ok(gbsettle.run("report", "--run", Long.toString(r1), "--out", reports.toString()));
        String page = Files.readString(reports.resolve("run-" + r1 + "-report.html"));
        String top = jdbc.sql("SELECT supplier_id || ' ' || gsp_group FROM run_diff_summary WHERE run_id = :a"
                        + " ORDER BY abs(total_change_mwh) DESC, supplier_id, gsp_group LIMIT 1")
                .param("a", r1)
                .query(String.class)
                .single();
        assertThat(page)
                .contains("the run diff against run " + sf)
                .contains("<table id=\"largest-movers\">")
                .contains("<td>" + top.split(" ")[0] + "</td><td>" + top.split(" ")[1] + "</td>")
                .doesNotContain("no diff");
    }

    private static Result ok(Result r) {
        assertThat(r.exitCode()).as(r.printed()).isZero();
        return r;
    }

    private long count(String sql, long run) {
        return jdbc.sql(sql).param("a", run).query(Long.class).single();
    }

    private BigDecimal sum(String expression, long run) {
        return jdbc.sql("SELECT COALESCE(sum(" + expression + "), 0) FROM run_diff WHERE run_id = :a")
                .param("a", run)
                .query(BigDecimal.class)
                .single();
    }
}
