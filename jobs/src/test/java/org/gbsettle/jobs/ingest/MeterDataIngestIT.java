package org.gbsettle.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.batch.RecordedJobs;
import org.gbsettle.jobs.io.postgres.JdbcMeterDataFileRepository;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.gbsettle.jobs.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code gbsettle ingest} on a real embedded PostgreSQL 17 with the sample day 2026-01-15's meter-data files (counts
 * from its README), one Spring context for every test; each test starts from empty file and quarantine tables.
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MeterDataIngestIT {

    private static final Path DAY = Path.of("../sample-data/2026-01-15_normal_winter_day/meter-data")
            .toAbsolutePath()
            .normalize();
    private static final Path SPRING_BAD = Path.of(
                    "../sample-data/2026-03-29_spring_clock_change/meter-data/meter_reads_bad.parquet")
            .toAbsolutePath()
            .normalize();
    private static final LocalDate JAN_15 = LocalDate.of(2026, 1, 15);

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

    @Autowired
    JdbcMeterDataFileRepository files;

    @Autowired
    JobRepository jobRepository;

    private final GbSettleCli gbsettle = GbSettleCli.in(() -> context);

    @BeforeEach
    void emptyTables() {
        jdbc.sql("TRUNCATE meter_data_file, quarantine RESTART IDENTITY CASCADE")
                .update();
        jdbc.sql("TRUNCATE batch_step_execution_context, batch_step_execution, batch_job_execution_context,"
                        + " batch_job_execution_params, batch_job_execution, batch_job_instance")
                .update();
    }

    /** The executions of the meterDataIngest job recorded in the job repository. */
    private List<RecordedJobs.Execution> ingests() {
        return RecordedJobs.of(jdbc, jobRepository, MeterDataIngestJob.JOB_NAME);
    }

    private Result ingest(String receivedAt, Path... paths) {
        return gbsettle.ingest(receivedAt, List.of(paths));
    }

    private void ingestSampleDay() {
        // receipt times of the sample README
        assertThat(ingest("2026-01-17T05:12:00Z", DAY.resolve("meter_reads_1.parquet"))
                        .exitCode())
                .isZero();
        assertThat(ingest("2026-01-17T05:47:00Z", DAY.resolve("meter_reads_2.parquet"))
                        .exitCode())
                .isZero();
        assertThat(ingest("2026-01-17T06:20:00Z", DAY.resolve("meter_reads_3.parquet"))
                        .exitCode())
                .isZero();
        assertThat(ingest("2026-01-18T09:30:00Z", DAY.resolve("meter_reads_bad.parquet"))
                        .exitCode())
                .isZero();
    }

    @Test
    void the_sample_days_files_are_registered_with_their_counts() {
        ingestSampleDay();

        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT file_path, layout, status, rows_read, rows_accepted, rows_rejected,
                               first_settlement_date, last_settlement_date, CAST(settlement_dates AS TEXT) AS dates,
                               received_at, size_bytes, sha256
                          FROM meter_data_file ORDER BY file_id
                        """).query().listOfRows();

        // README: 65,029, 67,556 and 65,136 rows, all good; the bad file's 9 rows: the reader rejects row 8 (quality
        // 'X'), the other 8 are for the run to judge against the registrations and the calendar
        assertThat(rows)
                .extracting(
                        r -> r.get("file_path"),
                        r -> r.get("layout"),
                        r -> r.get("status"),
                        r -> r.get("rows_read"),
                        r -> r.get("rows_accepted"),
                        r -> r.get("rows_rejected"),
                        r -> r.get("dates"))
                .containsExactly(
                        tuple(path("meter_reads_1"), "DATE_PERIOD", "ACCEPTED", 65_029L, 65_029L, 0L, "{2026-01-15}"),
                        tuple(path("meter_reads_2"), "DATE_PERIOD", "ACCEPTED", 67_556L, 67_556L, 0L, "{2026-01-15}"),
                        tuple(path("meter_reads_3"), "DATE_PERIOD", "ACCEPTED", 65_136L, 65_136L, 0L, "{2026-01-15}"),
                        tuple(path("meter_reads_bad"), "DATE_PERIOD", "ACCEPTED", 9L, 8L, 1L, "{2026-01-15}"));
        Map<String, Object> first = rows.get(0);
        assertThat(first.get("first_settlement_date")).hasToString("2026-01-15");
        assertThat(first.get("last_settlement_date")).hasToString("2026-01-15");
        assertThat(((java.sql.Timestamp) first.get("received_at")).toInstant())
                .isEqualTo(Instant.parse("2026-01-17T05:12:00Z"));
        assertThat(first.get("size_bytes")).isEqualTo(size(DAY.resolve("meter_reads_1.parquet")));
        assertThat(first.get("sha256")).isEqualTo(sha256(DAY.resolve("meter_reads_1.parquet")));

        // four commands, four meterDataIngest job instances, each COMPLETED with its file and receipt time
        List<RecordedJobs.Execution> jobs = ingests();
        assertThat(jobs)
                .extracting(
                        RecordedJobs.Execution::status,
                        RecordedJobs.Execution::stepName,
                        RecordedJobs.Execution::stepStatus,
                        e -> e.identifying().get("files"),
                        e -> e.identifying().get("received.at"))
                .containsExactly(
                        tuple("COMPLETED", "ingest", "COMPLETED", path("meter_reads_1"), "2026-01-17T05:12:00Z"),
                        tuple("COMPLETED", "ingest", "COMPLETED", path("meter_reads_2"), "2026-01-17T05:47:00Z"),
                        tuple("COMPLETED", "ingest", "COMPLETED", path("meter_reads_3"), "2026-01-17T06:20:00Z"),
                        tuple("COMPLETED", "ingest", "COMPLETED", path("meter_reads_bad"), "2026-01-18T09:30:00Z"));
        assertThat(jobs).extracting(RecordedJobs.Execution::instanceId).doesNotHaveDuplicates();
        assertThat(jobs)
                .allSatisfy(e ->
                        assertThat(e.identifying()).containsKey("requested.at").hasSize(3));
        // the bad file's step: 1 file, ingested; rows 9 read = 8 accepted (written) + 1 quarantined (filtered)
        RecordedJobs.Execution bad = jobs.get(3);
        assertThat(bad.stepContext())
                .containsEntry("files", 1)
                .containsEntry("files.ingested", 1L)
                .containsEntry("files.already.ingested", 0L)
                .containsEntry("files.rejected", 0L)
                .containsEntry("files.failed", 0L)
                .containsEntry("rows.read", 9L)
                .containsEntry("rows.accepted", 8L)
                .containsEntry("rows.quarantined", 1L);
        assertThat(List.of(bad.readCount(), bad.writeCount(), bad.filterCount()))
                .containsExactly(9L, 8L, 1L);
        assertThat(jobs.get(0).stepContext()).containsEntry("rows.read", 65_029L);
    }

    @Test
    void several_files_are_one_job_with_the_files_in_the_order_given_and_their_counts() throws Exception {
        byte[] bytes = Files.readAllBytes(DAY.resolve("meter_reads_1.parquet"));
        Path truncated = dir.resolve("truncated.parquet");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        Path missing = dir.resolve("missing.parquet");

        // relative to the working directory as given; recorded absolute, in this order (bad, truncated, missing)
        Path relativeBad = Path.of("").toAbsolutePath().relativize(DAY.resolve("meter_reads_bad.parquet"));
        Result result = gbsettle.run("ingest", relativeBad.toString(), truncated.toString(), missing.toString());

        assertThat(result.exitCode()).isOne();
        List<RecordedJobs.Execution> jobs = ingests();
        assertThat(jobs).hasSize(1);
        RecordedJobs.Execution job = jobs.get(0);
        // a rejected and a missing file are outcomes of the job, which completes
        assertThat(job.status()).isEqualTo("COMPLETED");
        assertThat(job.identifying())
                .containsEntry("files", path("meter_reads_bad") + "\n" + truncated + "\n" + missing)
                .doesNotContainKey("received.at");
        // 3 files: the bad one ingested (9 rows = 8 + 1), the truncated one rejected (0 rows), one missing
        assertThat(job.stepContext())
                .containsEntry("files", 3)
                .containsEntry("files.ingested", 1L)
                .containsEntry("files.rejected", 1L)
                .containsEntry("files.failed", 1L)
                .containsEntry("rows.read", 9L)
                .containsEntry("rows.accepted", 8L)
                .containsEntry("rows.quarantined", 1L);
        assertThat(result.out().lines().toList())
                .hasSize(2)
                .satisfiesExactly(
                        l -> assertThat(l).startsWith(path("meter_reads_bad") + ": ingested as file 1"),
                        l -> assertThat(l).startsWith(truncated + ": rejected as file 2"));
        assertThat(result.err()).contains("gbsettle ingest: error: " + missing + ": no such file");
    }

    @Test
    void the_bad_files_rejected_row_is_quarantined_with_its_reason() {
        Result result = ingest("2026-01-18T09:30:00Z", DAY.resolve("meter_reads_bad.parquet"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("meter_reads_bad.parquet: ingested as file 1, 9 rows read = 8 accepted + 1 quarantined,"
                        + " settlement date 2026-01-15, received 2026-01-18T09:30:00Z");
        // README row 8: 1101457106387, SP31, AI, 0.105, quality 'X': BAD_VALUE
        assertThat(jdbc.sql("""
                                SELECT file_id, file_path, row_number, mpan, settlement_date, settlement_period, field,
                                       value, reason, run_id
                                  FROM quarantine ORDER BY row_number
                                """).query().listOfRows())
                .extracting(
                        r -> r.get("file_id"),
                        r -> r.get("file_path"),
                        r -> r.get("row_number"),
                        r -> r.get("mpan"),
                        r -> String.valueOf(r.get("settlement_date")),
                        r -> r.get("settlement_period"),
                        r -> r.get("field"),
                        r -> r.get("value"),
                        r -> r.get("reason"),
                        r -> r.get("run_id"))
                .containsExactly(tuple(
                        1L,
                        path("meter_reads_bad"),
                        8L,
                        1_101_457_106_387L,
                        "2026-01-15",
                        31,
                        "quality",
                        "X",
                        "BAD_VALUE",
                        null));
    }

    @Test
    void ingesting_the_same_file_again_changes_nothing() {
        ingestSampleDay();
        String before = snapshot();

        Result again = ingest("2026-02-01T00:00:00Z", DAY.resolve("meter_reads_bad.parquet"));

        assertThat(again.exitCode()).isZero();
        // the same file again is a job instance of its own, recording that nothing was ingested
        List<RecordedJobs.Execution> jobs = ingests();
        assertThat(jobs)
                .hasSize(5)
                .extracting(RecordedJobs.Execution::instanceId)
                .doesNotHaveDuplicates();
        assertThat(jobs.get(4).status()).isEqualTo("COMPLETED");
        assertThat(jobs.get(4).stepContext())
                .containsEntry("files.already.ingested", 1L)
                .containsEntry("files.ingested", 0L)
                .containsEntry("rows.read", 0L);
        assertThat(again.out())
                .contains("meter_reads_bad.parquet: already ingested as file 4")
                .contains("received 2026-01-18T09:30:00Z")
                .contains("nothing changed");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void a_changed_file_at_the_same_path_is_a_new_delivery() throws Exception {
        Path delivered = dir.resolve("meter_reads_late.parquet");
        Files.copy(DAY.resolve("meter_reads_bad.parquet"), delivered);
        assertThat(ingest("2026-01-18T09:30:00Z", delivered).exitCode()).isZero();
        Files.copy(SPRING_BAD, delivered, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Result second = ingest("2026-04-01T08:00:00Z", delivered);

        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("ingested as file 2");
        assertThat(jdbc.sql("SELECT file_path, received_at FROM meter_data_file ORDER BY file_id")
                        .query((rs, n) -> rs.getString(1) + " "
                                + rs.getObject(2, OffsetDateTime.class).toInstant())
                        .list())
                .containsExactly(delivered + " 2026-01-18T09:30:00Z", delivered + " 2026-04-01T08:00:00Z");
    }

    @Test
    void a_corrupt_file_is_recorded_as_rejected_and_the_others_are_ingested() throws Exception {
        byte[] bytes = Files.readAllBytes(DAY.resolve("meter_reads_1.parquet"));
        Path truncated = dir.resolve("truncated.parquet");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));

        Result result = ingest("2026-01-17T05:12:00Z", truncated, DAY.resolve("meter_reads_bad.parquet"));

        assertThat(result.exitCode()).isOne();
        assertThat(result.out())
                .contains(truncated + ": rejected as file 1: truncated.parquet: is not a Parquet file or is truncated")
                .contains("meter_reads_bad.parquet: ingested as file 2");
        assertThat(jdbc.sql("""
                                SELECT status, layout, rows_read, message, size_bytes, sha256
                                  FROM meter_data_file ORDER BY file_id
                                """).query().listOfRows())
                .extracting(
                        r -> r.get("status"),
                        r -> r.get("layout"),
                        r -> r.get("rows_read"),
                        r -> r.get("size_bytes"),
                        r -> r.get("sha256"))
                .containsExactly(
                        tuple("REJECTED", null, 0L, (long) bytes.length / 2, sha256(truncated)),
                        tuple(
                                "ACCEPTED",
                                "DATE_PERIOD",
                                9L,
                                size(DAY.resolve("meter_reads_bad.parquet")),
                                sha256(DAY.resolve("meter_reads_bad.parquet"))));

        // the same corrupt bytes again: already on record, still an error
        Result again = ingest("2026-01-17T06:00:00Z", truncated);
        assertThat(again.exitCode()).isOne();
        assertThat(again.out()).contains("already ingested as file 1").contains("rejected: truncated.parquet");
        assertThat(jdbc.sql("SELECT count(*) FROM meter_data_file")
                        .query(Long.class)
                        .single())
                .isEqualTo(2L);
    }

    @Test
    void a_file_with_a_schema_error_is_recorded_as_rejected() throws Exception {
        Path noQuality = dir.resolve("no_quality.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("COPY (SELECT 1001332019673::BIGINT AS mpan, DATE '2026-01-15' AS settlement_date,"
                    + " 1 AS settlement_period, 'AI' AS measurement_quantity, 0.5::DECIMAL(12,3) AS kwh) TO '"
                    + noQuality + "' (FORMAT parquet)");
        }

        Result result = ingest("2026-01-17T05:12:00Z", noQuality);

        assertThat(result.exitCode()).isOne();
        assertThat(jdbc.sql("SELECT status || ' ' || message FROM meter_data_file")
                        .query(String.class)
                        .single())
                .startsWith("REJECTED no_quality.parquet")
                .contains("quality");
        assertThat(files.receivedFor(JAN_15, Instant.parse("2030-01-01T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void a_missing_file_is_an_error_and_nothing_is_recorded() {
        Result result = ingest("2026-01-17T05:12:00Z", dir.resolve("nothing.parquet"));

        assertThat(result.exitCode()).isOne();
        assertThat(result.err()).contains("nothing.parquet: no such file");
        assertThat(jdbc.sql("SELECT count(*) FROM meter_data_file")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void without_received_at_the_receipt_time_is_the_files_modification_time() throws Exception {
        Path delivered = dir.resolve("meter_reads_bad.parquet");
        Files.copy(DAY.resolve("meter_reads_bad.parquet"), delivered);
        Instant modified = Instant.parse("2026-01-18T09:30:00.123456Z");
        Files.setLastModifiedTime(delivered, java.nio.file.attribute.FileTime.from(modified));

        assertThat(gbsettle.run("ingest", delivered.toString()).exitCode()).isZero();

        assertThat(files.receivedFor(JAN_15, modified))
                .extracting(ReceivedMeterDataFile::receivedAt)
                .containsExactly(modified);
    }

    @Test
    void a_run_sees_the_files_of_its_date_received_by_its_cut_off_newest_first() throws Exception {
        ingestSampleDay();
        Path corrupt = dir.resolve("corrupt.parquet");
        Files.write(corrupt, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
        ingest("2026-01-17T00:00:00Z", corrupt);
        ingest("2026-04-01T00:00:00Z", SPRING_BAD);

        // the sample's cut-off 2026-02-06T00:00Z: every file of the day, newest receipt first; not the corrupt file
        assertThat(files.receivedFor(JAN_15, Instant.parse("2026-02-06T00:00:00Z")))
                .extracting(
                        f -> f.path().getFileName().toString(),
                        f -> f.receivedAt().toString())
                .containsExactly(
                        tuple("meter_reads_bad.parquet", "2026-01-18T09:30:00Z"),
                        tuple("meter_reads_3.parquet", "2026-01-17T06:20:00Z"),
                        tuple("meter_reads_2.parquet", "2026-01-17T05:47:00Z"),
                        tuple("meter_reads_1.parquet", "2026-01-17T05:12:00Z"));
        // a cut-off at a receipt time includes that file (received_at <= cut-off)
        assertThat(files.receivedFor(JAN_15, Instant.parse("2026-01-17T05:47:00Z")))
                .extracting(f -> f.path().getFileName().toString())
                .containsExactly("meter_reads_2.parquet", "meter_reads_1.parquet");
        assertThat(files.receivedFor(JAN_15, Instant.parse("2026-01-17T05:11:59Z")))
                .isEmpty();
        // another date: only its own file
        assertThat(files.receivedFor(LocalDate.of(2026, 3, 29), Instant.parse("2026-04-02T00:00:00Z")))
                .extracting(ReceivedMeterDataFile::path)
                .containsExactly(SPRING_BAD);
    }

    private static String path(String name) {
        return DAY.resolve(name + ".parquet").toString();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** SHA-256 of a file, computed here independently of the ingest. */
    private static String sha256(Path file) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String snapshot() {
        return jdbc.sql("SELECT string_agg(f::text, '|' ORDER BY file_id) FROM meter_data_file f")
                        .query(String.class)
                        .single()
                + jdbc.sql("SELECT string_agg(q::text, '|' ORDER BY quarantine_id) FROM quarantine q")
                        .query(String.class)
                        .single();
    }
}
