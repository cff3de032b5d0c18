package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gbsettle.jobs.batch.TestPause;
import org.gbsettle.jobs.io.postgres.EmbeddedPostgresServer;
import org.gbsettle.jobs.sample.SampleDay;
import org.gbsettle.jobs.testing.ChildJvm;
import org.gbsettle.jobs.testing.ChildJvm.Result;
import org.gbsettle.jobs.testing.ChildJvm.Started;
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
 * The crash-consistency harness: the winter sample day's {@code load-reference}, {@code ingest} and {@code run}, each
 * a child JVM of the packaged application, killed with SIGKILL at seeded random points, then recovered and completed;
 * every final result must equal an uninterrupted run's. Also the PostgreSQL server stopped and restarted mid-run.
 *
 * <p>Each kill point gets a fresh database on this test's embedded server. Kill points are made in turn at the places
 * of {@link #SLOTS}: at a seeded random time, or at a pause point of the test hook {@link TestPause} (the child is
 * started with {@code -Dgbsettle.test.pause-at=POINT:N}, logs a marker line when it reaches the N-th occurrence of the
 * point and pauses; it is killed once the marker appears, after a seeded random extra delay of up to 200 ms). The pause
 * points are inside the reference load's transaction, inside a meter-data file's ingest transaction (file N), inside
 * a GSP group's output transaction (group N, its rows written, not committed), inside the completion transaction
 * (manifest and status written, not committed) and after the completion committed, before the job's end. A random-time
 * kill's delay is drawn within the window of one command, the commands taken in turn, between its first database
 * session and its end as measured on the uninterrupted day; the phase it hit is read from the database just before
 * the kill: the command, and for a run whether it was created, a partition's outputs being written (an active
 * statement on an output table), or every partition complete (the completion step). After a kill: a killed {@code
 * load-reference} must have left no load and is run again; a killed {@code ingest} is run again (files already
 * ingested are skipped); a killed {@code run} is completed by {@code recover} (or run again if it had not created its
 * run yet). Then:
 *
 * <ul>
 *   <li>exactly one reference load, one {@code meter_data_file} row per file (no duplicate ingest);
 *   <li>exactly one run, COMPLETE, with the uninterrupted run's output fingerprint and per-group fingerprints, and no
 *       Spring Batch job execution left recorded as running;
 *   <li>every output table's rows (all columns but the run id, identities, file ids and timestamps) the same
 *       multiset as the uninterrupted run's, and no duplicate rows;
 *   <li>never, polled every 20 ms while the commands ran, a run COMPLETE with a partition missing or not complete.
 * </ul>
 *
 * <p>{@code chaos.kills} kill points (default 3, {@code scripts/chaos} runs 25); the summary (kill points survived
 * per phase, violations) is printed and written to {@code target/chaos-summary.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashConsistencyIT {

    private static final List<String> OUTPUT_TABLES =
            List.of("bm_unit_volume", "supplier_volume", "gsp_group_correction", "data_quality", "quarantine");

    private static final String COMPLETE_WITH_MISSING_PARTITIONS = """
            SELECT string_agg(r.run_id::text, ',') FROM settlement_run r
             WHERE r.status = 'COMPLETE'
               AND (SELECT count(*) FROM run_partition p WHERE p.run_id = r.run_id AND p.status = 'COMPLETE') <> ?
            """;

    private static final String TEST_SESSION = "chaos-test";

    /** The job executions recorded as running (not ended): what a process killed mid-job leaves. */
    private static final String LEFT_RUNNING = """
            SELECT count(*) FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id)
             WHERE (e.status IN ('STARTING', 'STARTED', 'STOPPING') OR e.end_time IS NULL)
            """;

    @TempDir
    static Path workDir;

    private @Nullable EmbeddedPostgresServer server;

    private final SampleDay day = SampleDayFixture.sampleDay(SampleDayFixture.WINTER);

    private final int kills = Integer.getInteger("chaos.kills", 3);

    private final long seed = Long.getLong("chaos.seed", 20260115L);

    /** The three commands of the day, in order. */
    private final List<String[]> sequence = new ArrayList<>();

    /** Per command, the window of the uninterrupted day: first database session and end, in ms from its start. */
    private final long[][] windows = new long[3][2];

    private final Map<String, String> baseline = new TreeMap<>();

    private int groups;

    private final List<String> violations = new CopyOnWriteArrayList<>();

    private final Map<String, Integer> survived = new TreeMap<>();

    private final List<String> log = new ArrayList<>();

    @BeforeAll
    void start_the_database_and_run_the_day_uninterrupted() throws Exception {
        server = EmbeddedPostgresServer.start(workDir.resolve("pgdata"), 0, "baseline", Duration.ofSeconds(60));
        sequence.add(new String[] {"load-reference", day.referenceFolder().toString()});
        List<String> ingest = new ArrayList<>(
                List.of("ingest", "--received-at", day.receivedAt().toString()));
        day.meterDataFiles().forEach(f -> ingest.add(f.toString()));
        sequence.add(ingest.toArray(String[]::new));
        sequence.add(new String[] {
            "run",
            "--date",
            day.settlementDate().toString(),
            "--type",
            day.runType().name(),
            "--cutoff",
            day.dataCutoff().toString(),
            "--by",
            "chaos"
        });
        ChildJvm children = children("baseline");
        for (int i = 0; i < sequence.size(); i++) {
            long start = System.nanoTime();
            Started command = children.start(sequence.get(i));
            long firstSession = -1;
            try (Connection c = connect("baseline")) {
                while (command.process().isAlive()) {
                    if (firstSession < 0 && sessions(c) > 0) {
                        firstSession = (System.nanoTime() - start) / 1_000_000;
                    }
                    Thread.sleep(10);
                }
            }
            ChildJvm.ok(command.await(5));
            long end = (System.nanoTime() - start) / 1_000_000;
            windows[i][0] = Math.max(0, (firstSession < 0 ? end / 2 : firstSession) - 300);
            windows[i][1] = end;
        }
        try (Connection c = connect("baseline")) {
            groups = ((Number) Objects.requireNonNull(value(c, "SELECT count(*) FROM run_partition"))).intValue();
            baseline.putAll(state(c));
        }
        assertThat(groups).isPositive();
        log.add("uninterrupted day: windows (ms from command start, first session to end) load-reference "
                + windows[0][0] + "-" + windows[0][1] + ", ingest " + windows[1][0] + "-" + windows[1][1] + ", run "
                + windows[2][0] + "-" + windows[2][1] + "; output fingerprint " + baseline.get("run fingerprint"));
    }

    @AfterAll
    void summarise_and_stop() throws IOException {
        List<String> summary = new ArrayList<>(log);
        summary.add("kill points survived per phase: " + survived);
        summary.add("kill points: "
                + survived.values().stream().mapToInt(Integer::intValue).sum() + " (seed " + seed + "), violations: "
                + violations.size());
        violations.forEach(v -> summary.add("VIOLATION " + v));
        String text = String.join(System.lineSeparator(), summary) + System.lineSeparator();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "chaos-summary.txt"), text, StandardCharsets.UTF_8);
        System.out.print(text);
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void every_kill_point_recovers_to_the_uninterrupted_result() throws Exception {
        Random random = new Random(seed);
        int attempts = 0;
        int done = 0;
        int randomKills = 0;
        while (done < kills && attempts < 3 * kills) {
            attempts++;
            Slot slot = SLOTS.get(done % SLOTS.size());
            String db = "kill_" + attempts;
            createDatabase(db);
            boolean made;
            if (slot == Slot.RANDOM_TIME) {
                int target = randomKills % 3 == 0 ? 2 : randomKills % 3 == 1 ? 1 : 0;
                target = (target + (int) (seed % 3)) % 3;
                long delay = windows[target][0] + random.nextLong(Math.max(1, windows[target][1] - windows[target][0]));
                made = killAndRecover(db, target, delay, null);
                if (made) {
                    randomKills++;
                }
            } else {
                // the n-th GSP group's output transaction, the n-th file's ingest; then a small extra delay
                int occurrence = slot == Slot.OUTPUT_WRITE
                        ? 1 + random.nextInt(groups)
                        : slot == Slot.INGEST_WRITE
                                ? 1 + random.nextInt(day.meterDataFiles().size())
                                : 1;
                long delay = random.nextLong(PAUSE_EXTRA_DELAY_MS + 1);
                made = killAndRecover(db, slot.target, delay, slot.pausePoint(occurrence));
            }
            if (made) {
                done++;
            }
        }
        assertThat(done).as("kill points made").isEqualTo(kills);
        assertThat(violations).isEmpty();
    }

    /**
     * Where a kill point is made: at a seeded random time in one command's window, or at a pause point of the test
     * hook {@link TestPause} (the process is killed once it has logged that it paused there, after a small seeded
     * random delay).
     */
    private enum Slot {
        RANDOM_TIME(-1, null, ""),
        REFERENCE_WRITE(0, TestPause.Point.REFERENCE_WRITE, "reference load: write transaction"),
        INGEST_WRITE(1, TestPause.Point.INGEST_WRITE, "ingest: write transaction"),
        OUTPUT_WRITE(2, TestPause.Point.OUTPUT_WRITE, "run: output writes"),
        COMPLETION(2, TestPause.Point.COMPLETION, "run: completion step"),
        AFTER_COMPLETION(2, TestPause.Point.AFTER_COMPLETION, "run: after completion committed");

        private final int target;
        private final TestPause.@Nullable Point point;
        private final String phase;

        Slot(int target, TestPause.@Nullable Point point, String phase) {
            this.target = target;
            this.point = point;
            this.phase = phase;
        }

        String pausePoint(int occurrence) {
            return Objects.requireNonNull(point, "a random-time kill has no pause point")
                            .id() + ":" + occurrence;
        }

        static Slot of(String pausePoint) {
            for (Slot s : values()) {
                if (s.point != null && pausePoint.startsWith(s.point.id() + ":")) {
                    return s;
                }
            }
            throw new IllegalArgumentException(pausePoint);
        }
    }

    /**
     * The kill points' places, taken in turn: a run of the default 3 kill points makes one in a GSP group's output
     * transaction, one in the completion transaction and one at a random time; 25 make at least 3 at each pause point
     * and 9 at random times (3 per command).
     */
    private static final List<Slot> SLOTS = List.of(
            Slot.OUTPUT_WRITE,
            Slot.COMPLETION,
            Slot.RANDOM_TIME,
            Slot.REFERENCE_WRITE,
            Slot.INGEST_WRITE,
            Slot.AFTER_COMPLETION,
            Slot.RANDOM_TIME,
            Slot.RANDOM_TIME);

    /** The largest extra delay, after the pause marker, before a pause-point kill. */
    private static final long PAUSE_EXTRA_DELAY_MS = 200;

    @Test
    @Order(2)
    void a_postgresql_restart_mid_run_fails_the_run_cleanly_and_recover_completes_it() throws Exception {
        String db = "restart";
        createDatabase(db);
        ChildJvm children = children(db);
        children.ok(sequence.get(0));
        children.ok(sequence.get(1));
        Started run = children.withOptions(
                        "-Dgbsettle.run.test.partition-delay=3s",
                        "-Dspring.datasource.hikari" + ".connection-timeout=5000")
                .start(sequence.get(2));
        try (Connection c = connect(db)) {
            waitFor(() -> Objects.equals(value(c, "SELECT max(status) FROM run_partition"), "RUNNING"));
        }
        EmbeddedPostgresServer before = Objects.requireNonNull(server);
        int port = before.port();
        before.close();
        Result failed = run.await(3);
        log.add("PostgreSQL stopped mid-run: the run's process exited " + failed.exitCode() + ": "
                + lastLine(failed.err()));
        assertThat(failed.exitCode()).as("the run fails, not hangs or succeeds").isEqualTo(1);
        server = EmbeddedPostgresServer.start(workDir.resolve("pgdata"), port, "baseline", Duration.ofSeconds(60));
        Result recovered = children.ok("recover");
        log.add("PostgreSQL restarted, recover: " + lastLine(recovered.out()));
        try (Connection c = connect(db)) {
            compareWithBaseline("postgres restart", c);
        }
        assertThat(violations).isEmpty();
    }

    /**
     * One kill point; false if the command ended before the kill (no kill made).
     *
     * @param delay with no pause point, from the command's start; with one, from its pause marker
     * @param pausePoint the test hook's {@code gbsettle.test.pause-at} setting, or null for a kill at a random time
     */
    private boolean killAndRecover(String db, int target, long delay, @Nullable String pausePoint) throws Exception {
        ChildJvm children = children(db);
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = watch(db, watching);
        try {
            for (int i = 0; i < target; i++) {
                children.ok(sequence.get(i));
            }
            String phase;
            Started command;
            if (pausePoint == null) {
                long started = System.nanoTime();
                command = children.start(sequence.get(target));
                boolean ended = command.process().waitFor(delay, TimeUnit.MILLISECONDS);
                if (ended) {
                    ChildJvm.ok(command.await(1));
                    // the command ran faster than on the uninterrupted day (a less loaded machine): the window's end
                    // moves to this run's end, so the next delays are drawn where a kill can land
                    long end = (System.nanoTime() - started) / 1_000_000;
                    windows[target][1] = Math.max(windows[target][0] + 1, Math.min(windows[target][1], end));
                    log.add(db + ": " + sequence.get(target)[0] + " ended before " + delay + " ms (in " + end
                            + " ms), no kill");
                    return false;
                }
                try (Connection c = connect(db)) {
                    phase = phase(c, target) + " (random time)";
                }
            } else {
                command = children.withOptions(
                                "-D" + TestPause.PROPERTY + "=" + pausePoint,
                                "-D" + TestPause.DURATION_PROPERTY + "=" + PAUSE)
                        .start(sequence.get(target));
                awaitPause(command, pausePoint);
                Thread.sleep(delay);
                phase = Slot.of(pausePoint).phase + " (pause point)";
            }
            String detail;
            try (Connection c = connect(db)) {
                detail = (pausePoint == null ? "" : TestPause.PROPERTY + "=" + pausePoint + ", ") + sessions(c)
                        + " database session(s), " + files(c) + " meter-data file(s) registered";
            }
            command.process().destroyForcibly();
            assertThat(command.process().waitFor(1, TimeUnit.MINUTES)).isTrue();
            try (Connection c = connect(db)) {
                waitFor(() -> sessions(c) == 0);
                recover(db, c, children, target);
            }
            for (int i = target + 1; i < sequence.size(); i++) {
                children.ok(sequence.get(i));
            }
            String leftRunning;
            try (Connection c = connect(db)) {
                compareWithBaseline(db + " (" + phase + ")", c);
                long left = count(c, LEFT_RUNNING);
                leftRunning = left == 0
                        ? ""
                        : "; " + left + " load-reference or ingest job execution(s) left recorded as running";
            }
            survived.merge(phase, 1, Integer::sum);
            log.add(db + ": killed at " + delay + " ms" + (pausePoint == null ? "" : " after the pause marker") + " in "
                    + phase + " (" + detail + "), recovered" + leftRunning);
            return true;
        } finally {
            watching.set(false);
            watcher.join();
        }
    }

    /** How long a child pauses at its pause point: far longer than it takes the test to kill it. */
    private static final String PAUSE = "180s";

    /** Waits for the command to log that it paused at the point (its marker line on standard error). */
    private static void awaitPause(Started command, String pausePoint) throws Exception {
        String marker = TestPause.MARKER + pausePoint.substring(0, pausePoint.indexOf(':')) + " ";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.readString(command.err(), StandardCharsets.UTF_8).contains(marker)) {
            if (!command.process().isAlive()) {
                Result r = command.await(1);
                throw new AssertionError("the command ended (exit " + r.exitCode() + ") without pausing at "
                        + pausePoint + ": " + r.out() + r.err());
            }
            assertThat(System.nanoTime()).as("waited 3 minutes for " + marker).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Checks what a killed command left and completes it. */
    private void recover(String db, Connection c, ChildJvm children, int target) throws Exception {
        switch (target) {
            case 0 -> {
                // killed before its schema migration committed, the database has no tables yet: nothing loaded
                boolean migrated = value(c, "SELECT to_regclass('reference_load_file')") != null;
                long loads = migrated ? count(c, "SELECT count(*) FROM reference_load") : 0;
                long files = migrated ? count(c, "SELECT count(*) FROM reference_load_file") : 0;
                if (loads != 0 || files != 0) {
                    violations.add(db + ": a killed load-reference left " + loads + " load(s), " + files + " file(s)");
                }
                children.ok(sequence.get(0));
            }
            case 1 -> children.ok(sequence.get(1));
            default -> {
                if (count(c, "SELECT count(*) FROM settlement_run") == 0) {
                    children.ok(sequence.get(2));
                } else if (Objects.equals(value(c, "SELECT status FROM settlement_run"), "COMPLETE")) {
                    // killed after the completion committed: the run is complete, recover has no run to restart
                    children.ok("recover");
                } else {
                    Result r = children.ok("recover");
                    assertThat(r.out()).contains("recovered");
                }
            }
        }
    }

    /** The phase a kill hits, from the database state of the command being killed. */
    private static String phase(Connection c, int target) throws SQLException {
        if (target == 0) {
            return "reference load";
        }
        if (target == 1) {
            return "ingest";
        }
        if (count(c, "SELECT count(*) FROM settlement_run") == 0) {
            return "run: start-up";
        }
        long writing = count(c, """
                SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND application_name <> 'chaos-test' AND state <> 'idle'
                   AND (query ~* '(insert into|delete from) (bm_unit_volume|supplier_volume|gsp_group_correction\
                |data_quality|quarantine|calculation_issue)')
                """);
        long complete = count(c, "SELECT count(*) FROM run_partition WHERE status = 'COMPLETE'");
        long planned = count(c, "SELECT count(*) FROM run_partition");
        if (planned > 0 && complete == planned) {
            return "run: completion step";
        }
        return writing > 0 ? "run: output writes" : "run: partition work";
    }

    /** Polls the run invariant while a kill point's commands run. */
    private Thread watch(String db, AtomicBoolean watching) {
        Thread t = new Thread(() -> {
            try (Connection c = connect(db);
                    PreparedStatement s = c.prepareStatement(COMPLETE_WITH_MISSING_PARTITIONS)) {
                s.setInt(1, groups);
                while (watching.get()) {
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next() && rs.getString(1) != null) {
                            violations.add(db + ": run(s) " + rs.getString(1)
                                    + " visible as COMPLETE without all partitions complete");
                            return;
                        }
                    } catch (SQLException e) {
                        // the tables do not exist until the first command has migrated the schema
                        if (!"42P01".equals(e.getSQLState())) {
                            throw e;
                        }
                    }
                    Thread.sleep(20);
                }
            } catch (SQLException | InterruptedException e) {
                violations.add(db + ": the watcher failed: " + e);
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void compareWithBaseline(String what, Connection c) throws SQLException {
        Map<String, String> state = state(c);
        for (Map.Entry<String, String> e : baseline.entrySet()) {
            String actual = state.get(e.getKey());
            if (!e.getValue().equals(actual)) {
                violations.add(what + ": " + e.getKey() + " is " + actual + ", uninterrupted " + e.getValue());
            }
        }
    }

    /** What must equal the uninterrupted day's: counts, fingerprints and a digest of every output table. */
    private static Map<String, String> state(Connection c) throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("reference loads", Long.toString(count(c, "SELECT count(*) FROM reference_load")));
        m.put("meter data files", Long.toString(count(c, "SELECT count(*) FROM meter_data_file")));
        m.put(
                "duplicate meter data files",
                Long.toString(count(c, "SELECT count(*) - count(DISTINCT sha256) FROM meter_data_file")));
        m.put("runs", Long.toString(count(c, "SELECT count(*) FROM settlement_run")));
        m.put(
                "run job executions recorded running",
                Long.toString(count(c, LEFT_RUNNING + " AND i.job_name = '" + SettlementRunJob.JOB_NAME + "'")));
        m.put("run status", String.valueOf(value(c, "SELECT string_agg(status, ',') FROM settlement_run")));
        m.put(
                "run fingerprint",
                String.valueOf(value(c, "SELECT string_agg(output_fingerprint, ',') FROM settlement_run")));
        m.put("partition fingerprints", String.valueOf(value(c, """
                SELECT string_agg(gsp_group || '=' || status || ':' || output_fingerprint, ',' ORDER BY gsp_group)
                  FROM run_partition
                """)));
        for (String table : OUTPUT_TABLES) {
            List<String> columns = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT column_name FROM information_schema.columns
                     WHERE table_name = ? AND column_name NOT IN ('run_id', 'file_id') AND is_identity = 'NO'
                       AND data_type NOT LIKE 'timestamp%' ORDER BY ordinal_position
                    """)) {
                s.setString(1, table);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        columns.add(rs.getString(1));
                    }
                }
            }
            String row = "ROW(" + String.join(", ", columns) + ")::text";
            m.put(
                    table,
                    String.valueOf(value(
                            c,
                            "SELECT count(*) || ' rows, ' || (count(*) - count(DISTINCT " + row
                                    + ")) || ' duplicates, md5 ' || md5(coalesce(string_agg(" + row
                                    + ", E'\\n' ORDER BY " + row
                                    + "), '')) FROM " + table)));
        }
        return m;
    }

    private ChildJvm children(String db) {
        return ChildJvm.of(workDir, url(db));
    }

    private String url(String db) {
        return "jdbc:postgresql://localhost:" + Objects.requireNonNull(server).port() + "/" + db;
    }

    private void createDatabase(String db) throws SQLException {
        try (Connection c = connect("baseline");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
    }

    /** A connection of the test's own, named {@value #TEST_SESSION} so that it is not counted as a child's. */
    private Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(
                url(db) + "?ApplicationName=" + TEST_SESSION, EmbeddedPostgresServer.USER, "");
    }

    /** The other sessions on this connection's database (the children's). */
    private static long sessions(Connection c) {
        try {
            return count(
                    c,
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                            + " AND application_name <> '" + TEST_SESSION + "' AND backend_type = 'client backend'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String files(Connection c) {
        try {
            return Long.toString(count(c, "SELECT count(*) FROM meter_data_file"));
        } catch (SQLException | IllegalStateException e) {
            return "no schema yet, 0";
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        return ((Number) Objects.requireNonNull(value(c, sql))).longValue();
    }

    private static @Nullable Object value(Connection c, String sql) {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The command's error line ({@code gbsettle ...: error: ...}), else its last line. */
    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        for (String line : lines) {
            if (line.contains(": error: ")) {
                return line;
            }
        }
        return lines[lines.length - 1];
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("waited 3 minutes").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
