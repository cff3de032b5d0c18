package org.gbsettle.jobs.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.sample.CsvToParquet;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.gbsettle.jobs.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code gbsettle diff} on a real embedded PostgreSQL: the scenario {@code diff/2026-01-15_sf_to_r1} (an SF run, then
 * an R1 run with an actual replacing an estimate, a late value, a supplier switch, a changed LLF and a changed take)
 * taken through the command line; the attribution of one row per cause asserted against the working in the
 * scenario's README (by hand, not from the code); every row and summary adding up exactly; a run diffed against itself
 * all zeros; a rerun replacing the stored diff; the CSV equal to the table; and the errors of runs that cannot be
 * diffed.
 */
@SpringBootTest(classes = SettlementJobsApplication.class, properties = "gbsettle.run.pool-size=1")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunDiffIT {

    private static final Path SCENARIO =
            Path.of("src/test/resources/diff/2026-01-15_sf_to_r1").toAbsolutePath();

    private static final List<String> PARTS = List.of(
            "meter_actual_mwh",
            "meter_late_mwh",
            "meter_other_mwh",
            "registration_mwh",
            "llf_mwh",
            "other_reference_mwh",
            "take_mwh",
            "correction_factor_mwh",
            "rounding_mwh");

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

    private long sf;
    private long r1;

    @BeforeAll
    void run_the_day_twice() throws IOException, SQLException {
        Path sfFile = parquet("first/meter-data/meter_reads_sf.csv");
        Path r1File = parquet("second/meter-data/meter_reads_r1.csv");
        ok(gbsettle.run(
                "load-reference",
                "--shipped",
                SCENARIO.resolve("first/reference").toString()));
        ok(gbsettle.ingest("2026-02-05T00:00:00Z", List.of(sfFile)));
        sf = GbSettleCli.runId(ok(gbsettle.run(
                        "run",
                        "--date",
                        "2026-01-15",
                        "--type",
                        "SF",
                        "--cutoff",
                        "2026-02-06T00:00:00Z",
                        "--by",
                        "it"))
                .out());
        ok(gbsettle.run("load-reference", SCENARIO.resolve("second/reference").toString()));
        ok(gbsettle.ingest("2026-03-05T00:00:00Z", List.of(r1File)));
        r1 = GbSettleCli.runId(ok(gbsettle.run(
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
    }

    private static Path parquet(String csv) throws IOException, SQLException {
        Path out = DATABASE.directory()
                .resolve(Path.of(csv).getFileName().toString().replace(".csv", ".parquet"));
        CsvToParquet.convert(SCENARIO.resolve(csv), out);
        return out;
    }

    private static Result ok(Result r) {
        assertThat(r.exitCode()).as(r.printed()).isZero();
        return r;
    }

    private Result diff(String... more) {
        List<String> args = new ArrayList<>(List.of("diff", "--run", Long.toString(r1)));
        args.addAll(List.of(more));
        return gbsettle.run(args.toArray(String[]::new));
    }

    /** A run_diff row's total and parts, by column, of the diff of R1 against SF. */
    private Map<String, BigDecimal> row(String supplier, int ccc, int period) {
        List<String> columns = new ArrayList<>(List.of("against_mwh", "run_mwh", "total_change_mwh"));
        columns.addAll(PARTS);
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        jdbc.sql("SELECT " + String.join(", ", columns) + " FROM run_diff WHERE run_id = :a AND against_run_id = :b"
                        + " AND supplier_id = :s AND ccc_id = :c AND settlement_period = :p")
                .param("a", r1)
                .param("b", sf)
                .param("s", supplier)
                .param("c", ccc)
                .param("p", period)
                .query((java.sql.ResultSet rs) -> {
                    for (String c : columns) {
                        out.put(c, rs.getBigDecimal(c));
                    }
                });
        assertThat(out).as("run_diff row %s CCC %s SP%s", supplier, ccc, period).isNotEmpty();
        return out;
    }

    /**
     * One row per cause, as worked out by hand in the scenario's README (columns not given are 0). Every period has
     * the same values, so SP1 and SP48 alike.
     */
    @ParameterizedTest(name = "{0} CCC {1} SP{2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            ALBA | 1  | 1  | total_change_mwh=0.2000 meter_actual_mwh=0.1000 registration_mwh=0.1000
            ALBA | 9  | 1  | total_change_mwh=-0.0878 meter_actual_mwh=-0.0878
            BRYN | 1  | 1  | total_change_mwh=0.0500 meter_late_mwh=0.1500 registration_mwh=-0.1000
            BRYN | 9  | 1  | total_change_mwh=-0.1134 meter_late_mwh=-0.1057 take_mwh=0.0519 correction_factor_mwh=-0.0596
            BRYN | 12 | 1  | total_change_mwh=-0.0068 meter_late_mwh=-0.0085 llf_mwh=0.0017 take_mwh=0.0031 correction_factor_mwh=-0.0031
            BRYN | 12 | 48 | total_change_mwh=-0.0068 meter_late_mwh=-0.0085 llf_mwh=0.0017 take_mwh=0.0031 correction_factor_mwh=-0.0031
            """)
    void each_cause_is_attributed_as_worked_out_by_hand(String supplier, int ccc, int period, String expected) {
        ok(diff());
        Map<String, BigDecimal> want = new LinkedHashMap<>();
        for (String c : PARTS) {
            want.put(c, BigDecimal.ZERO);
        }
        for (String kv : expected.trim().split("\\s+")) {
            String[] p = kv.split("=");
            want.put(p[0], new BigDecimal(p[1]));
        }
        Map<String, BigDecimal> got = row(supplier, ccc, period);
        want.forEach((column, value) -> assertThat(got.get(column)).as(column).isEqualByComparingTo(value));
    }

    @Test
    void the_diff_defaults_to_the_superseded_run_and_prints_the_movers() {
        Result r = ok(diff("--top", "1"));
        assertThat(r.out())
                .contains("Diff of run " + r1 + " (2026-01-15 R1 1) against run " + sf + " (2026-01-15 SF 1)")
                .contains("Meter values changed: 48 actual replacing estimate, 48 late, 0 other")
                // ALBA +0.1212 and BRYN -0.0662 per period (README), over 48 periods
                // per period: ALBA registration +0.108 (meter_actual +0.0132); BRYN registration -0.108 (take +0.055,
                // late +0.0478, correction factor -0.0627): README
                .containsPattern("ALBA +\\+5\\.8176 +main cause: registration change")
                .containsPattern("BRYN +-3\\.1776 +main cause: registration change");
        // 8 (supplier, CCC) rows in 48 periods; one summary per supplier
        assertThat(count("SELECT count(*) FROM run_diff WHERE run_id = :a AND against_run_id = :b"))
                .isEqualTo(8 * 48);
        assertThat(jdbc.sql("SELECT supplier_id || ' ' || total_change_mwh FROM run_diff_summary WHERE run_id = :a"
                                + " AND against_run_id = :b ORDER BY supplier_id")
                        .param("a", r1)
                        .param("b", sf)
                        .query(String.class)
                        .list())
                .containsExactly("ALBA 5.8176", "BRYN -3.1776");
    }

    @Test
    void every_row_and_summary_adds_up_exactly_and_matches_the_runs_published_volumes() {
        ok(diff());
        String sum = String.join(" + ", PARTS);
        assertThat(count("SELECT count(*) FROM run_diff WHERE run_id = :a AND against_run_id = :b AND " + sum
                        + " <> total_change_mwh"))
                .isZero();
        assertThat(count("SELECT count(*) FROM run_diff_summary WHERE run_id = :a AND against_run_id = :b AND " + sum
                        + " <> total_change_mwh"))
                .isZero();
        // the totals are the runs' own published volumes, read here from supplier_volume
        assertThat(count("""
                        SELECT count(*) FROM supplier_volume v
                         WHERE v.run_id IN (:a, :b)
                           AND NOT EXISTS (
                               SELECT 1 FROM run_diff d
                                WHERE d.run_id = :a AND d.against_run_id = :b AND d.gsp_group = v.gsp_group
                                  AND d.supplier_id = v.supplier_id AND d.bm_unit_id = v.bm_unit_id
                                  AND d.ccc_id = v.ccc_id AND d.settlement_period = v.settlement_period
                                  AND (v.run_id = :a AND d.run_mwh = v.corrected_mwh
                                       OR v.run_id = :b AND d.against_mwh = v.corrected_mwh))
                        """))
                .as("every supplier volume of either run is in its diff row")
                .isZero();
        BigDecimal published = jdbc.sql("SELECT (SELECT sum(corrected_mwh) FROM supplier_volume WHERE run_id = :a)"
                        + " - (SELECT sum(corrected_mwh) FROM supplier_volume WHERE run_id = :b)")
                .param("a", r1)
                .param("b", sf)
                .query(BigDecimal.class)
                .single();
        BigDecimal diffed = jdbc.sql(
                        "SELECT sum(total_change_mwh) FROM run_diff WHERE run_id = :a AND against_run_id = :b")
                .param("a", r1)
                .param("b", sf)
                .query(BigDecimal.class)
                .single();
        assertThat(diffed).isEqualByComparingTo(published).isEqualByComparingTo("2.6400");
    }

    @Test
    void a_run_against_itself_gives_all_zeros() {
        Result r = ok(gbsettle.run("diff", "--run", Long.toString(r1), "--against", Long.toString(r1)));
        assertThat(r.out()).contains("Meter values changed: 0 actual replacing estimate, 0 late, 0 other");
        String anyNonZero =
                String.join(" OR ", PARTS.stream().map(c -> c + " <> 0").toList());
        assertThat(count("SELECT count(*) FROM run_diff WHERE run_id = :a AND against_run_id = :a"))
                .isEqualTo(8 * 48 - 2 * 48); // the second run has no estimated rows of ALBA
        assertThat(count("SELECT count(*) FROM run_diff WHERE run_id = :a AND against_run_id = :a AND (total_change_mwh"
                        + " <> 0 OR " + anyNonZero + " OR main_cause IS NOT NULL)"))
                .isZero();
    }

    @Test
    void rerunning_the_diff_replaces_it_and_the_csv_equals_the_table() throws IOException {
        Path csv = DATABASE.directory().resolve("diff/r1-vs-sf.csv");
        ok(diff("--csv", csv.toString()));
        ok(diff("--csv", csv.toString()));
        long rows = count("SELECT count(*) FROM run_diff WHERE run_id = :a AND against_run_id = :b");
        assertThat(rows).isEqualTo(8 * 48);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize((int) rows + 1);
        assertThat(lines.get(0)).isEqualTo(String.join(",", RunDiffCsv.header()));
        assertThat(lines)
                .contains(r1 + "," + sf + ",_A,BRYN,2__ABRYN000,9,1,0.3294,0.2160,-0.1134,0.0000,-0.1057,0.0000,0.0000,"
                        + "0.0000,0.0000,0.0519,-0.0596,0.0000,METER_LATE");
    }

    @Test
    void runs_that_cannot_be_diffed_are_refused_with_a_message() {
        Result first = gbsettle.run("diff", "--run", Long.toString(sf));
        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.err())
                .contains("supersedes no COMPLETE run of 2026-01-15")
                .contains("--against");
        Result none = gbsettle.run("diff", "--run", "999");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("there is no run 999");
        Result bad = gbsettle.run("diff", "--run", "0");
        assertThat(bad.exitCode()).isEqualTo(2);
    }

    @Test
    void a_run_its_pinned_inputs_no_longer_reproduce_fails_the_diff_and_writes_nothing() {
        ok(diff());
        String where = " WHERE run_id = :b AND supplier_id = 'BRYN' AND ccc_id = 9 AND settlement_period = 7";
        BigDecimal stored = jdbc.sql("SELECT corrected_exact_mwh FROM supplier_volume" + where)
                .param("b", sf)
                .query(BigDecimal.class)
                .single();
        jdbc.sql("UPDATE supplier_volume SET corrected_exact_mwh = corrected_exact_mwh + 0.001" + where)
                .param("b", sf)
                .update();
        try {
            Result r = diff();
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err())
                    .contains("run " + sf + " (2026-01-15 SF 1), GSP group _A: the first state of the diff")
                    .contains("does not reproduce its stored supplier volumes (1 row(s) differ")
                    .contains("BRYN 2__ABRYN000 CCC 9 SP7")
                    .contains("nothing was written");
            // the earlier diff is still there, whole
            assertThat(count("SELECT count(*) FROM run_diff WHERE run_id = :a AND against_run_id = :b"))
                    .isEqualTo(8 * 48);
        } finally {
            jdbc.sql("UPDATE supplier_volume SET corrected_exact_mwh = :v" + where)
                    .param("v", stored)
                    .param("b", sf)
                    .update();
        }
    }

    private long count(String sql) {
        var spec = jdbc.sql(sql);
        if (sql.contains(":a")) {
            spec = spec.param("a", r1);
        }
        if (sql.contains(":b")) {
            spec = spec.param("b", sf);
        }
        return spec.query(Long.class).single();
    }
}
