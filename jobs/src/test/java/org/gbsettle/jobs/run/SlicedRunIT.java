package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.gbsettle.jobs.testing.PlantedFailure;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.gbsettle.jobs.testing.TestDatabase;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * GSP groups cut into MPAN-range slices ({@code gbsettle.partitioning.target-partitions=6}: each sample day's groups,
 * of about equal size, are cut into three or four slices each) give the outputs of whole groups:
 *
 * <ul>
 *   <li>each sample day matches its expected outputs, computed by the independent oracle (the check of the {@code
 *       sample} command), and the job repository shows the slices sampled, calculated and combined;
 *   <li>a run that fails writing a cut group (a planted trigger) keeps its slices, and its restart combines them
 *       without calculating them again, to the outputs of the run that did not fail;
 *   <li>a restart finding a slice corrupt and a sample missing calculates them again in the combine, to the same
 *       outputs;
 *   <li>a row whose MPAN the reader cannot read (14 digits: rejected with the placeholder MPAN 0) in a row group that
 *       only the last slice of a group meets by its statistics is still quarantined, once.
 * </ul>
 */
@SpringBootTest(
        classes = SettlementJobsApplication.class,
        properties = {"gbsettle.partitioning.target-partitions=6", "gbsettle.run.pool-size=2"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlicedRunIT {

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

    private final SampleDayFixture winter = SampleDayFixture.of(gbsettle, SampleDayFixture.WINTER);

    @Test
    @Order(1)
    void sliced_groups_give_each_sample_days_expected_outputs() {
        Path work = DATABASE.directory().resolve("work");
        for (String day : List.of(
                "2026-01-15_normal_winter_day", "2026-03-29_spring_clock_change", "2026-10-25_autumn_clock_change")) {
            Result r = gbsettle.run("sample", "--work-dir", work.toString(), day);
            assertThat(r.exitCode()).as(r.printed()).isZero();
            assertThat(r.out())
                    .containsPattern("(?m)^_A +matches expected outputs")
                    .containsPattern("(?m)^_B +matches expected outputs")
                    .containsPattern("(?m)^unassigned +matches expected outputs");
        }
        // every run cut both groups, into ranges that tile the MPAN line
        List<Map<String, Object>> plan = jdbc.sql("""
                        SELECT run_id, gsp_group, count(*) AS pieces, min(mpan_from) AS lowest, max(mpan_to) AS highest,
                               sum(weight) AS weight, bool_and(calculated_by IS NOT NULL) AS calculated,
                               bool_and(slice IS NULL AND sample IS NULL AND reader_rows IS NULL) AS cleared
                          FROM run_group_slice GROUP BY run_id, gsp_group ORDER BY run_id, gsp_group
                        """).query().listOfRows();
        assertThat(plan).hasSize(6).allSatisfy(g -> {
            assertThat(((Number) g.get("pieces")).intValue()).isBetween(2, 6);
            assertThat(g.get("lowest")).isEqualTo(Long.MIN_VALUE);
            assertThat(g.get("highest")).isEqualTo(Long.MAX_VALUE);
            assertThat(g.get("calculated")).isEqualTo(true);
            assertThat(g.get("cleared"))
                    .as("slice bytes dropped once the run is complete")
                    .isEqualTo(true);
        });
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM run_group_slice a JOIN run_group_slice b
                            ON a.run_id = b.run_id AND a.gsp_group = b.gsp_group AND b.piece = a.piece + 1
                         WHERE a.mpan_to <> b.mpan_from
                        """).query(Long.class).single())
                .as("adjacent slices that do not meet")
                .isZero();
        assertThat(jdbc.sql("SELECT sum(weight) FROM run_group_slice WHERE gsp_group = '_A' GROUP BY run_id")
                        .query(Long.class)
                        .list())
                .isEqualTo(jdbc.sql("SELECT metering_systems::bigint FROM run_partition WHERE gsp_group = '_A'"
                                + " ORDER BY run_id")
                        .query(Long.class)
                        .list());
        List<String> steps = jdbc.sql("SELECT DISTINCT s.step_name FROM batch_step_execution s JOIN"
                        + " batch_job_execution e USING (job_execution_id) JOIN batch_job_instance i USING"
                        + " (job_instance_id) WHERE i.job_name = 'settlementRun' ORDER BY 1")
                .query(String.class)
                .list();
        assertThat(steps)
                .contains("prepare", "sample", "calculate", "combine", "publish", "combine:_A", "combine:_B")
                .anyMatch(s -> s.matches("sample:_A#1of\\d"))
                .anyMatch(s -> s.matches("partition:_B#2of\\d"))
                .noneMatch(s -> s.equals("partition:_A") || s.equals("partition:_B"));
    }

    @Test
    @Order(2)
    void a_run_failed_writing_a_sliced_group_is_restarted_from_its_stored_slices() {
        long uninterrupted = latestComplete();
        PlantedFailure.plant(jdbc, "_B");
        Result failed = winter.run();
        assertThat(failed.exitCode()).as(failed.printed()).isEqualTo(1);
        assertThat(failed.err()).contains("GSP group _B failed").contains("planted failure writing GSP group _B");
        long runId = runIdFromError(failed.err());
        assertThat(byGroup("SELECT gsp_group, status FROM run_partition WHERE run_id = :id", runId))
                .isEqualTo(Map.of("_A", "COMPLETE", "_B", "FAILED"));
        Map<String, Object> calculated = byGroup(
                "SELECT piece::text, calculated_at::text FROM run_group_slice WHERE run_id = :id AND gsp_group = '_B'"
                        + " AND slice IS NOT NULL AND sample IS NOT NULL",
                runId);
        assertThat(calculated).as("_B's slices stored").hasSizeGreaterThan(1);

        PlantedFailure.remove(jdbc);
        Result restarted = gbsettle.run("restart", "--run", String.valueOf(runId));
        assertThat(restarted.exitCode()).as(restarted.printed()).isZero();
        assertThat(fingerprints(runId)).isEqualTo(fingerprints(uninterrupted));
        assertThat(byGroup(
                        "SELECT piece::text, calculated_at::text FROM run_group_slice WHERE run_id = :id AND"
                                + " gsp_group = '_B'",
                        runId))
                .as("the slices were combined as stored, not calculated again")
                .isEqualTo(calculated);
    }

    @Test
    @Order(3)
    void a_corrupt_slice_and_a_missing_sample_are_calculated_again_by_the_restart() {
        long uninterrupted = latestComplete();
        PlantedFailure.plant(jdbc, "_A");
        Result failed = winter.run();
        assertThat(failed.exitCode()).as(failed.printed()).isEqualTo(1);
        long runId = runIdFromError(failed.err());
        PlantedFailure.remove(jdbc);
        // a byte of slice 1 flipped (its CRC-32C no longer matches), the sample and the slice of slice 2 lost
        jdbc.sql("""
                        UPDATE run_group_slice SET slice = set_byte(slice, length(slice) / 2,
                                                                    (get_byte(slice, length(slice) / 2) + 1) % 256)
                         WHERE run_id = :id AND gsp_group = '_A' AND piece = 1
                        """).param("id", runId).update();
        jdbc.sql("""
                        UPDATE run_group_slice SET sample = NULL, slice = NULL, reader_rows = NULL,
                                                   meter_rows_read = NULL, calculated_at = NULL, calculated_by = NULL
                         WHERE run_id = :id AND gsp_group = '_A' AND piece = 2
                        """).param("id", runId).update();
        Result restarted = gbsettle.run("restart", "--run", String.valueOf(runId));
        assertThat(restarted.exitCode()).as(restarted.printed()).isZero();
        assertThat(fingerprints(runId)).isEqualTo(fingerprints(uninterrupted));
        assertThat(differingQuarantine(runId, uninterrupted)).isZero();
    }

    @Test
    @Order(4)
    void a_row_without_a_readable_mpan_in_a_row_group_of_a_cut_group_is_quarantined_once() throws Exception {
        // a delivery of two rows in one row group: an MPAN just below the day's highest (registered nowhere), and a
        // 14-digit one, which the reader rejects with the placeholder MPAN 0; the row group's statistics put it in
        // the last slice of the highest group, while MPAN 0 belongs to the first slice
        java.nio.file.Path dir = DATABASE.directory().resolve("unreadable");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Path file = dir.resolve("hh-unreadable.parquet");
        String all = winter.day().meterDataFiles().stream()
                .map(f -> "'" + f + "'")
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement st = c.createStatement()) {
            st.execute("SET threads = 1");
            st.execute("CREATE TABLE one AS SELECT * FROM read_parquet(" + all + ") LIMIT 1");
            st.execute("CREATE TABLE top AS SELECT max(mpan) AS m FROM read_parquet(" + all + ")");
            st.execute("COPY (SELECT * REPLACE ((SELECT m FROM top) - 1 AS mpan) FROM one UNION ALL SELECT * REPLACE"
                    + " (CAST(12345678901234 AS BIGINT) AS mpan) FROM one ORDER BY mpan) TO '" + file
                    + "' (FORMAT parquet, ROW_GROUP_SIZE 2)");
        }
        Result ingested = gbsettle.ingest(winter.day().receivedAt().toString(), List.of(file));
        assertThat(ingested.exitCode()).as(ingested.printed()).isZero();
        Result run = winter.run();
        assertThat(run.exitCode()).as(run.printed()).isZero();
        long runId = GbSettleCli.runId(run.out());
        assertThat(jdbc.sql("SELECT count(*) FROM run_group_slice WHERE run_id = :id")
                        .param("id", runId)
                        .query(Long.class)
                        .single())
                .isPositive();
        List<Map<String, Object>> quarantined = jdbc.sql("""
                        SELECT q.value, q.reason, coalesce(q.gsp_group, q.found_by_group) AS gsp_group FROM quarantine q
                          JOIN meter_data_file f USING (file_id)
                         WHERE q.run_id = :id AND f.file_path = :path ORDER BY q.row_number
                        """)
                .param("id", runId)
                .param("path", file.toAbsolutePath().normalize().toString())
                .query()
                .listOfRows();
        assertThat(quarantined).hasSize(2);
        assertThat(quarantined.get(1)).containsEntry("value", "12345678901234").containsEntry("reason", "BAD_MPAN");
        assertThat(quarantined.get(0).get("gsp_group"))
                .as("both found by the group whose row groups hold them")
                .isEqualTo(quarantined.get(1).get("gsp_group"))
                .isNotNull();
    }

    private long latestComplete() {
        return jdbc.sql("""
                        SELECT max(run_id) FROM settlement_run WHERE status = 'COMPLETE'
                           AND settlement_date = DATE '2026-01-15'
                        """).query(Long.class).single();
    }

    private static long runIdFromError(String err) {
        var m = java.util.regex.Pattern.compile("run (\\d+) FAILED").matcher(err);
        assertThat(m.find()).as(err).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The run's output fingerprint and its groups', and the partitions' row counts. */
    private Map<String, Object> fingerprints(long runId) {
        Map<String, Object> m = byGroup(
                "SELECT gsp_group, output_fingerprint || ' ' || metering_systems || ' ' || meter_rows_read || ' '"
                        + " || meter_rows_quarantined FROM run_partition WHERE run_id = :id",
                runId);
        m.put(
                "run",
                jdbc.sql("SELECT output_fingerprint FROM settlement_run WHERE run_id = :id")
                        .param("id", runId)
                        .query(String.class)
                        .single());
        return m;
    }

    /** Quarantine rows of one run and not the other, either way (every column but the run id). */
    private long differingQuarantine(long a, long b) {
        String columns = "gsp_group, file_id, row_number, mpan, settlement_period, field, value, reason, detail,"
                + " found_by_group";
        return jdbc.sql("SELECT (SELECT count(*) FROM (SELECT " + columns + " FROM quarantine WHERE run_id = :a EXCEPT"
                        + " ALL SELECT " + columns + " FROM quarantine WHERE run_id = :b) x) + (SELECT count(*) FROM"
                        + " (SELECT " + columns + " FROM quarantine WHERE run_id = :b EXCEPT ALL SELECT " + columns
                        + " FROM quarantine WHERE run_id = :a) y)")
                .param("a", a)
                .param("b", b)
                .query(Long.class)
                .single();
    }

    /** The second column of a query's rows by the first. */
    private Map<String, Object> byGroup(String sql, long runId) {
        Map<String, Object> m = new TreeMap<>();
        jdbc.sql(sql).param("id", runId).query((ResultSet rs) -> {
            m.put(rs.getString(1), rs.getObject(2));
        });
        return m;
    }
}
