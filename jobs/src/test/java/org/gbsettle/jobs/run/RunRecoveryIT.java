package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.gbsettle.jobs.io.postgres.EmbeddedPostgresServer;
import org.gbsettle.jobs.io.postgres.RunLocks;
import org.gbsettle.jobs.sample.SampleDay;
import org.gbsettle.jobs.testing.ChildJvm;
import org.gbsettle.jobs.testing.ChildJvm.Result;
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
        long runId = waitForNewRun();
        // the partitions run one at a time, in either order: one written, the other being calculated
        waitFor(() -> byGroupUnchecked("status", runId).values().stream()
                .sorted()
                .toList()
                .equals(List.of("COMPLETE", "RUNNING")));
        run.destroyForcibly();
        assertThat(run.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(value("SELECT status FROM settlement_run WHERE run_id = ?", runId))
                .isEqualTo("RUNNING");
        // the server ends the dead process's session, and with it the run lock
        waitFor(() -> !lockHeld());
        Result status = ok(gbsettle("status", "--run", Long.toString(runId)));
        assertThat(status.out()).contains("state              ABANDONED");

        Result recovered = ok(gbsettle("recover"));
        assertThat(recovered.out()).contains("Run " + runId + ": recovered, COMPLETE, output fingerprint ");
        assertIdenticalToUninterrupted(runId);
        // the group written by the killed process was calculated once, the other twice
        assertThat(byGroup("attempts", runId).values()).containsExactlyInAnyOrder("1", "2");
        assertThat(value("""
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
        long runId = waitForNewRun();
        waitFor(() -> byGroupUnchecked("status", runId).values().stream()
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

        assertThat(value("SELECT status FROM settlement_run WHERE run_id = ?", runId))
                .isEqualTo("FAILED");
        assertThat(String.valueOf(value("SELECT failure_message FROM settlement_run WHERE run_id = ?", runId)))
                .startsWith("stopped by shutdown");
        assertThat(byGroup("status", runId))
                .as("the partition in flight finished, the next was not started")
                .isEqualTo(Map.of(inFlight, "COMPLETE", next, "FAILED"));
        assertThat(byGroup("attempts", runId)).isEqualTo(Map.of(inFlight, "1", next, "0"));
        assertThat(String.valueOf(value(
                        "SELECT failure_message FROM run_partition WHERE run_id = ? AND gsp_group = '" + next + "'",
                        runId)))
                .startsWith("stopped by shutdown");
        assertThat(lockHeld()).isFalse();

        Result restarted = ok(gbsettle("restart", "--run", Long.toString(runId)));
        assertThat(restarted.out()).contains("Run " + runId + ": ");
        assertIdenticalToUninterrupted(runId);
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

    private void assertIdenticalToUninterrupted(long runId) throws SQLException {
        assertThat(value("SELECT status FROM settlement_run WHERE run_id = ?", runId))
                .isEqualTo("COMPLETE");
        assertThat(value("SELECT output_fingerprint FROM settlement_run WHERE run_id = ?", runId))
                .isEqualTo(value("SELECT output_fingerprint FROM settlement_run WHERE run_id = ?", uninterrupted));
        assertThat(byGroup("output_fingerprint", runId)).isEqualTo(byGroup("output_fingerprint", uninterrupted));
        for (String table : List.of("bm_unit_volume", "supplier_volume", "gsp_group_correction", "data_quality")) {
            assertThat(differingRows(table, runId, uninterrupted)).as(table).isZero();
        }
    }

    /** The newest run, once a run newer than every run so far exists. */
    private long waitForNewRun() throws Exception {
        long before = (Long) value("SELECT COALESCE(max(run_id), 0) FROM settlement_run WHERE run_id >= ?", 0L);
        long[] id = {0};
        waitFor(() -> {
            try {
                Object newest = value("SELECT max(run_id) FROM settlement_run WHERE run_id > ?", before);
                id[0] = newest == null ? 0 : (Long) newest;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return id[0] > 0;
        });
        return id[0];
    }

    private boolean lockHeld() {
        try {
            return (Boolean) value(
                    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid::bigint = ?)",
                    (long) RunLocks.NAMESPACE);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> byGroupUnchecked(String column, long runId) {
        try {
            return byGroup(column, runId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 3 minutes").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(
                java.util.Objects.requireNonNull(database).jdbcUrl(), EmbeddedPostgresServer.USER, "");
    }

    private @Nullable Object value(String sql, long parameter) throws SQLException {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }

    /** A column of a run's partitions by GSP group, as text. */
    private Map<String, String> byGroup(String column, long runId) throws SQLException {
        Map<String, String> m = new TreeMap<>();
        try (Connection c = connect();
                PreparedStatement s =
                        c.prepareStatement("SELECT gsp_group, " + column + " FROM run_partition WHERE run_id = ?")) {
            s.setLong(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return m;
    }

    /** Rows of a table in one run and not the other, either way, comparing every column but the run id. */
    private long differingRows(String table, long a, long b) throws SQLException {
        try (Connection c = connect()) {
            List<String> columns = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT column_name FROM information_schema.columns WHERE"
                    + " table_name = ? AND column_name <> 'run_id' ORDER BY ordinal_position")) {
                s.setString(1, table);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        columns.add(rs.getString(1));
                    }
                }
            }
            String cols = String.join(", ", columns);
            String sql = "SELECT (SELECT count(*) FROM " + table + " WHERE run_id = ?),"
                    + " (SELECT count(*) FROM (SELECT " + cols + " FROM " + table + " WHERE run_id = ? EXCEPT ALL"
                    + " SELECT " + cols + " FROM " + table + " WHERE run_id = ?) x),"
                    + " (SELECT count(*) FROM (SELECT " + cols + " FROM " + table + " WHERE run_id = ? EXCEPT ALL"
                    + " SELECT " + cols + " FROM " + table + " WHERE run_id = ?) y)";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, a);
                s.setLong(2, a);
                s.setLong(3, b);
                s.setLong(4, b);
                s.setLong(5, a);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(table + " rows").isPositive();
                    return rs.getLong(2) + rs.getLong(3);
                }
            }
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
}
