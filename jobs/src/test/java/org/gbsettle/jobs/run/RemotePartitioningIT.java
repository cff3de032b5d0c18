package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.gbsettle.jobs.io.postgres.EmbeddedPostgresServer;
import org.gbsettle.jobs.sample.SampleDay;
import org.gbsettle.jobs.testing.ChildJvm;
import org.gbsettle.jobs.testing.ChildJvm.Result;
import org.gbsettle.jobs.testing.ChildJvm.Started;
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
 * Remote partitioning ({@code gbsettle.partitioning.mode=remote}) with the packaged application as child JVMs on this
 * test's embedded PostgreSQL: a manager ({@code run}) and three {@code worker}s (each partition waits 2 s before it
 * calculates: the test hook {@code gbsettle.run.test.partition-delay}) compute the winter sample day (GSP groups
 * {@code _A} and {@code _B}, one partition each), and the outputs equal those of the day run in local mode byte for
 * byte (output fingerprints, and every row of the output tables compared as multisets, so that a row written twice
 * would show):
 *
 * <ul>
 *   <li>with all workers alive, each partition is taken once and done;
 *   <li>with the worker holding a partition killed (SIGKILL) while the partition waits: the manager finds its
 *       heartbeat stale after the worker timeout (4 s here) and sends the partition again, another worker computes it;
 *   <li>with the groups cut into MPAN-range slices ({@code gbsettle.partitioning.target-partitions=4}), sampled,
 *       calculated and combined on the workers, and the worker holding a slice killed (SIGKILL) mid-slice: the slice
 *       is sent again and the outputs are those of the local whole-group run;
 *   <li>with the manager killed (SIGKILL) while a worker holds a partition: {@code recover}, itself in remote mode,
 *       resumes the run to the same outputs;
 *   <li>with the worker holding a partition frozen (SIGSTOP) until the run has completed without it, then thawed
 *       (SIGCONT): the late "zombie" attempt finds that it no longer holds its partition and writes nothing, neither
 *       outputs nor its failure; then the workers stop cleanly on SIGTERM.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemotePartitioningIT {

    @TempDir
    static Path workDir;

    private static final String[] REMOTE = {
        "-Dgbsettle.partitioning.mode=remote",
        "-Dgbsettle.partitioning.poll-interval=200ms",
        "-Dgbsettle.partitioning.worker-timeout=4s"
    };

    private @Nullable EmbeddedPostgresServer database;

    private final SampleDay day = SampleDayFixture.sampleDay(SampleDayFixture.WINTER);

    private long local;

    private final List<Started> workers = new ArrayList<>();

    private @Nullable ChildJvm children;

    @BeforeAll
    void start_the_database_and_the_workers_and_run_the_day_locally() throws Exception {
        database = EmbeddedPostgresServer.start(workDir.resolve("pgdata"), 0, "remote", Duration.ofSeconds(60));
        ChildJvm plain = children();
        ChildJvm.ok(plain.run("load-reference", day.referenceFolder().toString()));
        // three workers, each partition waiting 2 s before it calculates, started while the day is ingested and run
        for (int i = 0; i < 3; i++) {
            workers.add(startWorker());
        }
        List<String> ingest = new ArrayList<>(
                List.of("ingest", "--received-at", day.receivedAt().toString()));
        day.meterDataFiles().forEach(f -> ingest.add(f.toString()));
        ChildJvm.ok(plain.run(ingest.toArray(String[]::new)));
        local = ChildJvm.runId(ChildJvm.ok(plain.run(runArgs())).out());
    }

    @AfterAll
    void stop_the_workers_and_the_database() throws Exception {
        for (Started w : workers) {
            w.process().destroyForcibly();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void a_manager_and_workers_compute_the_outputs_of_a_local_run() throws Exception {
        Result run = ChildJvm.ok(children().withOptions(REMOTE).run(runArgs()));
        long runId = ChildJvm.runId(run.out());

        rows().assertSameOutputs(runId, local);
        assertThat(requests(runId)).as("one request per partition, each done").containsExactly("DONE", "DONE");
        assertThat(rows().byGroup("attempts", runId)).isEqualTo(Map.of("_A", "1", "_B", "1"));
    }

    @Test
    @Order(2)
    void a_worker_killed_mid_partition_is_replaced_and_the_outputs_are_the_same() throws Exception {
        Started manager = children().withOptions(REMOTE).start(runArgs());
        long runId = rows().waitForNewRun();
        // a worker holds a partition and is waiting in it (its GSP group is RUNNING): kill -9
        Held held = waitForHeldPartition(runId);
        held.worker().process().destroyForcibly();
        assertThat(held.worker().process().waitFor(1, TimeUnit.MINUTES)).isTrue();
        workers.remove(held.worker());

        Result run = ChildJvm.ok(manager.await(3));
        assertThat(ChildJvm.runId(run.out())).isEqualTo(runId);
        rows().assertSameOutputs(runId, local);
        assertThat(requests(runId))
                .as("the killed worker's request abandoned, then done by another")
                .containsExactlyInAnyOrder("ABANDONED", "DONE", "DONE");
        Map<String, String> attempts = rows().byGroup("attempts", runId);
        assertThat(attempts.get(held.group())).isEqualTo("2");
        assertThat(attempts.values()).containsExactlyInAnyOrder("1", "2");
    }

    @Test
    @Order(3)
    void a_sliced_run_on_the_workers_with_one_killed_mid_slice_gives_the_outputs_of_the_local_run() throws Exception {
        // 4 target partitions: each group (2,778 metering systems of 5,556) cut into two MPAN ranges
        List<String> sliced = new ArrayList<>(List.of(REMOTE));
        sliced.add("-Dgbsettle.partitioning.target-partitions=4");
        Started manager = children().withOptions(sliced.toArray(String[]::new)).start(runArgs());
        long runId = rows().waitForNewRun();
        Held held = waitForHeldSlice(runId);
        held.worker().process().destroyForcibly();
        assertThat(held.worker().process().waitFor(1, TimeUnit.MINUTES)).isTrue();
        workers.remove(held.worker());
        workers.add(startWorker());

        Result run = ChildJvm.ok(manager.await(3));
        assertThat(ChildJvm.runId(run.out())).isEqualTo(runId);
        rows().assertSameOutputs(runId, local);
        // 4 samples, 4 slices and 2 combines sent, each done once; the killed worker's slice sent again
        assertThat(requests(runId)).filteredOn("DONE"::equals).hasSize(10);
        assertThat(requests(runId)).filteredOn("ABANDONED"::equals).hasSize(1);
        assertThat(rows().value(
                                "SELECT count(*) FROM run_group_slice WHERE run_id = ? AND calculated_by IS NOT NULL",
                                runId))
                .isEqualTo(4L);
        assertThat(rows().byGroup("attempts", runId)).isEqualTo(Map.of("_A", "1", "_B", "1"));
        // the workers built the run's day from the MPANs prepare stored, dropped at completion
        assertThat(workers)
                .anySatisfy(w -> assertThat(printed(w))
                        .contains("Run " + runId + ": day built from the MPANs its preparation stored: 2 GSP groups"));
        assertThat(rows().value("SELECT count(*) FROM run_group_mpans WHERE run_id = ?", runId))
                .isEqualTo(0L);
    }

    @Test
    @Order(4)
    void a_manager_killed_mid_run_is_resumed_by_recover_sending_the_rest_to_the_workers() throws Exception {
        Started manager = children().withOptions(REMOTE).start(runArgs());
        long runId = rows().waitForNewRun();
        waitForHeldPartition(runId);
        manager.process().destroyForcibly();
        assertThat(manager.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
        // the server ends the dead process's session, and with it the run lock
        RunRows.waitFor(() -> !rows().lockHeld());

        Result recovered = ChildJvm.ok(children().withOptions(REMOTE).run("recover"));
        assertThat(recovered.out()).contains("Run " + runId + ": recovered, COMPLETE, output fingerprint ");
        rows().assertSameOutputs(runId, local);
        assertThat(requests(runId)).as("no request left open").doesNotContain("QUEUED", "TAKEN");
    }

    @Test
    @Order(5)
    void a_run_last_tried_remotely_is_recovered_in_local_mode_and_its_workers_requests_cancelled() throws Exception {
        Started manager = children().withOptions(REMOTE).start(runArgs());
        long runId = rows().waitForNewRun();
        waitForHeldPartition(runId);
        manager.process().destroyForcibly();
        assertThat(manager.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
        RunRows.waitFor(() -> !rows().lockHeld());

        // no partitioning mode given: local; the partitions' contexts still name the workers' requests
        Result recovered = ChildJvm.ok(children().run("recover"));

        assertThat(recovered.out()).contains("Run " + runId + ": recovered, COMPLETE, output fingerprint ");
        rows().assertSameOutputs(runId, local);
        assertThat(requests(runId)).as("no request left open").doesNotContain("QUEUED", "TAKEN");
    }

    @Test
    @Order(6)
    void a_frozen_worker_that_wakes_after_its_partition_was_redone_writes_nothing_then_workers_stop_on_sigterm()
            throws Exception {
        Started manager = children().withOptions(REMOTE).start(runArgs());
        long runId = rows().waitForNewRun();
        Held held = waitForHeldPartition(runId);
        Started zombie = held.worker();
        signal("STOP", zombie.process());
        try {
            Result run = ChildJvm.ok(manager.await(3));
            assertThat(ChildJvm.runId(run.out())).isEqualTo(runId);
            rows().assertSameOutputs(runId, local);
        } finally {
            signal("CONT", zombie.process());
        }
        // the zombie finishes its wait, calculates, and is refused the write
        RunRows.waitFor(() -> printed(zombie).contains("was taken from this worker"));
        assertThat(printed(zombie)).contains("is no longer held by this worker");
        assertThat(rows().value("SELECT status FROM settlement_run WHERE run_id = ?", runId))
                .isEqualTo("COMPLETE");
        assertThat(rows().byGroup("status", runId)).isEqualTo(Map.of("_A", "COMPLETE", "_B", "COMPLETE"));
        assertThat(rows().byGroup("attempts", runId).get(held.group())).isEqualTo("2");
        rows().assertSameOutputs(runId, local);

        // SIGTERM: workers with nothing in flight stop cleanly
        for (Started w : workers) {
            w.process().destroy();
        }
        for (Started w : workers) {
            assertThat(w.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(printed(w)).contains("Stopping: signalled.");
        }
    }

    /** A worker holding a run's partition, and the partition's GSP group. */
    private record Held(Started worker, String group) {}

    /** The first worker found holding one of the run's partitions while that partition's group is RUNNING. */
    private Held waitForHeldPartition(long runId) throws Exception {
        @Nullable Held[] held = {null};
        RunRows.waitFor(() -> {
            for (Started w : workers) {
                String group = groupHeldBy(w, runId);
                if (group != null) {
                    held[0] = new Held(w, group);
                    return true;
                }
            }
            return false;
        });
        return Objects.requireNonNull(held[0]);
    }

    /** The first worker found holding a slice of the run in the calculate step (waiting in it 2 s). */
    private Held waitForHeldSlice(long runId) throws Exception {
        @Nullable Held[] held = {null};
        RunRows.waitFor(() -> {
            for (Started w : workers) {
                try (Connection c = rows().connect();
                        PreparedStatement s = c.prepareStatement("""
                                SELECT split_part(step_name, ':', 2) FROM partition_request
                                 WHERE run_id = ? AND status = 'TAKEN' AND worker LIKE ?
                                   AND step_name LIKE 'partition:%#%'
                                """)) {
                    s.setLong(1, runId);
                    s.setString(2, "%/" + w.process().pid() + "#%");
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            held[0] = new Held(w, rs.getString(1));
                            return true;
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return false;
        });
        return Objects.requireNonNull(held[0]);
    }

    /** A worker as the test starts them: one thread, each partition waiting 2 s before it calculates. */
    private Started startWorker() throws Exception {
        return children()
                .withOptions(
                        "-Dgbsettle.partitioning.heartbeat-interval=500ms", "-Dgbsettle.run.test.partition-delay=2s")
                .start("worker", "--threads", "1", "--poll-interval", "PT0.2S");
    }

    private static String printed(Started w) {
        return read(w.out()) + read(w.err());
    }

    /** The GSP group of the run's partition that a worker holds, if that group is being calculated. */
    private @Nullable String groupHeldBy(Started worker, long runId) {
        try (Connection c = rows().connect();
                PreparedStatement s = c.prepareStatement("""
                        SELECT split_part(q.step_name, ':', 2) FROM partition_request q
                          JOIN run_partition p ON p.run_id = q.run_id AND p.gsp_group = split_part(q.step_name, ':', 2)
                         WHERE q.run_id = ? AND q.status = 'TAKEN' AND q.worker LIKE ? AND p.status = 'RUNNING'
                        """)) {
            s.setLong(1, runId);
            s.setString(2, "%/" + worker.process().pid() + "#%");
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void signal(String signal, Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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

    /** The statuses of a run's partition requests. */
    private List<String> requests(long runId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = rows().connect();
                PreparedStatement s = c.prepareStatement("SELECT status FROM partition_request WHERE run_id = ?")) {
            s.setLong(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The packaged application on this test's database (its copies share the numbering of the output files). */
    private ChildJvm children() {
        if (children == null) {
            children = ChildJvm.of(workDir, Objects.requireNonNull(database).jdbcUrl());
        }
        return children;
    }

    /** Reads of the runs' rows in the test's database. */
    private RunRows rows() {
        return new RunRows(java.util.Objects.requireNonNull(database).jdbcUrl());
    }
}
