package org.gbsettle.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.gbsettle.jobs.io.postgres.EmbeddedPostgresServer;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.gbsettle.jobs.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on a real embedded PostgreSQL 17 in a temporary data directory: Flyway's schema, the analyst views
 * and the {@code status} command. One Spring context for every test; each test starts from empty run tables.
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SettlementJobsApplicationIT {

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
    Flyway flyway;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    EmbeddedPostgresServer server;

    private final GbSettleCli gbsettle = GbSettleCli.in(() -> context);

    /** Runs inserted by the current test, for their start times. */
    private int runsInserted;

    @BeforeEach
    void emptyRunTables() {
        jdbc.sql("TRUNCATE settlement_run, run_partition, bm_unit_volume RESTART IDENTITY CASCADE")
                .update();
    }

    @Test
    void the_embedded_server_is_postgresql_17_in_the_configured_directory() {
        assertThat(server.dataDirectory()).isEqualTo(DATABASE.dataDirectory().toAbsolutePath());
        assertThat(server.dataDirectory().resolve("PG_VERSION")).content().isEqualToIgnoringNewLines("17");
        assertThat(jdbc.sql("SHOW server_version").query(String.class).single()).startsWith("17.");
        assertThat(jdbc.sql("SELECT current_database()").query(String.class).single())
                .isEqualTo("gbsettle");
        assertThat(server.logFile()).exists();
    }

    @Test
    void flyway_applied_every_migration_on_the_classpath() throws Exception {
        var scripts = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/*.sql");
        List<String> files =
                Arrays.stream(scripts).map(r -> r.getFilename()).sorted().toList();
        assertThat(files)
                .contains("V0001__create_spring_batch_metadata.sql", "R__analyst_views.sql")
                .hasSizeGreaterThanOrEqualTo(6);

        assertThat(flyway.info().pending()).isEmpty();
        List<String> applied = Arrays.stream(flyway.info().applied())
                .filter(m -> m.getState().isApplied() && !m.getState().isFailed())
                .map(MigrationInfo::getScript)
                .sorted()
                .toList();
        assertThat(applied).isEqualTo(files);
    }

    @Test
    void the_spring_batch_and_settlement_tables_and_the_views_exist() {
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                        + " AND table_type = 'BASE TABLE'")
                .query(String.class)
                .list();
        assertThat(tables)
                .contains(
                        "batch_job_instance",
                        "batch_job_execution",
                        "batch_job_execution_params",
                        "batch_job_execution_context",
                        "batch_step_execution",
                        "batch_step_execution_context",
                        "run_type",
                        "settlement_run",
                        "run_partition",
                        "reference_load",
                        "reference_load_file",
                        "gsp_group",
                        "ccc",
                        "scaling_weight",
                        "bsc_party",
                        "bm_unit",
                        "llf",
                        "gsp_group_take",
                        "registration",
                        "profile_coefficient",
                        "hh_default_eac",
                        "meter_data_file",
                        "quarantine",
                        "bm_unit_volume",
                        "supplier_volume",
                        "gsp_group_correction",
                        "data_quality",
                        "calculation_issue",
                        "scheduled_run",
                        "run_diff",
                        "run_diff_summary");
        List<String> views = jdbc.sql("SELECT table_name FROM information_schema.views WHERE table_schema = 'public'")
                .query(String.class)
                .list();
        assertThat(views)
                .containsExactlyInAnyOrder(
                        "settlement_run_latest_v1",
                        "settlement_volume_latest_v1",
                        "settlement_run_history_v1",
                        "settlement_run_authority_v1",
                        "supplier_volume_latest_v1",
                        "supplier_daily_total_v1",
                        "supplier_daily_total_latest_v1",
                        "gsp_group_correction_v1",
                        "gsp_group_correction_latest_v1",
                        "data_quality_run_v1",
                        "calculation_issue_count_v1",
                        "quarantine_run_v1");
    }

    @Test
    void the_job_repository_keeps_its_metadata_in_the_flyway_tables() {
        JobInstance instance = jobRepository.createJobInstance(
                "repositorySmokeTest",
                new JobParametersBuilder().addString("probe", "1").toJobParameters());
        try {
            assertThat(jdbc.sql("SELECT count(*) FROM batch_job_instance WHERE job_name = 'repositorySmokeTest'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1L);
        } finally {
            jobRepository.deleteJobInstance(instance);
        }
    }

    @Test
    void the_latest_view_picks_the_highest_run_type_then_run_number_among_complete_runs() {
        // 2026-01-15: II 1 and SF 1 complete in _A and _B; SF 2 failed (its _A partition finished); R1 1 complete in
        // _A only; SF 3 complete in both. By hand: _A -> R1 1 (rank beats number), _B -> SF 3 (no R1 there; 3 > 1;
        // SF 2 failed).
        long ii1 = run("2026-01-15", "II", 1, "COMPLETE", Map.of("_A", "COMPLETE", "_B", "COMPLETE"));
        long sf1 = run("2026-01-15", "SF", 1, "COMPLETE", Map.of("_A", "COMPLETE", "_B", "COMPLETE"));
        long sf2 = run("2026-01-15", "SF", 2, "FAILED", Map.of("_A", "COMPLETE", "_B", "FAILED"));
        long r11 = run("2026-01-15", "R1", 1, "COMPLETE", Map.of("_A", "COMPLETE"));
        long sf3 = run("2026-01-15", "SF", 3, "COMPLETE", Map.of("_A", "COMPLETE", "_B", "COMPLETE"));
        // 2026-01-16: only a failed run -> no authoritative run
        long r1Failed = run("2026-01-16", "R1", 1, "FAILED", Map.of("_A", "FAILED"));
        // 2026-01-17: II 2 against SF 1 -> SF (the run type ranks before the run number)
        long ii2 = run("2026-01-17", "II", 2, "COMPLETE", Map.of("_A", "COMPLETE"));
        long sf1b = run("2026-01-17", "SF", 1, "COMPLETE", Map.of("_A", "COMPLETE"));

        List<String> latest = jdbc.sql(
                        "SELECT settlement_date || ' ' || gsp_group || ' ' || run_id || ' ' || run_type || ' '"
                                + " || run_number FROM settlement_run_latest_v1 ORDER BY settlement_date, gsp_group")
                .query(String.class)
                .list();

        assertThat(latest)
                .containsExactly(
                        "2026-01-15 _A " + r11 + " R1 1",
                        "2026-01-15 _B " + sf3 + " SF 3",
                        "2026-01-17 _A " + sf1b + " SF 1");
        List<Long> superseded = List.of(ii1, sf1, sf2, r1Failed, ii2);
        assertThat(jdbc.sql("SELECT run_id FROM settlement_run_history_v1 WHERE gsp_groups_authoritative = 0")
                        .query(Long.class)
                        .list())
                .containsExactlyInAnyOrderElementsOf(superseded);

        // every run wrote one BM unit volume per partition; the volume view shows only the authoritative ones
        List<Map<String, Object>> volumes = jdbc.sql(
                        "SELECT settlement_date::text AS d, gsp_group, run_id, bmuadv_mwh::text AS mwh"
                                + " FROM settlement_volume_latest_v1 ORDER BY settlement_date, gsp_group")
                .query()
                .listOfRows();
        assertThat(volumes)
                .extracting(row ->
                        row.get("d") + " " + row.get("gsp_group") + " " + row.get("run_id") + " " + row.get("mwh"))
                .containsExactly(
                        "2026-01-15 _A " + r11 + " " + r11 + ".0000",
                        "2026-01-15 _B " + sf3 + " " + sf3 + ".0000",
                        "2026-01-17 _A " + sf1b + " " + sf1b + ".0000");

        assertThat(jdbc.sql("SELECT run_id, gsp_groups, gsp_groups_complete, gsp_groups_authoritative"
                                + " FROM settlement_run_history_v1 WHERE run_id IN (:ids) ORDER BY run_id")
                        .param("ids", List.of(sf1, sf2, r11, sf3))
                        .query((rs, i) -> rs.getLong(1) + ":" + rs.getInt(2) + "/" + rs.getInt(3) + "/" + rs.getInt(4))
                        .list())
                .containsExactly(sf1 + ":2/2/0", sf2 + ":2/1/0", r11 + ":1/1/1", sf3 + ":2/2/1");
    }

    @Test
    void dispute_runs_rank_with_df_above_rf() {
        long rf = run("2025-06-01", "RF", 1, "COMPLETE", Map.of("_P", "COMPLETE"));
        long d = run("2025-06-01", "D", 1, "COMPLETE", Map.of("_P", "COMPLETE"));

        assertThat(jdbc.sql("SELECT run_id FROM settlement_run_latest_v1 WHERE gsp_group = '_P'")
                        .query(Long.class)
                        .single())
                .isEqualTo(d)
                .isNotEqualTo(rf);
    }

    @Test
    void the_volume_view_gives_each_period_its_utc_start_on_clock_change_days() {
        // domain.md §2: SP k starts at local midnight (Europe/London) + 30 min x (k - 1). By hand: 2026-01-15 (GMT)
        // SP1 00:00Z, SP35 17:00Z; 2026-03-29 (46 periods) SP1 00:00Z, SP3 01:00Z (02:00 BST); 2026-10-25 (50
        // periods) SP1 23:00Z the day before, SP5 01:00Z (the repeated 01:30a)
        long winter = run("2026-01-15", "SF", 1, "COMPLETE", Map.of("_A", "COMPLETE"));
        long spring = run("2026-03-29", "SF", 1, "COMPLETE", Map.of("_A", "COMPLETE"));
        long autumn = run("2026-10-25", "SF", 1, "COMPLETE", Map.of("_A", "COMPLETE"));
        volume(winter, "_A", 35);
        volume(spring, "_A", 3);
        volume(autumn, "_A", 5);

        List<String> starts = jdbc.sql("SELECT settlement_date, settlement_period, period_start_utc"
                        + " FROM settlement_volume_latest_v1 ORDER BY settlement_date, settlement_period")
                .query((rs, i) -> rs.getString(1) + " " + rs.getInt(2) + " "
                        + rs.getObject(3, OffsetDateTime.class).toInstant())
                .list();

        assertThat(starts)
                .containsExactly(
                        "2026-01-15 1 2026-01-15T00:00:00Z",
                        "2026-01-15 35 2026-01-15T17:00:00Z",
                        "2026-03-29 1 2026-03-29T00:00:00Z",
                        "2026-03-29 3 2026-03-29T01:00:00Z",
                        "2026-10-25 1 2026-10-24T23:00:00Z",
                        "2026-10-25 5 2026-10-25T01:00:00Z");
    }

    @Test
    void status_prints_no_runs_yet_on_an_empty_database() {
        assertThat(status()).isEqualTo("no runs yet\n");
        assertThat(status("--date", "2026-01-15")).isEqualTo("no runs for settlement date 2026-01-15\n");
    }

    @Test
    void status_lists_the_runs_newest_first() {
        // states by hand: run 1 complete and the only complete run of its date (COMPLETED), run 2 FAILED, run 3
        // PENDING with no process holding its run lock (ABANDONED)
        long first = run("2026-01-15", "II", 1, "COMPLETE", Map.of("_A", "COMPLETE", "_B", "COMPLETE"));
        long second = run("2026-01-15", "SF", 1, "FAILED", Map.of("_A", "COMPLETE", "_B", "FAILED"));
        long third = run("2026-01-16", "II", 1, "PENDING", Map.of());

        assertThat(List.of(first, second, third)).containsExactly(1L, 2L, 3L);
        assertThat(status()).isEqualTo("""
                        RUN  DATE        TYPE  NUMBER  STATUS    GROUPS  STATE      STARTED (UTC)        COMPLETED (UTC)
                          3  2026-01-16  II         1  PENDING      0/0  ABANDONED  2026-01-20 10:03:00  -
                          2  2026-01-15  SF         1  FAILED       1/2  FAILED     2026-01-20 10:02:00  -
                          1  2026-01-15  II         1  COMPLETE     2/2  COMPLETED  2026-01-20 10:01:00  2026-01-20 11:01:00
                        """);
        assertThat(status("--date", "2026-01-15", "--limit", "1")).isEqualTo("""
                        RUN  DATE        TYPE  NUMBER  STATUS  GROUPS  STATE   STARTED (UTC)        COMPLETED (UTC)
                          2  2026-01-15  SF         1  FAILED     1/2  FAILED  2026-01-20 10:02:00  -
                        """);
    }

    /** Runs {@code gbsettle status ARGS} in this test's context and returns what it printed; it must exit 0. */
    private String status(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "status";
        System.arraycopy(args, 0, all, 1, args.length);

        Result r = gbsettle.run(all);

        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        return r.out();
    }

    /**
     * Inserts a run with its partitions, started at 2026-01-20 10:0n:00Z (n = how many runs this test inserted), a
     * complete run completed an hour later, and one BM unit volume in period 1 per partition whose value is the run
     * id, so views show where their rows came from.
     */
    private long run(String date, String type, int number, String status, Map<String, String> partitions) {
        runsInserted++;
        OffsetDateTime started = OffsetDateTime.parse("2026-01-20T10:00:00Z").plusMinutes(runsInserted);
        boolean complete = status.equals("COMPLETE");
        long runId = jdbc.sql("""
                        INSERT INTO settlement_run (settlement_date, run_type, run_number, data_cutoff, status,
                            started_by, reason, created_at, completed_at, engine_version, output_fingerprint)
                        VALUES (CAST(:date AS date), :type, :number, :started, :status, 'test', 'test', :started,
                            :completed, 'test', :fingerprint)
                        RETURNING run_id
                        """)
                .param("date", date)
                .param("type", type)
                .param("number", number)
                .param("started", started)
                .param("status", status)
                .param("completed", complete ? started.plusHours(1) : null)
                .param("fingerprint", complete ? "0".repeat(64) : null)
                .query(Long.class)
                .single();
        for (var p : partitions.entrySet()) {
            boolean partitionComplete = p.getValue().equals("COMPLETE");
            jdbc.sql("""
                            INSERT INTO run_partition (run_id, gsp_group, status, completed_at, output_fingerprint)
                            VALUES (:run, :group, :status, :completed, :fingerprint)
                            """)
                    .param("run", runId)
                    .param("group", p.getKey())
                    .param("status", p.getValue())
                    .param("completed", partitionComplete ? started.plusMinutes(30) : null)
                    .param("fingerprint", partitionComplete ? "0".repeat(64) : null)
                    .update();
            volume(runId, p.getKey(), 1);
        }
        return runId;
    }

    /** Inserts a BM unit volume of the run's id in MWh. */
    private void volume(long runId, String group, int period) {
        jdbc.sql("""
                        INSERT INTO bm_unit_volume (run_id, gsp_group, supplier_id, bm_unit_id, settlement_period,
                            exact_mwh, bmuadv_mwh)
                        VALUES (:run, :group, 'SUPA', :unit, :period, :mwh, :mwh)
                        """)
                .param("run", runId)
                .param("group", group)
                .param("unit", "2_" + group + "SUPA000")
                .param("period", period)
                .param("mwh", runId)
                .update();
    }
}
