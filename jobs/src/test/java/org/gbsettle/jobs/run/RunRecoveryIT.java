package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gbsettle.jobs.io.postgres.EmbeddedPostgresServer;
import org.gbsettle.jobs.sample.SampleDay;
import org.gbsettle.jobs.testing.ChildJvm;
import org.gbsettle.jobs.testing.ChildJvm.Result;
import org.gbsettle.jobs.testing.RunRows;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery and graceful shutdown of the packaged application ({@code java -jar gbsettle.jar}, a child JVM per
 * command) on this test's embedded PostgreSQL, given as {@code SPRING_DATASOURCE_URL}: the winter sample day run once
 * uninterrupted, then
 *
 * <ul>
 *   <li>a rerun killed with SIGKILL ({@code kill -9}) once one GSP group is written and the other is being
 *       calculated: shown ABANDONED, then {@code recover} marks its job execution failed and restarts it, and its
 *       outputs equal the uninterrupted run's byte for byte;
 *   <li>a rerun sent SIGTERM while its first GSP group is being calculated: that group finishes and is written, the
 *       other is not started, the run ends FAILED "stopped by shutdown", and {@code restart} completes it to the same
 *       outputs.
 * </ul>
 *
 * <p>Partitions run one at a time and wait 3 s before calculating (the test hook {@code
 * gbsettle.run.test.partition-delay}), so the test can catch a run between partitions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunRecoveryIT {

    @TempDir
    static Path workDir;

    private @Nullable EmbeddedPostgresServer database;

    private final SampleDay day = SampleDayFixture.sampleDay(SampleDayFixture.WINTER);

    private long uninterrupted;

    private @Nullable ChildJvm children;

    @BeforeAll
    void start_the_database_and_run_the_day_uninterrupted() throws Exception {
        database = EmbeddedPostgresServer.start(workDir.resolve("pgdata"), 0, "recovery", Duration.ofSeconds(60));
        ok(gbsettle("load-reference", day.referenceFolder().toString()));
        List<String> ingest = new ArrayList<>(
                List.of("ingest", "--received-at", day.receivedAt().toString()));
        day.meterDataFiles().forEach(f -> ingest.add(f.toString()));
        ok(gbsettle(ingest.toArray(String[]::new)));
        uninterrupted = runId(ok(gbsettle(runArgs())).out());
    }

    @AfterAll
    void stop_the_database() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void a_run_killed_mid_run_is_recovered_to_the_outputs_of_an_uninterrupted_run() throws Exception {
        Process run = start(runArgs());
        long runId = rows().waitForNewRun();
        // the partitions run one at a time, in either order: one written, the other being calculated
        RunRows.waitFor(() -> byGroupUnchecked("status", runId).values().stream()
                .sorted()
                .toList()
                .equals(List.of("COMPLETE", "RUNNING")));
        run.destroyForcibly();
        assertThat(run.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(rows().value("SELECT status FROM settlement_run WHERE run_id = ?", runId))
                .isEqualTo("RUNNING");
        // the server ends the dead process's session, and with it the run lock
        RunRows.waitFor(() -> !rows().lockHeld());
        Result status = ok(gbsettle("status", "--run", Long.toString(runId)));
        assertThat(status.out()).contains("state              ABANDONED");

        Result recovered = ok(gbsettle("recover"));
        assertThat(recovered.out()).contains("Run " + runId + ": recovered, COMPLETE, output fingerprint ");
        rows().assertSameOutputs(runId, uninterrupted);
        // the group written by the killed process was calculated once, the other twice
        assertThat(rows().byGroup("attempts", runId).values()).containsExactlyInAnyOrder("1", "2");
        assertThat(rows().value("""
                        SELECT string_agg(DISTINCT e.status, ',' ORDER BY e.status) FROM batch_job_execution e
                          JOIN batch_job_execution_params p USING (job_execution_id)
                         WHERE p.parameter_name = 'run.id' AND p.parameter_value = ?::text
                        """, runId))
                .as("the abandoned execution marked failed, the restart completed")
                .isEqualTo("COMPLETED,FAILED");
        assertThat(ok(gbsettle("recover")).out()).contains("nothing to recover");
    }

    @Test
    @Order(2)
    void sigterm_stops_a_run_at_a_partition_boundary_and_a_restart_completes_it() throws Exception {
        Process run = start(runArgs());
        long runId = rows().waitForNewRun();
        RunRows.waitFor(() -> byGroupUnchecked("status", runId).values().stream()
                .sorted()
                .toList()
                .equals(List.of("PENDING", "RUNNING")));
        String inFlight = byGroupUnchecked("status", runId).entrySet().stream()
                .filter(e -> e.getValue().equals("RUNNING"))
                .findFirst()
                .orElseThrow()
                .getKey();
        String next = inFlight.equals("_A") ? "_B" : "_A";
        run.destroy();
        assertThat(run.waitFor(2, TimeUnit.MINUTES)).as("the process ended").isTrue();

        assertThat(rows().value("SELECT status FROM settlement_run WHERE run_id = ?", runId))
                .isEqualTo("FAILED");
        assertThat(String.valueOf(rows().value("SELECT failure_message FROM settlement_run WHERE run_id = ?", runId)))
                .startsWith("stopped by shutdown");
        assertThat(rows().byGroup("status", runId))
                .as("the partition in flight finished, the next was not started")
                .isEqualTo(Map.of(inFlight, "COMPLETE", next, "FAILED"));
        assertThat(rows().byGroup("attempts", runId)).isEqualTo(Map.of(inFlight, "1", next, "0"));
        assertThat(String.valueOf(rows().value(
                                "SELECT failure_message FROM run_partition WHERE run_id = ? AND gsp_group = '" + next
                                        + "'",
                                runId)))
                .startsWith("stopped by shutdown");
        assertThat(rows().lockHeld()).isFalse();

        Result restarted = ok(gbsettle("restart", "--run", Long.toString(runId)));
        assertThat(restarted.out()).contains("Run " + runId + ": ");
        rows().assertSameOutputs(runId, uninterrupted);
    }

    private String[] runArgs() {
        return new String[] {
            "run",
            "--date",
            day.settlementDate().toString(),
            "--type",
            day.runType().name(),
            "--cutoff",
            day.dataCutoff().toString(),
            "--by",
            "it"
        };
    }

    private Map<String, String> byGroupUnchecked(String column, long runId) {
        try {
            return rows().byGroup(column, runId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long runId(String out) {
        return ChildJvm.runId(out);
    }

    private static Result ok(Result r) {
        return ChildJvm.ok(r);
    }

    /** The packaged application with this test's database, partitions one at a time with the test delay. */
    private ChildJvm children() {
        if (children == null) {
            children = ChildJvm.of(
                    workDir,
                    java.util.Objects.requireNonNull(database).jdbcUrl(),
                    "-Dgbsettle.run.test.partition-delay=3s");
        }
        return children;
    }

    /** Starts a command, its output to files in the work directory. */
    private Process start(String... args) throws IOException {
        return children().start(args).process();
    }

    /** Runs a command to its end. */
    private Result gbsettle(String... args) throws IOException, InterruptedException {
        return children().run(args);
    }

    /** Reads of the runs' rows in the test's database. */
    private RunRows rows() {
        return new RunRows(java.util.Objects.requireNonNull(database).jdbcUrl());
    }
}
