package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.gbsettle.engine.run.RunType;
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
 * Operator reruns and the run lifecycle on a real embedded PostgreSQL, with the winter sample day: a second run of the
 * same date and type is refused while the first runs (the run lock), a rerun supersedes the first run only once it
 * completes (not while it runs, not when it fails), a date settled at RF needs {@code --force} with a reason, and the
 * derived states (RUNNING, COMPLETED, SUPERSEDED, FAILED, ABANDONED) as {@code status} shows them. Partitions run one
 * at a time, each waiting 2 s first (the test hook {@code gbsettle.run.test.partition-delay}), so a run is in flight
 * long enough to look at.
 */
@SpringBootTest(
        classes = SettlementJobsApplication.class,
        properties = {
            "gbsettle.run.pool-size=1",
            "gbsettle.run.test.partition-delay=2s",
            "gbsettle.run.progress-interval=1s"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunLifecycleIT {

    private static final LocalDate DATE = LocalDate.parse("2026-01-15");
    private static final Instant CUTOFF = Instant.parse("2026-02-06T00:00:00Z");

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
    RunLauncher launcher;

    @Autowired
    RunViews views;

    private final GbSettleCli gbsettle = GbSettleCli.in(() -> context);

    private final SampleDayFixture winter = SampleDayFixture.of(gbsettle, SampleDayFixture.WINTER);

    /** The first run (test 1), and the rerun superseding it (test 2). */
    private long first;

    private long rerun;

    @BeforeAll
    void load_the_day() {
        winter.loadReference();
        winter.ingestMeterData();
    }

    private static RunRequest request(RunType type, String reason) {
        return new RunRequest(DATE, type, null, CUTOFF, "it", reason);
    }

    @Test
    @Order(1)
    void a_second_run_of_the_same_date_and_type_is_refused_at_once_while_the_first_runs() throws Exception {
        RunLauncher.Started started = launcher.start(request(RunType.SF, "timetable"), false);
        first = started.runId();
        assertThat(views.get(first).orElseThrow().state()).isEqualTo(RunState.RUNNING);

        long t0 = System.nanoTime();
        Result second = winter.run();
        Result restart = gbsettle.run("restart", "--run", Long.toString(first));
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0))
                .as("refused at once, not after the first run")
                .isLessThan(3);
        assertThat(started.outcome()).isNotDone();

        assertThat(second.exitCode()).as(second.printed()).isEqualTo(1);
        assertThat(second.err())
                .contains("a run of 2026-01-15 SF is already in progress")
                .contains("run " + first + " (2026-01-15 SF 1, started by it at ");
        assertThat(restart.exitCode()).isEqualTo(1);
        assertThat(restart.err()).contains("already in progress").contains("run " + first + " ");
        assertThat(jdbc.sql("SELECT count(*) FROM settlement_run")
                        .query(Long.class)
                        .single())
                .as("the refused run created nothing")
                .isEqualTo(1);

        RunOutcome outcome = started.outcome().get(3, TimeUnit.MINUTES);
        assertThat(outcome.runId()).isEqualTo(first);
        RunView view = views.get(first).orElseThrow();
        assertThat(view.state()).isEqualTo(RunState.COMPLETED);
        assertThat(view.groupsAuthoritative()).isEqualTo(2);
        assertThat(view.wasAuthoritative()).isTrue();
        assertThat(view.partitionsDone()).isEqualTo(2);
        assertThat(view.partitionsTotal()).isEqualTo(2);
        assertThat(view.rowsRead()).isEqualTo(view.rowsAccepted() + view.rowsQuarantined());
        // the sample day's partitions: _A 98833 values with 2 quarantined, _B 98895 with 3 (README's run summary)
        assertThat(view.rowsRead()).isEqualTo(98_833 + 98_895);
        assertThat(view.rowsQuarantined()).isEqualTo(2 + 3);
        assertThat(view.outputRows()).isPositive();
        assertThat(view.dataQuality()).isNotEmpty();
        assertThat(view.inputManifest()).contains("reference_load_versions");
        assertThat(view.partitions()).hasSize(2);
        assertThat(view.endedAt()).isNotNull();
        assertThat(view.reason()).isEqualTo("timetable");
        assertThat(view.forced()).isFalse();
    }

    @Test
    @Order(2)
    void a_rerun_supersedes_the_first_run_only_when_it_completes() throws Exception {
        RunLauncher.Started started = launcher.start(request(RunType.SF, "rerun: late meter data"), false);
        rerun = started.runId();

        // while the rerun has written one group and not the other, the first run is still authoritative for both
        // (the partitions run one at a time in either order)
        waitFor(() ->
                "COMPLETE".equals(partitionStatus(rerun, "_A")) != "COMPLETE".equals(partitionStatus(rerun, "_B")));
        record Snapshot(String rerunStatus, List<Long> authoritative) {}
        Snapshot during = jdbc.sql("""
                        SELECT (SELECT status FROM settlement_run WHERE run_id = :rerun),
                               (SELECT array_agg(run_id ORDER BY gsp_group) FROM settlement_run_latest_v1
                                 WHERE settlement_date = :date)
                        """)
                .param("rerun", rerun)
                .param("date", DATE)
                .query((rs, n) -> new Snapshot(
                        rs.getString(1), List.of((Long[]) rs.getArray(2).getArray())))
                .single();
        assertThat(during.rerunStatus()).isEqualTo("RUNNING");
        assertThat(during.authoritative()).containsExactly(first, first);
        assertThat(views.get(rerun).orElseThrow().state()).isEqualTo(RunState.RUNNING);
        assertThat(views.get(first).orElseThrow().state()).isEqualTo(RunState.COMPLETED);

        started.outcome().get(3, TimeUnit.MINUTES);
        assertThat(authoritative()).isEqualTo(Map.of("_A", rerun, "_B", rerun));
        assertThat(views.get(rerun).orElseThrow().state()).isEqualTo(RunState.COMPLETED);
        RunView superseded = views.get(first).orElseThrow();
        assertThat(superseded.state()).isEqualTo(RunState.SUPERSEDED);
        assertThat(superseded.groupsAuthoritative()).isZero();
        assertThat(superseded.wasAuthoritative())
                .as("it was authoritative once")
                .isTrue();
        assertThat(outputFingerprint(rerun)).isEqualTo(outputFingerprint(first));

        Result status = gbsettle.run("status", "--date", DATE.toString());
        assertThat(status.out())
                .containsPattern("(?m)^\\s*" + rerun + "\\s+2026-01-15\\s+SF\\s+2\\s+COMPLETE\\s+2/2\\s+COMPLETED\\s")
                .containsPattern("(?m)^\\s*" + first + "\\s+2026-01-15\\s+SF\\s+1\\s+COMPLETE\\s+2/2\\s+SUPERSEDED\\s");
        Result detail = gbsettle.run("status", "--run", Long.toString(rerun));
        assertThat(detail.out())
                .contains("state              COMPLETED (authoritative for 2 GSP group(s))")
                .contains("partitions         2/2 complete")
                .contains("meter rows         197728 read = 197723 accepted + 5 quarantined")
                .contains("started by         it (rerun: late meter data)");
    }

    @Test
    @Order(3)
    void a_failed_rerun_leaves_the_authoritative_run_as_it_was_and_an_abandoned_one_is_recovered() {
        PlantedFailure.plant(jdbc, "_B");
        Result failed = winter.run("--reason", "rerun that fails");
        PlantedFailure.remove(jdbc);
        assertThat(failed.exitCode()).as(failed.printed()).isEqualTo(1);
        long failedRun = jdbc.sql("SELECT max(run_id) FROM settlement_run")
                .query(Long.class)
                .single();
        assertThat(authoritative()).isEqualTo(Map.of("_A", rerun, "_B", rerun));
        RunView view = views.get(failedRun).orElseThrow();
        assertThat(view.state()).isEqualTo(RunState.FAILED);
        assertThat(view.wasAuthoritative()).isFalse();
        assertThat(view.failureMessage()).contains("planted failure");

        // as if its process had died mid-run: recorded as running, no process holding its lock
        jdbc.sql("UPDATE settlement_run SET status = 'RUNNING' WHERE run_id = :id")
                .param("id", failedRun)
                .update();
        assertThat(views.get(failedRun).orElseThrow().state()).isEqualTo(RunState.ABANDONED);
        assertThat(gbsettle.run("status", "--run", Long.toString(failedRun)).out())
                .contains("state              ABANDONED (no process holds its run lock: 'recover' restarts it)");

        Result recovered = gbsettle.run("recover");
        assertThat(recovered.exitCode()).as(recovered.printed()).isZero();
        assertThat(recovered.out())
                .contains("Run " + failedRun + ": recovered, COMPLETE, output fingerprint " + outputFingerprint(first));
        assertThat(authoritative())
                .as("the recovered run, SF 3, is now the authoritative one")
                .isEqualTo(Map.of("_A", failedRun, "_B", failedRun));
        assertThat(gbsettle.run("recover").out()).contains("nothing to recover");
    }

    @Test
    @Order(4)
    void a_date_settled_at_rf_needs_force_and_a_reason() {
        Result rf = gbsettle.run(
                "run", "--date", DATE.toString(), "--type", "RF", "--cutoff", CUTOFF.toString(), "--by", "it");
        assertThat(rf.exitCode()).as(rf.printed()).isZero();
        long rfRun = GbSettleCli.runId(rf.out());
        assertThat(column("reason", rfRun)).as("the reason when none is given").isEqualTo("manual");

        Result refused = gbsettle.run(
                "run", "--date", DATE.toString(), "--type", "R1", "--cutoff", CUTOFF.toString(), "--by", "it");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err())
                .contains("settlement date 2026-01-15 is final: run " + rfRun + " (RF 1) is COMPLETE")
                .contains("--force")
                .contains("--reason");

        Result noReason = gbsettle.run(
                "run", "--date", DATE.toString(), "--type", "R1", "--cutoff", CUTOFF.toString(), "--force");
        assertThat(noReason.exitCode()).isEqualTo(2);
        assertThat(noReason.err()).contains("--force needs --reason");

        Result forced = gbsettle.run(
                "run",
                "--date",
                DATE.toString(),
                "--type",
                "R1",
                "--cutoff",
                CUTOFF.toString(),
                "--by",
                "ops-jane",
                "--force",
                "--reason",
                "dispute DR-42: compare with RF");
        assertThat(forced.exitCode()).as(forced.printed()).isZero();
        long forcedRun = GbSettleCli.runId(forced.out());
        assertThat(column("forced", forcedRun)).isEqualTo(true);
        assertThat(column("started_by", forcedRun)).isEqualTo("ops-jane");
        assertThat(column("reason", forcedRun)).isEqualTo("dispute DR-42: compare with RF");
        assertThat(column("forced", rfRun)).isEqualTo(false);
        // R1 ranks below RF: complete, but never authoritative
        RunView r1 = views.get(forcedRun).orElseThrow();
        assertThat(r1.state()).isEqualTo(RunState.SUPERSEDED);
        assertThat(r1.forced()).isTrue();
        assertThat(r1.wasAuthoritative()).isFalse();
        assertThat(authoritative()).isEqualTo(Map.of("_A", rfRun, "_B", rfRun));
        assertThat(gbsettle.run("status", "--run", Long.toString(forcedRun)).out())
                .contains("forced             yes (--force)");

        // the timetable's DF after its RF (the scheduler's call): not refused, not forced, and authoritative
        RunOutcome df = launcher.runDue(request(RunType.DF, "timetable"));
        assertThat(column("forced", df.runId())).isEqualTo(false);
        assertThat(authoritative()).isEqualTo(Map.of("_A", df.runId(), "_B", df.runId()));
        assertThat(views.get(rfRun).orElseThrow().state()).isEqualTo(RunState.SUPERSEDED);
    }

    /** The authoritative run of the date by GSP group. */
    private Map<String, Long> authoritative() {
        Map<String, Long> m = new TreeMap<>();
        jdbc.sql("SELECT gsp_group, run_id FROM settlement_run_latest_v1 WHERE settlement_date = :date")
                .param("date", DATE)
                .query((java.sql.ResultSet rs) -> {
                    m.put(rs.getString(1), rs.getLong(2));
                });
        return m;
    }

    private String partitionStatus(long runId, String group) {
        return jdbc.sql("SELECT status FROM run_partition WHERE run_id = :id AND gsp_group = :g")
                .param("id", runId)
                .param("g", group)
                .query(String.class)
                .optional()
                .orElse("NONE");
    }

    private Object column(String column, long runId) {
        return jdbc.sql("SELECT " + column + " FROM settlement_run WHERE run_id = :id")
                .param("id", runId)
                .query()
                .singleValue();
    }

    private String outputFingerprint(long runId) {
        return String.valueOf(column("output_fingerprint", runId));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 2 minutes").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
