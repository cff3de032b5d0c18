package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.gbsettle.jobs.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bad meter-data and reference inputs through the command line ({@code load-reference}, {@code ingest}, {@code run})
 * on a real embedded PostgreSQL 17, one Spring context for the class; each test starts from an empty database and
 * loads the reference folder of the sample day 2026-01-15 (or a copy with parts taken out), then ingests small
 * Parquet files written here with DuckDB and runs the date through {@code run} only (so the tests hold whatever
 * implements the run). Each case checks the outcome of domain.md §8 (and jobs/README.md "Bad input: what happens")
 * and, for every run that completes, that no row is lost: rows read = accepted + quarantined, from the tables.
 *
 * <p>Metering systems used (from the sample's registrations.csv, all HH import, class F, LLFC 110, energised, open
 * ranges): in _A {@code 1001059165040}, {@code 1001103171809}, {@code 1001183180661}; in _B {@code 1101025624114},
 * {@code 1101041812344}. Registered nowhere, check digit right (domain.md §6.7: 1×3 + 4×7 + 2×13 + 4×17 + 2×19 + 4×23
 * + 2×29 + 4×31 + 2×37 + 4×41 + 2×43 = 761, mod 11 = 2): {@code 1042424242422}. Check digit wrong: {@code
 * 1001332019676} (sum 1081, mod 11 = 3: the registered {@code 1001332019673} with its last digit mistyped).
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BadInputIT {

    /** The reference folder of the sample day 2026-01-15. */
    private static final Path REFERENCE =
            SampleDayFixture.sampleDay(SampleDayFixture.WINTER).referenceFolder();

    private static final String DATE = "2026-01-15";
    private static final String RECEIVED = "2026-01-17T06:00:00Z";

    private static final long A1 = 1_001_059_165_040L;
    private static final long A2 = 1_001_103_171_809L;
    private static final long A3 = 1_001_183_180_661L;
    private static final long B1 = 1_101_025_624_114L;
    private static final long B2 = 1_101_041_812_344L;
    private static final long NOWHERE = 1_042_424_242_422L;
    private static final long BAD_CHECK_DIGIT = 1_001_332_019_676L;

    /** The run's output tables keyed by run id. */
    private static final List<String> OUTPUT_TABLES =
            List.of("bm_unit_volume", "supplier_volume", "gsp_group_correction", "data_quality", "calculation_issue");

    /** Quarantine measures of data_quality (engine DataQualityMeasure.quarantined). */
    private static final String QUARANTINED = "measure LIKE 'QUARANTINED\\_%'";

    /** Measures of data_quality counting accepted rows: used, not chosen, or after the cut-off. */
    private static final String ACCEPTED = "measure IN ('ACTUAL', 'SUBMITTED_ESTIMATE', 'SUPERSEDED', 'AFTER_CUTOFF')";

    @TempDir
    Path dir;

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

    /** The sample day 2026-01-15 (SF, cut-off 2026-02-06T00:00:00Z), for its run. */
    private final SampleDayFixture winter = SampleDayFixture.of(gbsettle, SampleDayFixture.WINTER);

    /** A meter-data row as written: MPAN, period, quantity, kWh (as SQL decimal text) and quality. */
    record Row(long mpan, int period, String mq, String kwh, String quality) {}

    private static Row row(long mpan, int period, String mq, String kwh, String quality) {
        return new Row(mpan, period, mq, kwh, quality);
    }

    @BeforeEach
    void emptyDatabase() {
        jdbc.sql("TRUNCATE " + String.join(", ", OUTPUT_TABLES)
                        + ", quarantine, run_partition, settlement_run, meter_data_file, reference_load"
                        + ", batch_step_execution_context, batch_step_execution, batch_job_execution_context"
                        + ", batch_job_execution_params, batch_job_execution, batch_job_instance"
                        + " RESTART IDENTITY CASCADE")
                .update();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Whole files rejected at ingest

    static Stream<Arguments> schemaErrors() {
        String all = "mpan, settlement_date, settlement_period, measurement_quantity, kwh, quality, received_at";
        return Stream.of(
                Arguments.of(
                        "kwh_as_string",
                        all.replace("kwh,", "CAST(kwh AS VARCHAR) AS kwh,"),
                        "column kwh: has type binary",
                        "expected decimal(12,3)"),
                Arguments.of(
                        "kwh_as_double",
                        all.replace("kwh,", "CAST(kwh AS DOUBLE) AS kwh,"),
                        "column kwh: is double",
                        "binary floating point"),
                Arguments.of(
                        "no_measurement_quantity",
                        all.replace("measurement_quantity, ", ""),
                        "column measurement_quantity: required column is missing",
                        "expected string"),
                Arguments.of(
                        "period_as_date",
                        all.replace("settlement_period,", "settlement_date AS settlement_period,"),
                        "column settlement_period: has type int32 (DATE)",
                        "expected int32"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaErrors")
    void a_file_breaking_the_schema_is_rejected_whole_and_no_row_of_it_is_used(
            String name, String columns, String problem, String expected) throws Exception {
        load(REFERENCE);
        // the same five good rows as the good file: none of them may reach the run
        List<Row> rows = goodRows();
        Path bad = dir.resolve(name + ".parquet");
        write(bad, rows, columns);
        Path good = dir.resolve("good.parquet");
        write(good, rows);

        Result ingest = ingest(bad, good);

        assertThat(ingest.exitCode()).as(ingest.out() + ingest.err()).isEqualTo(1);
        // the message names the file and the column
        assertThat(ingest.out())
                .contains(bad + ": rejected as file 1: " + name + ".parquet, " + problem)
                .contains(expected)
                .contains(good + ": ingested as file 2, 5 rows read = 5 accepted + 0 quarantined");
        assertThat(jdbc.sql("SELECT file_id, status, layout, rows_read, rows_accepted, rows_rejected, message"
                                + " FROM meter_data_file ORDER BY file_id")
                        .query()
                        .listOfRows())
                .extracting(
                        r -> r.get("file_id"),
                        r -> r.get("status"),
                        r -> r.get("layout"),
                        r -> r.get("rows_read"),
                        r -> r.get("rows_accepted"),
                        r -> r.get("rows_rejected"))
                .containsExactly(
                        tuple(1L, "REJECTED", null, 0L, 0L, 0L), tuple(2L, "ACCEPTED", "DATE_PERIOD", 5L, 5L, 0L));
        assertThat(message(1)).contains(name + ".parquet").contains(problem.substring(0, problem.indexOf(':')));
        assertThat(count("SELECT count(*) FROM quarantine")).isZero();

        long runId = completedRun();

        // only the good file is an input: _A 3 rows read = 3 accepted, _B 2 = 2; nothing of file 1 anywhere
        assertThat(manifestFileIds(runId)).containsExactly(2L);
        assertThat(partitions(runId)).containsExactly(tuple("_A", 3L, 3L, 0L), tuple("_B", 2L, 2L, 0L));
        assertThat(count("SELECT count(*) FROM quarantine WHERE file_id = 1")).isZero();
        assertReconciles(runId, 5);
    }

    static Stream<Arguments> corruptFiles() {
        return Stream.of(
                Arguments.of("truncated", "is not a Parquet file or is truncated (no PAR1 magic at its start and end)"),
                Arguments.of(
                        "not_parquet", "is not a Parquet file or is truncated (no PAR1 magic at its start and end)"),
                Arguments.of("empty", "is not a Parquet file: only 0 bytes"),
                Arguments.of("zeroed_pages", "is not a valid Parquet file or is corrupt ("));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptFiles")
    void a_corrupt_file_is_rejected_whole_with_a_clear_message(String kind, String problem) throws Exception {
        load(REFERENCE);
        Path good = dir.resolve("good.parquet");
        write(good, goodRows());
        byte[] bytes = Files.readAllBytes(good);
        Path corrupt = dir.resolve(kind + ".parquet");
        switch (kind) {
            case "truncated" -> Files.write(corrupt, Arrays.copyOf(bytes, bytes.length / 2));
            case "not_parquet" ->
                Files.writeString(corrupt, "mpan,settlement_date\n1001059165040,2026-01-15\n", StandardCharsets.UTF_8);
            case "empty" -> Files.write(corrupt, new byte[0]);
            case "zeroed_pages" -> {
                // both magics and the footer kept, the column chunks (after the leading PAR1) overwritten with zeros
                byte[] b = bytes.clone();
                Arrays.fill(b, 4, Math.min(b.length - 8, 4 + 200), (byte) 0);
                Files.write(corrupt, b);
            }
            default -> throw new IllegalArgumentException(kind);
        }

        Result ingest = ingest(corrupt, good);

        assertThat(ingest.exitCode()).as(ingest.out() + ingest.err()).isEqualTo(1);
        assertThat(ingest.out())
                .contains(corrupt + ": rejected as file 1: " + kind + ".parquet: ")
                .contains(problem)
                .contains(good + ": ingested as file 2");
        assertThat(ingest.err()).doesNotContain("Exception");
        assertThat(jdbc.sql("SELECT status FROM meter_data_file ORDER BY file_id")
                        .query(String.class)
                        .list())
                .containsExactly("REJECTED", "ACCEPTED");
        // the message recorded is the one printed, and the same for the same bytes (no object identities in it)
        assertThat(message(1)).startsWith(kind + ".parquet: " + problem).doesNotContainPattern("@\\p{XDigit}{6,}");

        long runId = completedRun();

        assertThat(manifestFileIds(runId)).containsExactly(2L);
        assertThat(partitions(runId)).containsExactly(tuple("_A", 3L, 3L, 0L), tuple("_B", 2L, 2L, 0L));
        assertReconciles(runId, 5);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Rows quarantined by the run

    /**
     * One bad row at row 2 among the good rows of {@link #goodRows()} (which then are rows 1 and 3-6: _A 3, _B 2), so
     * 6 rows read; ingest accepts all six (these rules need the reference data), the run quarantines the bad one.
     * Expected per case: reason, field, value, the group owning the row (null: registered in no group, quarantined
     * for the run with no group), and rows read / quarantined of _A and _B, and quarantined with no group.
     */
    static Stream<Arguments> rowRules() {
        return Stream.of(
                // registered nowhere, check digit right: not any group's, 3 + 2 read in the groups, 1 with none
                Arguments.of(
                        "unknown MPAN",
                        row(NOWHERE, 20, "AI", "0.350", "A"),
                        "UNKNOWN_MPAN",
                        "mpan",
                        "1042424242422",
                        null,
                        new long[] {3, 0, 2, 0, 1}),
                // 1001332019673 with the last digit mistyped: registered nowhere, so no group either
                Arguments.of(
                        "bad check digit",
                        row(BAD_CHECK_DIGIT, 20, "AI", "0.084", "A"),
                        "BAD_MPAN",
                        "mpan",
                        "1001332019676",
                        null,
                        new long[] {3, 0, 2, 0, 1}),
                // 2026-01-15 has 48 periods: _A reads 4 (3 good + this), quarantines 1
                Arguments.of(
                        "period 49 on a 48-period day",
                        row(A3, 49, "AI", "0.412", "A"),
                        "BAD_PERIOD",
                        "settlement_period",
                        "49",
                        "_A",
                        new long[] {4, 1, 2, 0, 0}),
                // an import magnitude below zero: _A reads 4, quarantines 1 (and estimates A3's SP17)
                Arguments.of(
                        "negative import",
                        row(A3, 17, "AI", "-1.234", "A"),
                        "NEGATIVE",
                        "kwh",
                        "-1.234",
                        "_A",
                        new long[] {4, 1, 2, 0, 0}),
                // an export value for an import MPAN: _B reads 3, quarantines 1
                Arguments.of(
                        "export on an import MPAN",
                        row(B2, 30, "AE", "0.800", "A"),
                        "WRONG_MQ",
                        "measurement_quantity",
                        "AE",
                        "_B",
                        new long[] {3, 0, 3, 1, 0}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rowRules")
    void a_bad_row_is_quarantined_by_the_run_and_the_run_completes(
            String name, Row bad, String reason, String field, String value, String group, long[] counts)
            throws Exception {
        load(REFERENCE);
        List<Row> rows = new ArrayList<>(goodRows());
        rows.add(1, bad);
        Path file = dir.resolve("rows.parquet");
        write(file, rows);

        Result ingest = ingest(file);

        // ingest applies the file's own rules only: all six rows accepted, nothing quarantined yet
        assertThat(ingest.exitCode()).as(ingest.out() + ingest.err()).isZero();
        assertThat(ingest.out()).contains("6 rows read = 6 accepted + 0 quarantined");

        long runId = completedRun();

        assertThat(runQuarantine(runId))
                .containsExactly(tuple(group, 1L, file.toString(), 2L, bad.mpan(), bad.period(), field, value, reason));
        assertThat(partitions(runId))
                .containsExactly(
                        tuple("_A", counts[0], counts[0] - counts[1], counts[1]),
                        tuple("_B", counts[2], counts[2] - counts[3], counts[3]));
        assertThat(unassigned(runId)).isEqualTo(counts[4]);
        if (group != null) {
            // the group's data quality counts the row under its reason (period 0: the day; a period beyond the
            // day is counted in the day total only)
            assertThat(dataQuality(runId, group, 0, "QUARANTINED_" + reason))
                    .isEqualTo(tuple(
                            1L, new BigDecimal(bad.kwh()).abs().movePointLeft(3).setScale(6)));
        }
        assertReconciles(runId, 6);
    }

    @Test
    void duplicate_rows_are_used_once_and_the_others_counted_superseded_not_quarantined() throws Exception {
        load(REFERENCE);
        // file 1: A1 SP1 twice (rows 1, 2: same MPAN, date, period, quantity and received_at), B1 SP1 (row 3)
        Path first = dir.resolve("first.parquet");
        write(
                first,
                List.of(
                        row(A1, 1, "AI", "0.250", "A"),
                        row(A1, 1, "AI", "0.250", "A"),
                        row(B1, 1, "AI", "0.400", "A")));
        // file 2, the same received_at in its rows: A1 SP1 a third time, another value
        Path second = dir.resolve("second.parquet");
        write(second, List.of(row(A1, 1, "AI", "0.260", "A")));

        Result one = ingest(first);
        Result two = ingest(second);

        assertThat(one.exitCode()).as(one.out() + one.err()).isZero();
        assertThat(two.exitCode()).as(two.out() + two.err()).isZero();
        assertThat(one.out()).contains("3 rows read = 3 accepted + 0 quarantined");
        assertThat(two.out()).contains("1 rows read = 1 accepted + 0 quarantined");

        long runId = completedRun();

        // no quarantine: duplicates are SUPERSEDED (domain.md §8), one value chosen per (MPAN, quantity, period)
        assertThat(runQuarantine(runId)).isEmpty();
        // _A: 3 rows read, all accepted; _B: 1
        assertThat(partitions(runId)).containsExactly(tuple("_A", 3L, 3L, 0L), tuple("_B", 1L, 1L, 0L));
        // same quality and receipt time: the later row (file 2, larger row id) wins, 0.260 kWh = 0.000260 MWh; the two
        // copies of 0.250 in file 1 are superseded: 2 rows, 0.000500 MWh
        assertThat(dataQuality(runId, "_A", 1, "ACTUAL")).isEqualTo(tuple(1L, new BigDecimal("0.000260")));
        assertThat(dataQuality(runId, "_A", 1, "SUPERSEDED")).isEqualTo(tuple(2L, new BigDecimal("0.000500")));
        assertThat(dataQuality(runId, "_B", 1, "ACTUAL")).isEqualTo(tuple(1L, new BigDecimal("0.000400")));
        assertThat(dataQuality(runId, "_B", 0, "SUPERSEDED")).isNull();
        assertReconciles(runId, 4);
    }

    /**
     * A row the Parquet reader rejects (quality 'X': {@code BAD_VALUE}) is quarantined at ingest and again by the
     * run, for its group; the group's data quality must count it like the rows the calculation quarantines.
     */
    @Test
    void a_row_rejected_by_the_reader_is_counted_in_the_groups_data_quality() throws Exception {
        load(REFERENCE);
        List<Row> rows = new ArrayList<>(goodRows());
        rows.add(1, row(B2, 31, "AI", "0.105", "X"));
        Path file = dir.resolve("quality_x.parquet");
        write(file, rows);

        Result ingest = ingest(file);

        assertThat(ingest.exitCode()).isZero();
        assertThat(ingest.out()).contains("6 rows read = 5 accepted + 1 quarantined");
        assertThat(jdbc.sql("SELECT row_number, field, value, reason FROM quarantine WHERE run_id IS NULL")
                        .query()
                        .listOfRows())
                .extracting(r -> r.get("row_number"), r -> r.get("field"), r -> r.get("value"), r -> r.get("reason"))
                .containsExactly(tuple(2L, "quality", "X", "BAD_VALUE"));

        long runId = completedRun();

        assertThat(runQuarantine(runId))
                .containsExactly(tuple("_B", 1L, file.toString(), 2L, B2, 31, "quality", "X", "BAD_VALUE"));
        // _A 3 read, _B 3 read = 2 accepted + 1 quarantined
        assertThat(partitions(runId)).containsExactly(tuple("_A", 3L, 3L, 0L), tuple("_B", 3L, 2L, 1L));
        assertThat(dataQuality(runId, "_B", 0, "QUARANTINED_BAD_VALUE"))
                .isEqualTo(tuple(1L, new BigDecimal("0.000105")));
        assertReconciles(runId, 6);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Missing reference data fails the run

    /**
     * Runs read the ingested files in place: a file whose bytes changed after ingest (here rewritten with one value
     * different) fails the run, naming the file and both checksums, before anything is written.
     */
    @Test
    void a_file_changed_after_ingest_fails_the_run() throws Exception {
        load(REFERENCE);
        Path file = dir.resolve("changed.parquet");
        write(file, goodRows());
        assertThat(ingest(file).exitCode()).isZero();
        List<Row> changed = new ArrayList<>(goodRows());
        changed.set(0, row(changed.get(0).mpan(), changed.get(0).period(), "AI", "9.999", "A"));
        write(file, changed);

        Result run = winter.run();

        assertThat(run.exitCode()).as(run.printed()).isEqualTo(1);
        assertThat(run.err()).contains("meter-data file " + file).contains("has changed since it was ingested");
        assertThat(count("SELECT count(*) FROM settlement_run WHERE status = 'FAILED'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM supplier_volume")).isZero();
    }

    @Test
    void missing_llfs_and_a_missing_take_fail_the_run_before_any_output_listing_every_item() throws Exception {
        // without EELC's (group _A) LLFCs 310 and 510, both used by registrations in _A (109 class E, 35 class C
        // metering systems), and without _B's take
        load(referenceWithout(List.of("310", "510"), "_B"));

        long runId = failedRun(List.of(
                "_A: ",
                "MISSING_LLF: no LLF for LLFC EELC/310 on 2026-01-15",
                "MISSING_LLF: no LLF for LLFC EELC/510 on 2026-01-15",
                "_B: ",
                "MISSING_TAKE: no GSP group take (CDCA-I029) loaded for _B on 2026-01-15"));

        assertNothingWritten(runId);
    }

    /** One group missing both its take and an LLF: both must be listed, not only the first found. */
    @Test
    void a_group_missing_its_take_and_an_llf_lists_both() throws Exception {
        load(referenceWithout(List.of("310"), "_A"));

        long runId = failedRun(List.of(
                "MISSING_LLF: no LLF for LLFC EELC/310 on 2026-01-15",
                "MISSING_TAKE: no GSP group take (CDCA-I029) loaded for _A on 2026-01-15"));

        assertNothingWritten(runId);
    }

    /**
     * A copy of the sample's reference folder without the given LLFCs in EELC's D0265 (group _A's distributor) and
     * without the given group's take in the I029 file.
     */
    private Path referenceWithout(List<String> eelcLlfcs, String takeGroup) throws IOException {
        Path reference = dir.resolve("reference");
        Files.createDirectories(reference);
        try (Stream<Path> s = Files.list(REFERENCE)) {
            for (Path f : s.toList()) {
                Files.copy(f, reference.resolve(f.getFileName()));
            }
        }
        Path d0265 = reference.resolve("LLFEELC20260115PTF1.D0265");
        List<String> llf = dropBlocks(
                Files.readAllLines(d0265),
                "LLF|",
                eelcLlfcs.stream().map(c -> "LLF|" + c).toList(),
                "ZPT|");
        // 403 lines: header, DIS, 8 blocks of LLF + SDT + 48 SPL, trailer
        assertThat(llf).hasSize(403 - eelcLlfcs.size() * 50);
        Files.write(d0265, llf);
        Path i029 = reference.resolve("CDCA-I029_20260115_SF.I029");
        List<String> take = dropBlocks(Files.readAllLines(i029), "AGV|", List.of("AGV|" + takeGroup + "|"), "Z");
        // 98 lines: two blocks of AGV + 48 AGP
        assertThat(take).hasSize(49);
        Files.write(i029, take);
        return reference;
    }

    /**
     * Ingests a good file with a bad row (nothing of either may be written for the run), runs the date, checks it
     * fails with exactly the given problem lines ({@code "- CODE: ..."} lines, in any order; other strings are
     * checked to be in the message) and returns its run id.
     */
    private long failedRun(List<String> expected) throws Exception {
        List<Row> rows = new ArrayList<>(goodRows());
        rows.add(row(A3, 49, "AI", "0.412", "A"));
        Path file = dir.resolve("rows.parquet");
        write(file, rows);
        assertThat(ingest(file).exitCode()).isZero();

        Result run = winter.run();

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err()).contains("missing reference data, nothing calculated");
        Map<String, Object> failed = jdbc.sql("SELECT run_id, status, completed_at, output_fingerprint, failure_message"
                        + " FROM settlement_run")
                .query()
                .singleRow();
        assertThat(failed.get("status")).isEqualTo("FAILED");
        assertThat(failed.get("completed_at")).isNull();
        assertThat(failed.get("output_fingerprint")).isNull();
        String message = (String) failed.get("failure_message");
        assertThat(run.err()).contains(message);
        assertThat(message).contains(expected);
        // every missing item, each once, and nothing else
        List<String> problems = message.lines()
                .map(String::strip)
                .filter(l -> l.startsWith("- "))
                .map(l -> l.substring(2).replaceFirst("^_[A-Z]: ", "")) // each line names its GSP group first
                .toList();
        assertThat(problems)
                .as(message)
                .containsExactlyInAnyOrderElementsOf(
                        expected.stream().filter(e -> e.startsWith("MISSING_")).toList());
        return (Long) failed.get("run_id");
    }

    /** No output, quarantine or completed partition for the run, and it is in no view. */
    private void assertNothingWritten(long runId) {
        for (String table : OUTPUT_TABLES) {
            assertThat(count("SELECT count(*) FROM " + table + " WHERE run_id = " + runId))
                    .as(table)
                    .isZero();
        }
        assertThat(count("SELECT count(*) FROM quarantine WHERE run_id = " + runId))
                .isZero();
        assertThat(count("SELECT count(*) FROM run_partition WHERE run_id = " + runId + " AND (status = 'COMPLETE'"
                        + " OR meter_rows_read IS NOT NULL OR output_fingerprint IS NOT NULL)"))
                .isZero();
        assertThat(count("SELECT count(*) FROM settlement_run_latest_v1")).isZero();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    /** Good rows, 5: _A A1, A2, A3 in SP1 (0.250, 0.300, 0.275 kWh), _B B1, B2 in SP1 (0.400, 0.350 kWh). */
    private static List<Row> goodRows() {
        return List.of(
                row(A1, 1, "AI", "0.250", "A"),
                row(A2, 1, "AI", "0.300", "A"),
                row(A3, 1, "AI", "0.275", "A"),
                row(B1, 1, "AI", "0.400", "A"),
                row(B2, 1, "AI", "0.350", "A"));
    }

    /** The lines without the blocks starting with one of {@code drop} (a block ends at the next start or end). */
    private static List<String> dropBlocks(List<String> lines, String blockStart, List<String> drop, String end) {
        List<String> kept = new ArrayList<>();
        boolean dropping = false;
        for (String line : lines) {
            if (line.startsWith(blockStart) || line.startsWith(end)) {
                dropping = drop.stream().anyMatch(line::startsWith);
            }
            if (!dropping) {
                kept.add(line);
            }
        }
        return kept;
    }

    private static void write(Path file, List<Row> rows) throws SQLException {
        write(file, rows, "mpan, settlement_date, settlement_period, measurement_quantity, kwh, quality, received_at");
    }

    /**
     * Writes the rows (in order: row number i + 1) as Parquet with DuckDB, the given select list over the contract's
     * columns ({@code received_at} 2026-01-17T05:00:00 UTC for every row).
     */
    private static void write(Path file, List<Row> rows, String columns) throws SQLException {
        String values = java.util.stream.IntStream.range(0, rows.size())
                .mapToObj(i -> {
                    Row r = rows.get(i);
                    return "(" + i + ", " + r.mpan() + ", DATE '" + DATE + "', " + r.period() + ", '" + r.mq() + "', "
                            + r.kwh() + ", '" + r.quality() + "', TIMESTAMP '2026-01-17 05:00:00')";
                })
                .collect(Collectors.joining(", "));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("SET threads = 1");
            s.execute("CREATE TEMP TABLE src (n INTEGER, mpan BIGINT, settlement_date DATE, settlement_period INTEGER,"
                    + " measurement_quantity VARCHAR, kwh DECIMAL(12,3), quality VARCHAR, received_at TIMESTAMP)");
            s.execute("INSERT INTO src VALUES " + values);
            s.execute("COPY (SELECT " + columns + " FROM src ORDER BY n) TO '"
                    + file.toString().replace("'", "''") + "' (FORMAT parquet)");
        }
    }

    private void load(Path folder) {
        Result load = gbsettle.run("load-reference", "--by", "it", folder.toString());
        assertThat(load.exitCode()).as(load.out() + load.err()).isZero();
    }

    private Result ingest(Path... files) {
        return gbsettle.ingest(RECEIVED, List.of(files));
    }

    /** Runs the date (SF at the sample's cut-off) and checks it completes; its run id. */
    private long completedRun() {
        Result run = winter.run();
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        long runId = GbSettleCli.runId(run.out());
        assertThat(jdbc.sql("SELECT status FROM settlement_run WHERE run_id = :id")
                        .param("id", runId)
                        .query(String.class)
                        .single())
                .isEqualTo("COMPLETE");
        return runId;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private String message(long fileId) {
        return jdbc.sql("SELECT message FROM meter_data_file WHERE file_id = :id")
                .param("id", fileId)
                .query(String.class)
                .single();
    }

    private List<Long> manifestFileIds(long runId) {
        return jdbc.sql("SELECT CAST(f ->> 'file_id' AS BIGINT) FROM settlement_run,"
                        + " jsonb_array_elements(input_manifest -> 'meter_data_files') f WHERE run_id = :id")
                .param("id", runId)
                .query(Long.class)
                .list();
    }

    /** Per partition, in group order: group, rows read, accepted, quarantined. */
    private List<org.assertj.core.groups.Tuple> partitions(long runId) {
        return jdbc.sql("SELECT gsp_group, meter_rows_read, meter_rows_accepted, meter_rows_quarantined"
                        + " FROM run_partition WHERE run_id = :id ORDER BY gsp_group")
                .param("id", runId)
                .query((rs, n) -> tuple(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    /** The run's quarantine: group, file id, path, row, MPAN, period, field, value, reason; by file and row. */
    private List<org.assertj.core.groups.Tuple> runQuarantine(long runId) {
        return jdbc.sql("""
                        SELECT gsp_group, file_id, file_path, row_number, mpan, settlement_period, field, value, reason
                          FROM quarantine WHERE run_id = :id ORDER BY file_id, row_number
                        """)
                .param("id", runId)
                .query((rs, n) -> tuple(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getInt(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9)))
                .list();
    }

    private long unassigned(long runId) {
        return count("SELECT count(*) FROM quarantine WHERE run_id = " + runId + " AND gsp_group IS NULL");
    }

    /** A data_quality row's count and MWh (scale 6), or null if there is none. */
    private org.assertj.core.groups.@org.jspecify.annotations.Nullable Tuple dataQuality(
            long runId, String group, int period, String measure) {
        return jdbc.sql("SELECT count, mwh FROM data_quality WHERE run_id = :id AND gsp_group = :g"
                        + " AND settlement_period = :p AND measure = :m")
                .param("id", runId)
                .param("g", group)
                .param("p", period)
                .param("m", measure)
                .query((rs, n) -> tuple(rs.getLong(1), rs.getBigDecimal(2).setScale(6)))
                .optional()
                .orElse(null);
    }

    /**
     * No row lost, from the tables: the accepted files' rows read (at ingest) = {@code rowsRead} = rows read by the
     * run's partitions + rows quarantined in no group; per partition read = accepted + quarantined, quarantined = its
     * quarantine rows = its data-quality quarantine counts (day totals), accepted = its data-quality counts of used,
     * superseded and after-cut-off rows; per file read = accepted + rejected, rejected = its ingest quarantine rows.
     */
    private void assertReconciles(long runId, long rowsRead) {
        assertThat(count("SELECT COALESCE(sum(rows_read), 0) FROM meter_data_file WHERE status = 'ACCEPTED'"))
                .as("rows read from the files at ingest")
                .isEqualTo(rowsRead);
        assertThat(count("SELECT count(*) FROM meter_data_file f WHERE rows_read <> rows_accepted + rows_rejected"
                        + " OR rows_rejected <> (SELECT count(*) FROM quarantine q WHERE q.file_id = f.file_id"
                        + " AND q.run_id IS NULL)"))
                .as("files whose counts do not reconcile with their ingest quarantine")
                .isZero();
        long partitionsRead =
                count("SELECT COALESCE(sum(meter_rows_read), 0) FROM run_partition WHERE run_id = " + runId);
        assertThat(partitionsRead + unassigned(runId))
                .as("rows read by the partitions + quarantined in no group")
                .isEqualTo(rowsRead);
        List<String> problems = new ArrayList<>();
        jdbc.sql("""
                        SELECT p.gsp_group, p.meter_rows_read, p.meter_rows_accepted, p.meter_rows_quarantined,
                               (SELECT count(*) FROM quarantine q
                                 WHERE q.run_id = p.run_id AND q.gsp_group = p.gsp_group) AS quarantine_rows,
                               (SELECT COALESCE(sum(count), 0) FROM data_quality d
                                 WHERE d.run_id = p.run_id AND d.gsp_group = p.gsp_group AND d.settlement_period = 0
                                   AND d.""" + QUARANTINED + """
                               ) AS dq_quarantined,
                               (SELECT COALESCE(sum(count), 0) FROM data_quality d
                                 WHERE d.run_id = p.run_id AND d.gsp_group = p.gsp_group AND d.settlement_period = 0
                                   AND d.""" + ACCEPTED + """
                               ) AS dq_accepted
                          FROM run_partition p WHERE p.run_id = :id ORDER BY p.gsp_group
                        """)
                .param("id", runId)
                .query((rs, n) -> {
                    String g = rs.getString(1);
                    long read = rs.getLong(2);
                    long accepted = rs.getLong(3);
                    long quarantined = rs.getLong(4);
                    if (read != accepted + quarantined) {
                        problems.add(
                                g + ": read " + read + " != accepted " + accepted + " + quarantined " + quarantined);
                    }
                    if (quarantined != rs.getLong(5)) {
                        problems.add(g + ": quarantined " + quarantined + " != quarantine rows " + rs.getLong(5));
                    }
                    if (quarantined != rs.getLong(6)) {
                        problems.add(
                                g + ": quarantined " + quarantined + " != data_quality QUARANTINED_* " + rs.getLong(6));
                    }
                    if (accepted != rs.getLong(7)) {
                        problems.add(g + ": accepted " + accepted + " != data_quality ACTUAL + SUBMITTED_ESTIMATE +"
                                + " SUPERSEDED + AFTER_CUTOFF " + rs.getLong(7));
                    }
                    return g;
                })
                .list();
        assertThat(problems).as("partition counts that do not reconcile").isEmpty();
    }
}
