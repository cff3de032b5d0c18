package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gbsettle.jobs.testing.GbSettleCli.runId;

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
import org.junit.jupiter.api.BeforeAll;
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
 * {@code gbsettle restart} on a real embedded PostgreSQL: a run of the winter sample day made to fail while writing GSP
 * group {@code _B} (a trigger planted in the database raises an error on its rows, as a full disk or a lost connection
 * would), restarted once the cause is gone, gives outputs equal, byte for byte, to an uninterrupted run of the same
 * day and cut-off; only the failed partition is recomputed. A run whose process died (job execution left STARTED) is
 * refused without {@code --recover} and restarted with it.
 */
@SpringBootTest(classes = SettlementJobsApplication.class, properties = "gbsettle.run.pool-size=1")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettlementRunRestartIT {

    private static final String DATE = "2026-01-15";

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

    private long uninterrupted;

    private final GbSettleCli gbsettle = GbSettleCli.in(() -> context);

    private final SampleDayFixture winter = SampleDayFixture.of(gbsettle, SampleDayFixture.WINTER);

    @BeforeAll
    void load_the_day_and_run_it_uninterrupted() {
        uninterrupted = winter.loadIngestAndRun();
    }

    @Test
    @Order(1)
    void a_run_failed_in_one_partition_and_restarted_equals_an_uninterrupted_run() {
        PlantedFailure.plant(jdbc, "_B");
        Result failed = winter.run();
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err())
                .contains("FAILED")
                .contains("GSP group _B failed")
                .contains("planted failure writing GSP group _B")
                .contains("restart --run");
        long runId = runIdFromError(failed.err());
        assertThat(value("SELECT status FROM settlement_run WHERE run_id = :id", runId))
                .isEqualTo("FAILED");
        assertThat(byGroup("status", runId)).isEqualTo(Map.of("_A", "COMPLETE", "_B", "FAILED"));
        // nothing of the failed partition is written, and the run is not visible to analysts
        assertThat(count("SELECT count(*) FROM bm_unit_volume WHERE run_id = :id AND gsp_group = '_B'", runId))
                .isZero();
        assertThat(count("SELECT count(*) FROM settlement_volume_latest_v1 WHERE run_id = :id", runId))
                .isZero();
        Object aCompleted =
                value("SELECT completed_at::text FROM run_partition WHERE run_id = :id AND gsp_group = '_A'", runId);

        // a restart while the cause is still there fails the same way and keeps _A
        Result again = gbsettle.run("restart", "--run", String.valueOf(runId));
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("planted failure writing GSP group _B");

        PlantedFailure.remove(jdbc);
        Result restarted = gbsettle.run("restart", "--run", String.valueOf(runId));
        assertThat(restarted.exitCode()).as(restarted.err()).isZero();
        assertThat(restarted.out()).contains("Run " + runId + ": " + DATE + " SF 2 COMPLETE");

        assertThat(value("SELECT output_fingerprint FROM settlement_run WHERE run_id = :id", runId))
                .isEqualTo(value("SELECT output_fingerprint FROM settlement_run WHERE run_id = :id", uninterrupted));
        assertThat(byGroup("output_fingerprint", runId)).isEqualTo(byGroup("output_fingerprint", uninterrupted));
        for (String table : List.of("bm_unit_volume", "supplier_volume", "gsp_group_correction", "data_quality")) {
            assertThat(differingRows(table, runId, uninterrupted)).as(table).isZero();
        }
        // only the failed partition was recomputed: _A was written once, _B three times attempted
        assertThat(value("SELECT completed_at::text FROM run_partition WHERE run_id = :id AND gsp_group = '_A'", runId))
                .isEqualTo(aCompleted);
        assertThat(byGroup("attempts", runId)).isEqualTo(Map.of("_A", 1, "_B", 3));
        assertThat(stepExecutions(runId))
                .containsEntry("partition:_A", 1)
                .containsEntry("partition:_B", 3)
                .containsEntry("prepare", 3)
                .containsEntry("publish", 1);
        assertThat(value("SELECT attempts FROM settlement_run WHERE run_id = :id", runId))
                .isEqualTo(3);
        assertThat(gbsettle.run("status", "--run", String.valueOf(runId)).out())
                .contains("SF 2 COMPLETE")
                .contains("attempts           3")
                .containsPattern("(?m)^_B\\s+COMPLETE\\s+3\\s+\\d+\\s+\\d+");
        assertThat(count("SELECT count(*) FROM settlement_run_latest_v1 WHERE run_id = :id", runId))
                .as("the restarted run is authoritative for both groups")
                .isEqualTo(2);
    }

    @Test
    @Order(2)
    void a_run_whose_process_died_is_restarted_with_recover() {
        PlantedFailure.plant(jdbc, "_A");
        Result failed = winter.run();
        assertThat(failed.exitCode()).isEqualTo(1);
        long runId = runIdFromError(failed.err());
        PlantedFailure.remove(jdbc);
        // as if the process had been killed mid-run: the job execution and the run still say they are running
        jdbc.sql("""
                        UPDATE batch_job_execution SET status = 'STARTED', exit_code = 'UNKNOWN', end_time = NULL
                         WHERE job_instance_id = (SELECT i.job_instance_id FROM batch_job_instance i
                                                    JOIN batch_job_execution e USING (job_instance_id)
                                                    JOIN batch_job_execution_params p USING (job_execution_id)
                                                   WHERE p.parameter_name = 'run.id' AND p.parameter_value = :id
                                                   LIMIT 1)
                        """).param("id", String.valueOf(runId)).update();
        jdbc.sql("UPDATE settlement_run SET status = 'RUNNING' WHERE run_id = :id")
                .param("id", runId)
                .update();

        Result refused = gbsettle.run("restart", "--run", String.valueOf(runId));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("--recover").contains("STARTED");

        Result recovered = gbsettle.run("restart", "--run", String.valueOf(runId), "--recover");
        assertThat(recovered.exitCode()).as(recovered.err()).isZero();
        assertThat(value("SELECT output_fingerprint FROM settlement_run WHERE run_id = :id", runId))
                .isEqualTo(value("SELECT output_fingerprint FROM settlement_run WHERE run_id = :id", uninterrupted));
    }

    @Test
    @Order(3)
    void a_complete_or_unknown_run_cannot_be_restarted() {
        Result complete = gbsettle.run("restart", "--run", String.valueOf(uninterrupted));
        assertThat(complete.exitCode()).isEqualTo(1);
        assertThat(complete.err()).contains("is COMPLETE").contains("nothing to restart");
        assertThat(gbsettle.run("status", "--run", "9999").err()).contains("there is no run 9999");
        Result unknown = gbsettle.run("restart", "--run", "9999");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("there is no run 9999");
        Result bad = gbsettle.run("restart");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--run");
    }

    private static long runIdFromError(String err) {
        var m = java.util.regex.Pattern.compile("run (\\d+) FAILED").matcher(err);
        assertThat(m.find()).as(err).isTrue();
        return Long.parseLong(m.group(1));
    }

    private Object value(String sql, long runId) {
        return jdbc.sql(sql).param("id", runId).query().singleValue();
    }

    private long count(String sql, long runId) {
        return jdbc.sql(sql).param("id", runId).query(Long.class).single();
    }

    /** A column of the run's partitions by GSP group. */
    private Map<String, Object> byGroup(String column, long runId) {
        return keyed("SELECT gsp_group, " + column + " FROM run_partition WHERE run_id = :id", runId);
    }

    /** Step executions of the run's job instance by step name. */
    private Map<String, Object> stepExecutions(long runId) {
        return keyed("""
                        SELECT s.step_name, CAST(count(*) AS integer)
                          FROM batch_step_execution s
                          JOIN batch_job_execution e USING (job_execution_id)
                         WHERE e.job_instance_id = (SELECT e2.job_instance_id FROM batch_job_execution e2
                                                      JOIN batch_job_execution_params p USING (job_execution_id)
                                                     WHERE p.parameter_name = 'run.id' AND p.parameter_value = :id
                                                     LIMIT 1)
                         GROUP BY s.step_name
                        """, String.valueOf(runId));
    }

    /** The second column of a query's rows by the first, the query's {@code :id} being {@code id}. */
    private Map<String, Object> keyed(String sql, Object id) {
        Map<String, Object> m = new TreeMap<>();
        jdbc.sql(sql).param("id", id).query((ResultSet rs) -> {
            m.put(rs.getString(1), rs.getObject(2));
        });
        return m;
    }

    /** Rows of a table in one run and not the other, either way, comparing every column but the run id. */
    private long differingRows(String table, long a, long b) {
        String columns = String.join(
                ", ",
                jdbc.sql("SELECT column_name FROM information_schema.columns WHERE table_name = :t AND column_name <>"
                                + " 'run_id' ORDER BY ordinal_position")
                        .param("t", table)
                        .query(String.class)
                        .list());
        String diff = "(SELECT " + columns + " FROM " + table + " WHERE run_id = :a EXCEPT ALL SELECT " + columns
                + " FROM " + table + " WHERE run_id = :b)";
        long rows = jdbc.sql("SELECT count(*) FROM " + table + " WHERE run_id = :a")
                .param("a", a)
                .query(Long.class)
                .single();
        assertThat(rows).as(table + " rows").isPositive();
        return jdbc.sql("SELECT (SELECT count(*) FROM " + diff + " x) + (SELECT count(*) FROM "
                        + diff.replace(":a", ":tmp").replace(":b", ":a").replace(":tmp", ":b") + " y)")
                .param("a", a)
                .param("b", b)
                .query(Long.class)
                .single();
    }
}
