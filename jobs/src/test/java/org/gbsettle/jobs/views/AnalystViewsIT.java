package org.gbsettle.jobs.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.io.postgres.EmbeddedPostgresServer;
import org.gbsettle.jobs.sample.SampleDay;
import org.gbsettle.jobs.testing.GbSettleCli;
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
 * The analyst views (sql/migrations/R__analyst_views.sql) and the read-only role {@code settlement_analyst} on a real
 * embedded PostgreSQL 17: the winter sample day loaded, ingested and run through the command line, then every view
 * queried and compared with values worked out here from the day's expected CSVs (the independent oracle's outputs,
 * sample-data/README.md) and the day's README: supplier rows and day totals are the CSVs' rows and sums, correction
 * rows the expected gsp_group_correction.csv with the exact corrected total equal to the sum of the expected exact
 * supplier volumes, quarantine and issue counts those of the expected files. Then a login user in the role reads every
 * view and is refused every table; last, two more runs of the date give the history of which run was authoritative
 * when.
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalystViewsIT {

    private static final SampleDay DAY = SampleDayFixture.sampleDay(SampleDayFixture.WINTER);

    private static final String DATE = "2026-01-15";

    private static final List<String> GROUPS = List.of("_A", "_B");

    /** Every analyst view: what the analyst role may read, and all it may read. */
    static final Set<String> VIEWS = Set.of(
            "settlement_run_latest_v1",
            "settlement_volume_latest_v1",
            "settlement_run_history_v1",
            "supplier_volume_latest_v1",
            "settlement_run_authority_v1",
            "supplier_daily_total_v1",
            "supplier_daily_total_latest_v1",
            "gsp_group_correction_v1",
            "gsp_group_correction_latest_v1",
            "data_quality_run_v1",
            "calculation_issue_count_v1",
            "quarantine_run_v1");

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

    private long runId;

    @BeforeAll
    void load_ingest_and_run_the_winter_day() {
        runId = new SampleDayFixture(gbsettle, DAY).loadIngestAndRun();
    }

    private static List<CSVRecord> expected(String group, String file) throws IOException {
        try (Reader in = Files.newBufferedReader(DAY.expected(group).resolve(file));
                CSVParser csv = CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(in)) {
            return csv.getRecords();
        }
    }

    private static BigDecimal dec(CSVRecord r, String column) {
        return new BigDecimal(r.get(column));
    }

    private static void assertSameNumbers(
            Map<String, List<BigDecimal>> actual, Map<String, List<BigDecimal>> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((key, values) -> {
            List<BigDecimal> got = actual.get(key);
            assertThat(got).as(key).hasSameSizeAs(values);
            for (int i = 0; i < values.size(); i++) {
                assertThat(got.get(i)).as(key + " value " + i).isEqualByComparingTo(values.get(i));
            }
        });
    }

    @Test
    @Order(1)
    void supplier_volume_latest_has_every_expected_supplier_row() throws IOException {
        for (String group : GROUPS) {
            Map<String, List<BigDecimal>> expected = new TreeMap<>();
            for (CSVRecord r : expected(group, "supplier_volume.csv")) {
                expected.put(
                        r.get("supplier_id") + " " + r.get("bm_unit_id") + " " + r.get("ccc_id") + " "
                                + r.get("settlement_period"),
                        List.of(
                                dec(r, "uncorrected_mwh"),
                                dec(r, "weight"),
                                dec(r, "factor"),
                                dec(r, "corrected_exact_mwh"),
                                dec(r, "corrected_mwh")));
            }
            Map<String, List<BigDecimal>> actual = new TreeMap<>();
            Set<Long> runs = new TreeSet<>();
            jdbc.sql("""
                            SELECT * FROM supplier_volume_latest_v1
                             WHERE settlement_date = DATE '2026-01-15' AND gsp_group = :g""").param("g", group).query((ResultSet rs) -> {
                actual.put(
                        rs.getString("supplier_id") + " " + rs.getString("bm_unit_id") + " " + rs.getInt("ccc_id") + " "
                                + rs.getInt("settlement_period"),
                        List.of(
                                rs.getBigDecimal("uncorrected_mwh"),
                                rs.getBigDecimal("weight"),
                                rs.getBigDecimal("factor"),
                                rs.getBigDecimal("corrected_exact_mwh"),
                                rs.getBigDecimal("corrected_mwh")));
                runs.add(rs.getLong("run_id"));
            });
            // README: 5,962 supplier volume rows in _A, 5,670 in _B
            assertThat(expected).hasSize(group.equals("_A") ? 5962 : 5670);
            assertSameNumbers(actual, expected);
            assertThat(runs).containsExactly(runId);
        }
    }

    /**
     * Day totals per supplier from the expected CSVs: uncorrected, corrected exact, corrected, corrected import (rows
     * with a positive uncorrected volume), corrected export (negative), BMUADV, and the number of BM units.
     */
    private static Map<String, List<BigDecimal>> expectedDailyTotals(String group) throws IOException {
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        Map<String, Set<String>> units = new HashMap<>();
        for (CSVRecord r : expected(group, "supplier_volume.csv")) {
            BigDecimal[] s = sums.computeIfAbsent(r.get("supplier_id"), k -> zeros(6));
            BigDecimal uc = dec(r, "uncorrected_mwh");
            BigDecimal corrected = dec(r, "corrected_mwh");
            s[0] = s[0].add(uc);
            s[1] = s[1].add(dec(r, "corrected_exact_mwh"));
            s[2] = s[2].add(corrected);
            if (uc.signum() > 0) {
                s[3] = s[3].add(corrected);
            } else if (uc.signum() < 0) {
                s[4] = s[4].add(corrected);
            }
            units.computeIfAbsent(r.get("supplier_id"), k -> new TreeSet<>()).add(r.get("bm_unit_id"));
        }
        for (CSVRecord r : expected(group, "bm_unit_volume.csv")) {
            BigDecimal[] s = sums.computeIfAbsent(r.get("supplier_id"), k -> zeros(6));
            s[5] = s[5].add(dec(r, "bmuadv_mwh"));
            units.computeIfAbsent(r.get("supplier_id"), k -> new TreeSet<>()).add(r.get("bm_unit_id"));
        }
        Map<String, List<BigDecimal>> out = new TreeMap<>();
        sums.forEach((supplier, s) -> {
            List<BigDecimal> values = new ArrayList<>(List.of(s));
            values.add(BigDecimal.valueOf(units.get(supplier).size()));
            out.put(supplier, values);
        });
        return out;
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] a = new BigDecimal[n];
        java.util.Arrays.fill(a, BigDecimal.ZERO);
        return a;
    }

    private Map<String, List<BigDecimal>> dailyTotals(String view, String group, String runFilter) {
        Map<String, List<BigDecimal>> actual = new TreeMap<>();
        jdbc.sql("SELECT * FROM " + view + " WHERE settlement_date = DATE '2026-01-15' AND gsp_group = :g" + runFilter)
                .param("g", group)
                .query((ResultSet rs) -> {
                    actual.put(
                            rs.getString("supplier_id"),
                            List.of(
                                    rs.getBigDecimal("uncorrected_mwh"),
                                    rs.getBigDecimal("corrected_exact_mwh"),
                                    rs.getBigDecimal("corrected_mwh"),
                                    rs.getBigDecimal("corrected_import_mwh"),
                                    rs.getBigDecimal("corrected_export_mwh"),
                                    rs.getBigDecimal("bmuadv_mwh"),
                                    BigDecimal.valueOf(rs.getLong("bm_units"))));
                    assertThat(rs.getLong("run_id")).isEqualTo(runId);
                });
        return actual;
    }

    @Test
    @Order(1)
    void supplier_daily_totals_are_the_sums_of_the_expected_supplier_volumes() throws IOException {
        for (String group : GROUPS) {
            Map<String, List<BigDecimal>> expected = expectedDailyTotals(group);
            // README: ten suppliers in _A; nine with metering systems in _B, plus JURA's default unit with no volume
            assertThat(expected).hasSize(10);

            assertSameNumbers(dailyTotals("supplier_daily_total_latest_v1", group, ""), expected);
            assertSameNumbers(
                    dailyTotals(
                            "supplier_daily_total_v1",
                            group,
                            " AND run_id = " + runId + " AND run_status = 'COMPLETE'"),
                    expected);
        }
        // README: JURA supplies in _A only; its _B default unit has no volume (a BM unit row of zeros)
        assertThat(expectedDailyTotals("_B").get("JURA").subList(0, 6))
                .allSatisfy(v -> assertThat(v).isEqualByComparingTo("0"));
    }

    @Test
    @Order(1)
    void correction_rows_are_the_expected_ones_and_their_corrected_total_is_the_sum_of_the_supplier_volumes()
            throws IOException {
        for (String group : GROUPS) {
            Map<Integer, BigDecimal> correctedExact = new TreeMap<>();
            for (CSVRecord r : expected(group, "supplier_volume.csv")) {
                correctedExact.merge(
                        Integer.parseInt(r.get("settlement_period")), dec(r, "corrected_exact_mwh"), BigDecimal::add);
            }
            Map<String, List<BigDecimal>> expected = new TreeMap<>();
            Map<String, String> expectedFlags = new TreeMap<>();
            for (CSVRecord r : expected(group, "gsp_group_correction.csv")) {
                int period = Integer.parseInt(r.get("settlement_period"));
                String key = String.format("%02d %s", period, r.get("gcf_type"));
                BigDecimal take = dec(r, "gsp_group_take_mwh");
                BigDecimal unallocated = dec(r, "unallocated_mwh");
                // the exact corrected total is the take less the unallocated volume, and the sum of the exact
                // corrected supplier volumes of the period: the expected files agree with each other
                assertThat(take.subtract(unallocated)).as(key).isEqualByComparingTo(correctedExact.get(period));
                expected.put(
                        key,
                        List.of(
                                dec(r, "gcf"),
                                take,
                                dec(r, "uncorrected_total_mwh"),
                                dec(r, "correctable_mwh"),
                                take.subtract(dec(r, "uncorrected_total_mwh")),
                                correctedExact.get(period),
                                unallocated,
                                dec(r, "published_residual_mwh")));
                expectedFlags.put(key, r.get("take_estimated") + " " + r.get("flags"));
            }
            assertThat(expected).hasSize(48);

            Map<String, List<BigDecimal>> actual = new TreeMap<>();
            Map<String, String> actualFlags = new TreeMap<>();
            Map<Integer, Instant> starts = new TreeMap<>();
            jdbc.sql("""
                            SELECT c.*, array_to_string(c.flags, ';') AS flag_text
                              FROM gsp_group_correction_latest_v1 c
                             WHERE settlement_date = DATE '2026-01-15' AND gsp_group = :g""").param("g", group).query((ResultSet rs) -> {
                String key = String.format("%02d %s", rs.getInt("settlement_period"), rs.getString("gcf_type"));
                actual.put(
                        key,
                        List.of(
                                rs.getBigDecimal("gcf"),
                                rs.getBigDecimal("gsp_group_take_mwh"),
                                rs.getBigDecimal("uncorrected_total_mwh"),
                                rs.getBigDecimal("correctable_mwh"),
                                rs.getBigDecimal("take_minus_uncorrected_mwh"),
                                rs.getBigDecimal("corrected_total_mwh"),
                                rs.getBigDecimal("unallocated_mwh"),
                                rs.getBigDecimal("published_residual_mwh")));
                actualFlags.put(key, rs.getBoolean("take_estimated") + " " + rs.getString("flag_text"));
                starts.put(
                        rs.getInt("settlement_period"),
                        rs.getObject("period_start_utc", OffsetDateTime.class).toInstant());
                assertThat(rs.getLong("run_id")).isEqualTo(runId);
            });
            assertSameNumbers(actual, expected);
            assertThat(actualFlags).isEqualTo(expectedFlags);
            // a winter day: SP1 starts at midnight UTC, SP48 at 23:30
            assertThat(starts.get(1)).isEqualTo(Instant.parse("2026-01-15T00:00:00Z"));
            assertThat(starts.get(48)).isEqualTo(Instant.parse("2026-01-15T23:30:00Z"));

            // the per-run view has the same rows for the run
            assertThat(jdbc.sql("SELECT count(*) FROM gsp_group_correction_v1 WHERE run_id = :r AND gsp_group = :g")
                            .param("r", runId)
                            .param("g", group)
                            .query(Long.class)
                            .single())
                    .isEqualTo(48L);
        }
        // README: _B's CF reaches 1.139998967, out of the band [0.9, 1.1] in SP35 and SP36
        assertThat(jdbc.sql("""
                        SELECT settlement_period FROM gsp_group_correction_latest_v1
                         WHERE 'CF_OUT_OF_RANGE' = ANY (flags) ORDER BY 1""").query(Integer.class).list()).containsExactly(35, 36);
    }

    private Map<String, Long> counts(String sql, String group) {
        Map<String, Long> m = new TreeMap<>();
        jdbc.sql(sql).param("r", runId).param("g", group).query((ResultSet rs) -> {
            m.put(rs.getString(1), rs.getLong(2));
        });
        return m;
    }

    @Test
    @Order(1)
    void data_quality_day_counts_are_the_readmes() {
        // README "Metering systems in force on the day": HH values used, actual and submitted estimate; HH periods
        // missing (defaulted); the bad file's rows quarantined in each group. The README's actual values are those of
        // energised systems: the run also uses the actual values in SP10-12 of each group's de-energised MPAN with
        // consumption (README, special metering systems; the DEENERGISED_CONSUMPTION issues), 3 more per group
        Map<String, Long> a =
                counts("SELECT measure, count FROM data_quality_run_v1 WHERE run_id = :r AND gsp_group = :g", "_A");
        Map<String, Long> b =
                counts("SELECT measure, count FROM data_quality_run_v1 WHERE run_id = :r AND gsp_group = :g", "_B");

        assertThat(a)
                .containsEntry("ACTUAL", 95_852L + 3)
                .containsEntry("SUBMITTED_ESTIMATE", 2_976L)
                .containsEntry("MISSING", 1_012L)
                .containsEntry("QUARANTINED_BAD_PERIOD", 1L)
                .containsEntry("QUARANTINED_NEGATIVE", 1L);
        assertThat(b)
                .containsEntry("ACTUAL", 95_572L + 3)
                .containsEntry("SUBMITTED_ESTIMATE", 3_315L)
                .containsEntry("MISSING", 953L)
                .containsEntry("QUARANTINED_WRONG_MQ", 1L)
                .containsEntry("QUARANTINED_BAD_VALUE", 1L)
                .containsEntry("QUARANTINED_OUT_OF_RANGE", 1L);
    }

    @Test
    @Order(1)
    void issue_counts_per_code_are_those_of_the_expected_issue_files() throws IOException {
        for (String group : GROUPS) {
            Map<String, Long> issues = new TreeMap<>();
            Map<String, Set<String>> mpans = new TreeMap<>();
            for (CSVRecord r : expected(group, "calculation_issues.csv")) {
                issues.merge(r.get("code"), 1L, Long::sum);
                Set<String> m = mpans.computeIfAbsent(r.get("code"), k -> new TreeSet<>());
                if (!r.get("mpan").isEmpty()) {
                    m.add(r.get("mpan"));
                }
            }
            Map<String, Long> expectedMpans = new TreeMap<>();
            mpans.forEach((code, m) -> expectedMpans.put(code, (long) m.size()));

            assertThat(counts(
                            "SELECT code, issues FROM calculation_issue_count_v1 WHERE run_id = :r AND gsp_group = :g",
                            group))
                    .isEqualTo(issues);
            assertThat(counts(
                            "SELECT code, mpans FROM calculation_issue_count_v1 WHERE run_id = :r AND gsp_group = :g",
                            group))
                    .isEqualTo(expectedMpans);
        }
    }

    @Test
    @Order(1)
    void quarantined_rows_per_group_file_and_reason_are_those_of_the_expected_quarantine() throws IOException {
        for (String group : List.of("_A", "_B", SampleDay.UNASSIGNED)) {
            Map<String, Long> expected = new TreeMap<>();
            for (CSVRecord r : expected(group, "quarantine.csv")) {
                expected.merge(r.get("file") + ".parquet " + r.get("reason"), 1L, Long::sum);
            }
            Map<String, Long> actual = new TreeMap<>();
            jdbc.sql("""
                            SELECT regexp_replace(file_path, '^.*/', '') || ' ' || reason, quarantined_rows
                              FROM quarantine_run_v1
                             WHERE run_id = :r AND gsp_group IS NOT DISTINCT FROM :g""")
                    .param("r", runId)
                    .param("g", group.equals(SampleDay.UNASSIGNED) ? null : group)
                    .query((ResultSet rs) -> {
                        actual.put(rs.getString(1), rs.getLong(2));
                    });
            assertThat(actual).as(group).isEqualTo(expected).isNotEmpty();
        }
    }

    @Test
    @Order(2)
    void a_user_in_the_analyst_role_reads_every_view_and_no_table() throws SQLException {
        jdbc.sql("CREATE ROLE analyst_it LOGIN IN ROLE settlement_analyst").update();
        // what the role may read in the schema: exactly the analyst views
        List<String> readable = jdbc.sql("""
                        SELECT c.relname FROM pg_class c
                         WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
                           AND c.relkind IN ('r', 'v', 'm', 'p', 'S', 'f')
                           AND has_table_privilege('settlement_analyst', c.oid, 'SELECT')""").query(String.class).list();
        List<String> analystViews = jdbc.sql("""
                        SELECT c.relname FROM pg_class c
                         WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
                           AND c.relkind = 'v' AND c.relname ~ '_v[0-9]+$'""").query(String.class).list();
        assertThat(analystViews).containsAll(VIEWS);
        assertThat(readable).containsExactlyInAnyOrderElementsOf(analystViews);
        List<String> tables = jdbc.sql("""
                        SELECT c.relname FROM pg_class c
                         WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND c.relkind IN ('r', 'p')""").query(String.class).list();
        assertThat(tables).contains("supplier_volume", "settlement_run", "quarantine", "flyway_schema_history");

        String url = context.getBean(EmbeddedPostgresServer.class).jdbcUrl();
        try (Connection c = DriverManager.getConnection(url, "analyst_it", "");
                Statement s = c.createStatement()) {
            for (String view : analystViews) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + view)) {
                    assertThat(rs.next()).isTrue();
                    if (VIEWS.contains(view)) {
                        assertThat(rs.getLong(1)).as(view).isPositive();
                    }
                }
            }
            for (String table : tables) {
                assertThatThrownBy(() -> s.executeQuery("SELECT * FROM " + table + " LIMIT 1")
                                .close())
                        .as(table)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied for table " + table)
                        .extracting(e -> ((SQLException) e).getSQLState())
                        .isEqualTo("42501");
            }
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM supplier_volume_latest_v1"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    @Order(3)
    void the_history_says_which_run_was_authoritative_when() {
        SampleDayFixture fixture = new SampleDayFixture(gbsettle, DAY);
        // SF 2: same inputs, higher run number: it supersedes SF 1 when it completes
        long second = GbSettleCli.runId(fixture.run().out());
        // an interim (II) run completing after both ranks below SF: never authoritative. Made directly (the outputs
        // do not matter to the history; the sample day has no take for an II run)
        long interim = jdbc.sql("""
                        INSERT INTO settlement_run (settlement_date, run_type, run_number, data_cutoff, status,
                                                    started_by, reason, engine_version, completed_at,
                                                    output_fingerprint)
                        VALUES (DATE '2026-01-15', 'II', 1, TIMESTAMPTZ '2026-01-20T00:00:00Z', 'COMPLETE', 'it',
                                'history test', 'test', now(), repeat('0', 64))
                        RETURNING run_id""").query(Long.class).single();
        for (String group : GROUPS) {
            jdbc.sql("""
                            INSERT INTO run_partition (run_id, gsp_group, status, completed_at, output_fingerprint)
                            VALUES (:r, :g, 'COMPLETE', now(), repeat('0', 64))""").param("r", interim).param("g", group).update();
        }
        Map<Long, Instant> completed = new HashMap<>();
        for (long run : List.of(runId, second, interim)) {
            completed.put(
                    run,
                    jdbc.sql("SELECT completed_at FROM settlement_run WHERE run_id = :r")
                            .param("r", run)
                            .query(OffsetDateTime.class)
                            .single()
                            .toInstant());
        }
        assertThat(completed.get(runId)).isBefore(completed.get(second));
        assertThat(completed.get(second)).isBefore(completed.get(interim));

        for (String group : GROUPS) {
            List<String> history = jdbc.sql("""
                            SELECT run_id, run_type, run_number, authoritative_from, authoritative_to,
                                   superseded_by_run_id, is_authoritative
                              FROM settlement_run_authority_v1
                             WHERE settlement_date = DATE '2026-01-15' AND gsp_group = :g
                             ORDER BY completed_at""")
                    .param("g", group)
                    .query((rs, n) -> rs.getLong(1) + " " + rs.getString(2) + " " + rs.getInt(3) + " " + instant(rs, 4)
                            + " " + instant(rs, 5) + " " + rs.getObject(6) + " " + rs.getBoolean(7))
                    .list();
            // SF 1 from its completion until SF 2 completed, superseded by SF 2; SF 2 from its completion, still;
            // II 1 never: SF 2 was the authoritative run when it completed
            assertThat(history)
                    .containsExactly(
                            runId + " SF 1 " + completed.get(runId) + " " + completed.get(second) + " " + second
                                    + " false",
                            second + " SF 2 " + completed.get(second) + " null null true",
                            interim + " II 1 null null " + second + " false");
            assertThat(jdbc.sql("SELECT run_id FROM settlement_run_latest_v1 WHERE settlement_date = '2026-01-15'"
                                    + " AND gsp_group = :g")
                            .param("g", group)
                            .query(Long.class)
                            .single())
                    .isEqualTo(second);
        }
        // the latest views follow: SF 2's rows, as many as SF 1's
        assertThat(jdbc.sql("SELECT DISTINCT run_id FROM supplier_daily_total_latest_v1")
                        .query(Long.class)
                        .list())
                .containsExactly(second);
        assertThat(jdbc.sql("SELECT count(*) FROM supplier_volume_latest_v1")
                        .query(Long.class)
                        .single())
                .isEqualTo(5962L + 5670L);
    }

    private static String instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? "null" : t.toInstant().toString();
    }
}
