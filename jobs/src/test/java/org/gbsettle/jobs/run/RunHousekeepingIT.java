package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.gbsettle.jobs.testing.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code housekeep} on hand-made runs and Spring Batch metadata, as at 2027-06-01T00:00Z with the default retention
 * (batch metadata 90 days: executions ended before 2027-03-03, as 2027-06-01 less 31 days of May, 30 of April and
 * 29 of March; outputs of never-authoritative runs 400 days: runs created before 2026-04-27, as 365 days back to
 * 2026-06-01, 31 of May 2026 to 2026-05-01, then 4 more).
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RunHousekeepingIT {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2027-06-01T00:00:00Z");

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

    @Autowired
    RunHousekeeping housekeeping;

    private final GbSettleCli gbsettle = GbSettleCli.in(() -> context);

    @Test
    void keeps_what_was_ever_authoritative_and_what_is_recent_deletes_the_rest() {
        // created 2026-01-20 (497 days before NOW): old
        long authoritativeOld = run(1, "COMPLETE", true, "2026-01-20T10:00:00Z");
        long supersededOld = run(2, "COMPLETE", false, "2026-01-20T11:00:00Z");
        long failedOld = run(3, "FAILED", false, "2026-01-20T12:00:00Z");
        // 2026-04-28 is 399 days before NOW: within the retention
        long supersededRecent = run(4, "COMPLETE", false, "2026-04-28T00:00:00Z");
        long runningOld = run(5, "RUNNING", false, "2026-01-20T13:00:00Z");
        // ended 2027-03-01 (92 days before NOW): old; 2027-03-05 (88 days): recent
        long oldInstance = jobInstance(1, "2027-03-01T00:00", "COMPLETED");
        long recentInstance = jobInstance(2, "2027-03-05T00:00", "FAILED");
        long runningInstance = jobInstance(3, null, "STARTED");
        long mixedInstance = jobInstance(4, "2027-01-01T00:00", "FAILED");
        execution(mixedInstance, 41, "2027-05-01T00:00", "COMPLETED");

        RunHousekeeping.Report dry = housekeeping.run(true, NOW);
        assertThat(dry.jobInstances()).isEqualTo(1);
        assertThat(dry.runs()).containsExactly(supersededOld, failedOld);
        // each run has one row in each of bm_unit_volume, data_quality and quarantine
        assertThat(dry.outputRows()).isEqualTo(6);
        assertThat(rows(supersededOld)).isEqualTo(3);
        assertThat(instances()).containsExactly(oldInstance, recentInstance, runningInstance, mixedInstance);

        RunHousekeeping.Report done = housekeeping.run(false, NOW);
        assertThat(done.runs()).containsExactly(supersededOld, failedOld);
        assertThat(done.outputRows()).isEqualTo(6);
        assertThat(rows(supersededOld)).isZero();
        assertThat(rows(failedOld)).isZero();
        assertThat(rows(authoritativeOld)).as("ever authoritative: kept").isEqualTo(3);
        assertThat(rows(supersededRecent)).as("within the retention").isEqualTo(3);
        assertThat(rows(runningOld)).as("running").isEqualTo(3);
        assertThat(instances()).containsExactly(recentInstance, runningInstance, mixedInstance);
        assertThat(jdbc.sql("SELECT count(*) FROM batch_job_execution WHERE job_instance_id = :i")
                        .param("i", oldInstance)
                        .query(Long.class)
                        .single())
                .isZero();
        // the runs themselves are kept, marked
        assertThat(jdbc.sql("SELECT run_id FROM settlement_run WHERE outputs_deleted_at IS NOT NULL ORDER BY run_id")
                        .query(Long.class)
                        .list())
                .containsExactly(supersededOld, failedOld);
        assertThat(jdbc.sql("SELECT count(*) FROM settlement_run WHERE run_number <= 5")
                        .query(Long.class)
                        .single())
                .isEqualTo(5);

        Result restart = gbsettle.run("restart", "--run", Long.toString(failedOld));
        assertThat(restart.exitCode()).isEqualTo(1);
        assertThat(restart.err()).contains("housekeeping deleted its outputs");

        assertThat(housekeeping.run(false, NOW).runs()).as("nothing more").isEmpty();
        Result command = gbsettle.run("housekeep", "--dry-run");
        assertThat(command.exitCode()).as(command.printed()).isZero();
        assertThat(command.out())
                .contains("Spring Batch metadata: would delete ")
                .contains("Run outputs: would delete 0 row(s) of 0 never-authoritative run(s) created over 400 days"
                        + " ago");
    }

    @Test
    void deletes_ended_partition_requests_and_events_every_subscriber_received() {
        long runId = run(6, "COMPLETE", true, "2027-01-10T10:00:00Z");
        // ended 2027-03-01 (92 days before NOW): old; 2027-03-05 (88 days): recent; taken: never
        partitionRequest(runId, 901, "DONE", "2027-03-01T00:00:00Z");
        partitionRequest(runId, 902, "ABANDONED", "2027-03-05T00:00:00Z");
        partitionRequest(runId, 903, "TAKEN", null);
        // events of 2027-02-01 (120 days before NOW: past the 90 days) and of 2027-05-01 (31 days: kept)
        long deliveredToBoth = event(runId, "2027-02-01T00:00:00Z");
        long pendingForOne = event(runId, "2027-02-01T00:01:00Z");
        long beyondOnesMark = event(runId, "2027-02-01T00:02:00Z");
        long recent = event(runId, "2027-05-01T00:00:00Z");
        delivery("a", deliveredToBoth, true);
        delivery("b", deliveredToBoth, true);
        delivery("a", pendingForOne, true);
        delivery("b", pendingForOne, false);
        delivery("a", beyondOnesMark, true);
        delivery("a", recent, true);

        RunHousekeeping.Report done = housekeeping.run(false, NOW);

        assertThat(done.partitionRequests()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT step_execution_id FROM partition_request WHERE run_id = :run ORDER BY 1")
                        .param("run", runId)
                        .query(Long.class)
                        .list())
                .containsExactly(902L, 903L);
        // b has not received pendingForOne, and has no record beyond it: only the first is gone
        assertThat(done.events()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT sequence FROM event_outbox WHERE run_id = :run ORDER BY 1")
                        .param("run", runId)
                        .query(Long.class)
                        .list())
                .containsExactly(pendingForOne, beyondOnesMark, recent);
        assertThat(jdbc.sql("SELECT count(*) FROM event_delivery WHERE sequence = :s")
                        .param("s", deliveredToBoth)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private void partitionRequest(long runId, long step, String status, @Nullable String finished) {
        jdbc.sql("""
                        INSERT INTO partition_request (run_id, job_execution_id, step_execution_id, step_name, status,
                            created_at, finished_at)
                        VALUES (:run, 1, :step, 'partition:_A', :status, TIMESTAMPTZ '2027-01-10 10:00:00Z',
                            :finished)
                        """)
                .param("run", runId)
                .param("step", step)
                .param("status", status)
                .param("finished", finished == null ? null : OffsetDateTime.parse(finished))
                .update();
    }

    private long event(long runId, String time) {
        return jdbc.sql("""
                        INSERT INTO event_outbox (event_id, type, source, subject, time, data, run_id)
                        VALUES (gen_random_uuid(), 'org.gbsettle.run.started.v1', '/gbsettle', 'runs/' || :run,
                            :time, '{}'::jsonb, :run)
                        RETURNING sequence
                        """)
                .param("run", runId)
                .param("time", OffsetDateTime.parse(time))
                .query(Long.class)
                .single();
    }

    private void delivery(String subscriber, long sequence, boolean delivered) {
        jdbc.sql("""
                        INSERT INTO event_delivery (subscriber, sequence, attempts, delivered_at)
                        VALUES (:s, :seq, 1, CASE WHEN :delivered THEN TIMESTAMPTZ '2027-05-02 00:00:00Z' END)
                        """)
                .param("s", subscriber)
                .param("seq", sequence)
                .param("delivered", delivered)
                .update();
    }

    /** A run of 2026-01-15 SF with one partition _A and one row in three of its output tables. */
    private long run(int number, String status, boolean wasAuthoritative, String created) {
        boolean complete = status.equals("COMPLETE");
        OffsetDateTime at = OffsetDateTime.parse(created);
        long runId = jdbc.sql("""
                        INSERT INTO settlement_run (settlement_date, run_type, run_number, data_cutoff, status,
                            started_by, reason, created_at, completed_at, engine_version, output_fingerprint,
                            was_authoritative)
                        VALUES ('2026-01-15', 'SF', :number, :at, :status, 'test', 'test', :at, :completed, 'test',
                            :fingerprint, :was)
                        RETURNING run_id
                        """)
                .param("number", number)
                .param("at", at)
                .param("status", status)
                .param("completed", complete ? at.plusHours(1) : null)
                .param("fingerprint", complete ? "0".repeat(64) : null)
                .param("was", wasAuthoritative)
                .query(Long.class)
                .single();
        jdbc.sql("INSERT INTO run_partition (run_id, gsp_group, status, completed_at, output_fingerprint)"
                        + " VALUES (:run, '_A', 'COMPLETE', :at, :fp)")
                .param("run", runId)
                .param("at", at.plusMinutes(30))
                .param("fp", "0".repeat(64))
                .update();
        jdbc.sql("""
                        INSERT INTO bm_unit_volume (run_id, gsp_group, supplier_id, bm_unit_id, settlement_period,
                            exact_mwh, bmuadv_mwh)
                        VALUES (:run, '_A', 'SUPA', '2__ASUPA000', 1, 1, 1)
                        """).param("run", runId).update();
        jdbc.sql("INSERT INTO data_quality (run_id, gsp_group, settlement_period, measure, count, mwh)"
                        + " VALUES (:run, '_A', 0, 'ACTUAL', 1, 1)")
                .param("run", runId)
                .update();
        jdbc.sql("INSERT INTO quarantine (run_id, gsp_group, file_path, field, reason)"
                        + " VALUES (:run, '_A', 'f.parquet', 'kwh', 'INVALID_VALUE')")
                .param("run", runId)
                .update();
        return runId;
    }

    private long rows(long runId) {
        return jdbc.sql("""
                        SELECT (SELECT count(*) FROM bm_unit_volume WHERE run_id = :run)
                             + (SELECT count(*) FROM data_quality WHERE run_id = :run)
                             + (SELECT count(*) FROM quarantine WHERE run_id = :run)
                        """).param("run", runId).query(Long.class).single();
    }

    /** A job instance with one execution (id 10 x the instance id) ended at {@code ended} (local time). */
    private long jobInstance(long id, String ended, String status) {
        jdbc.sql("INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key)"
                        + " VALUES (:id, 0, 'settlementRun', :key)")
                .param("id", id)
                .param("key", "k" + id)
                .update();
        execution(id, id * 10, ended, status);
        return id;
    }

    private void execution(long instance, long id, String ended, String status) {
        LocalDateTime end = ended == null ? null : LocalDateTime.parse(ended);
        jdbc.sql("""
                        INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time,
                            start_time, end_time, status)
                        VALUES (:id, 0, :instance, :created, :created, :end, :status)
                        """)
                .param("id", id)
                .param("instance", instance)
                .param("created", LocalDateTime.parse("2027-01-01T00:00"))
                .param("end", end)
                .param("status", status)
                .update();
        jdbc.sql("INSERT INTO batch_job_execution_params (job_execution_id, parameter_name, parameter_type,"
                        + " parameter_value, identifying) VALUES (:id, 'run.id', 'java.lang.Long', :value, 'Y')")
                .param("id", id)
                .param("value", Long.toString(id))
                .update();
        jdbc.sql("INSERT INTO batch_job_execution_context (job_execution_id, short_context) VALUES (:id, '{}')")
                .param("id", id)
                .update();
    }

    private List<Long> instances() {
        return jdbc.sql("SELECT job_instance_id FROM batch_job_instance ORDER BY job_instance_id")
                .query(Long.class)
                .list();
    }
}
