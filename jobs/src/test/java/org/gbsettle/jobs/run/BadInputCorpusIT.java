package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.report.ConservationChecks;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.gbsettle.jobs.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bad-input corpus {@code sample-data/bad/}: every row of the case table of its README.md through the command line
 * on embedded PostgreSQL, its exit code, per-file status and counts, quarantine by reason and message fragments
 * asserted as the table states them; and conservation over the corpus: for every accepted file rows read = accepted +
 * quarantined = accepted + its ingest quarantine rows, and for every completed run the partitions' rows read + the
 * run's quarantine rows of no group = the ingested rows read; and for every case that ingests rows (the run on it made
 * for an {@code ingest} case) the run report's per-file conservation lines ({@code gbsettle report}, its CSV bundle):
 * rows read = accepted + quarantined, the figures the table gives, and the report's conservation checks passing. Meter-data files are written here at run time (the
 * README's file table); reference files are the committed ones laid over a copy of the winter day's reference folder.
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BadInputCorpusIT {

    static final Path CORPUS = SampleDayFixture.SAMPLES.resolve("bad");

    private static final Path REFERENCE =
            SampleDayFixture.sampleDay(SampleDayFixture.WINTER).referenceFolder();

    private static final String RECEIVED = "2026-01-17T06:00:00Z";

    private static final long A1 = 1_001_059_165_040L;
    private static final long A2 = 1_001_103_171_809L;
    private static final long A3 = 1_001_183_180_661L;
    private static final long B1 = 1_101_025_624_114L;
    private static final long B2 = 1_101_041_812_344L;
    private static final long BAD_CHECK_DIGIT = 1_001_332_019_676L;

    private static final Pattern FILE_OUTCOME =
            Pattern.compile("(ACCEPTED|REJECTED) (\\d+) = (\\d+) \\+ (\\d+)(?: dated ([0-9, -]+))?");
    private static final Pattern REASON_COUNT = Pattern.compile("([A-Z_]+) (\\d+)(?: \\(([^)]*)\\))?");
    private static final Pattern FRAGMENT = Pattern.compile("`([^`]+)`");

    /** One row of the case table. */
    record Case(
            String name,
            String stage,
            List<String> files,
            String wrong,
            int exit,
            String fileOutcomes,
            String quarantine,
            String message) {
        @Override
        public String toString() {
            return name + " (" + wrong + ")";
        }
    }

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

    private final SampleDayFixture winter = SampleDayFixture.of(gbsettle, SampleDayFixture.WINTER);

    @BeforeEach
    void emptyDatabase() {
        jdbc.sql("TRUNCATE bm_unit_volume, supplier_volume, gsp_group_correction, data_quality, calculation_issue"
                        + ", quarantine, run_partition, settlement_run, meter_data_file, reference_load"
                        + ", batch_step_execution_context, batch_step_execution, batch_job_execution_context"
                        + ", batch_job_execution_params, batch_job_execution, batch_job_instance"
                        + " RESTART IDENTITY CASCADE")
                .update();
    }

    /** The case table of sample-data/bad/README.md: the rows after the header starting {@code | case |}. */
    static List<Case> cases() throws IOException {
        List<String> lines = Files.readAllLines(CORPUS.resolve("README.md"));
        int header = lines.indexOf(
                lines.stream().filter(l -> l.startsWith("| case |")).findFirst().orElseThrow());
        List<Case> cases = new ArrayList<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] c = line.substring(1, line.length() - 1).split(" \\| ", -1);
            assertThat(c).as(line).hasSize(8);
            cases.add(new Case(
                    c[0].trim(),
                    c[1].trim(),
                    Arrays.stream(c[2].split(",")).map(String::trim).toList(),
                    c[3].trim(),
                    Integer.parseInt(c[4].trim()),
                    c[5].trim(),
                    c[6].trim(),
                    c[7].trim()));
        }
        return cases;
    }

    @Test
    void the_table_covers_every_committed_reference_case_and_every_kind_of_fault() throws IOException {
        List<String> folders;
        try (Stream<Path> s = Files.list(CORPUS.resolve("reference"))) {
            folders = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(cases().stream()
                        .filter(c -> c.stage().equals("reference"))
                        .map(Case::name)
                        .sorted())
                .containsExactlyElementsOf(folders);
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void each_bad_input_has_the_outcome_the_table_gives(Case c) throws Exception {
        switch (c.stage()) {
            case "reference" -> reference(c);
            case "ingest" -> ingest(c);
            case "run" -> run(c);
            default -> throw new AssertionError("unknown stage " + c.stage());
        }
    }

    private void reference(Case c) throws IOException {
        Path folder = dir.resolve("reference");
        SampleDayFixture.copyFolder(REFERENCE, folder);
        for (String file : c.files()) {
            Files.copy(
                    CORPUS.resolve("reference").resolve(c.name()).resolve(file),
                    folder.resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Result load = gbsettle.run("load-reference", "--by", "it", folder.toString());
        assertThat(load.exitCode()).as(load.printed()).isEqualTo(c.exit());
        assertMessage(c, load);
        if (c.exit() != 0) {
            // all or nothing: the refused folder left no load behind
            assertThat(count("SELECT count(*) FROM reference_load")).isZero();
        }
    }

    private Result ingest(Case c) throws Exception {
        winter.loadReference();
        List<Path> files = new ArrayList<>();
        for (String name : c.files()) {
            Path file = dir.resolve(name);
            write(file);
            files.add(file);
        }
        Result ingest = gbsettle.ingest(RECEIVED, files);
        if (c.stage().equals("ingest")) {
            assertThat(ingest.exitCode()).as(ingest.printed()).isEqualTo(c.exit());
            assertMessage(c, ingest);
        }
        assertFiles(c);
        assertQuarantine(c.stage().equals("ingest") ? c.quarantine() : "-", "run_id IS NULL");
        assertFilesConserve();
        if (c.stage().equals("ingest") && !acceptedFiles(c).isEmpty()) {
            // a case that ingests rows: the run on it, and its report's per-file conservation
            Result run = winter.run();
            assertThat(run.exitCode()).as(run.printed()).isZero();
            assertReportConserves(c, GbSettleCli.runId(run.out()));
        }
        return ingest;
    }

    private void run(Case c) throws Exception {
        Result ingest = ingest(c);
        assertThat(ingest.exitCode()).as(ingest.printed()).isZero();
        Result run = winter.run();
        assertThat(run.exitCode()).as(run.printed()).isEqualTo(c.exit());
        assertMessage(c, run);
        long runId = GbSettleCli.runId(run.out());
        assertThat(jdbc.sql("SELECT status FROM settlement_run WHERE run_id = :id")
                        .param("id", runId)
                        .query(String.class)
                        .single())
                .isEqualTo("COMPLETE");
        assertQuarantine(c.quarantine(), "run_id = " + runId);
        long read = count("SELECT COALESCE(sum(rows_read), 0) FROM meter_data_file WHERE status = 'ACCEPTED'");
        long partitions = count("SELECT COALESCE(sum(meter_rows_read), 0) FROM run_partition WHERE run_id = " + runId);
        long unassigned = count("SELECT count(*) FROM quarantine WHERE run_id = " + runId + " AND gsp_group IS NULL");
        assertThat(partitions + unassigned)
                .as("rows read by the partitions + quarantined in no group = rows ingested")
                .isEqualTo(read);
        assertThat(count("SELECT count(*) FROM run_partition WHERE run_id = " + runId
                        + " AND meter_rows_read <> meter_rows_accepted + meter_rows_quarantined"))
                .as("partitions whose rows read are not accepted + quarantined")
                .isZero();
        assertThat(count("SELECT count(*) FROM run_partition p WHERE run_id = " + runId
                        + " AND meter_rows_quarantined <> (SELECT count(*) FROM quarantine q"
                        + " WHERE q.run_id = p.run_id AND q.gsp_group = p.gsp_group)"))
                .as("partitions whose quarantined count is not their quarantine rows")
                .isZero();
        assertReportConserves(c, runId);
    }

    /**
     * The case's accepted files with rows, as the table gives them: file name to {@code read = accepted +
     * quarantined}.
     */
    private static Map<String, String> acceptedFiles(Case c) {
        Map<String, String> accepted = new LinkedHashMap<>();
        Matcher m = FILE_OUTCOME.matcher(c.fileOutcomes());
        for (int i = 0; m.find(); i++) {
            if (m.group(1).equals("ACCEPTED") && Long.parseLong(m.group(2)) > 0) {
                accepted.put(c.files().get(i), m.group(2) + " = " + m.group(3) + " + " + m.group(4));
            }
        }
        return accepted;
    }

    /**
     * Conservation as the run's report shows it ({@code gbsettle report --run ID}, its CSV bundle): the report lists
     * exactly the case's accepted files, each with rows read = accepted + quarantined and the quarantined its ingest
     * quarantine rows, the figures the table gives; and its conservation checks of files and GSP groups pass.
     */
    private void assertReportConserves(Case c, long runId) throws IOException {
        Path out = dir.resolve("reports");
        Result report = gbsettle.run("report", "--run", Long.toString(runId), "--out", out.toString());
        assertThat(report.exitCode()).as(report.printed()).isZero();
        Path bundle = out.resolve("run-" + runId + "-report");
        Map<String, String> shown = new LinkedHashMap<>();
        for (Map<String, String> f : csv(bundle.resolve("meter_data_files.csv"))) {
            long read = Long.parseLong(field(f, "rows_read"));
            long accepted = Long.parseLong(field(f, "rows_accepted"));
            long rejected = Long.parseLong(field(f, "rows_rejected"));
            assertThat(read).as("report: " + f).isEqualTo(accepted + rejected);
            assertThat(Long.parseLong(field(f, "quarantined_at_ingest")))
                    .as("report: " + f)
                    .isEqualTo(rejected);
            shown.put(Path.of(field(f, "path")).getFileName().toString(), read + " = " + accepted + " + " + rejected);
        }
        assertThat(shown)
                .as("the report's files, rows read = accepted + quarantined")
                .isEqualTo(acceptedFiles(c));
        Map<String, String> checks = new LinkedHashMap<>();
        for (Map<String, String> check : csv(bundle.resolve("conservation_checks.csv"))) {
            checks.put(field(check, "check"), field(check, "cases") + " " + field(check, "result"));
        }
        assertThat(checks)
                .as("the report's conservation checks")
                .containsEntry(ConservationChecks.FILE_ROWS, shown.size() + " PASS")
                .containsEntry(
                        ConservationChecks.PARTITION_ROWS,
                        count("SELECT count(*) FROM run_partition WHERE run_id = " + runId) + " PASS");
    }

    private static String field(Map<String, String> record, String column) {
        String value = record.get(column);
        assertThat(value).as(column + " of " + record).isNotNull();
        return java.util.Objects.requireNonNull(value);
    }

    /** The records of a CSV file with a header, each a map of column to value. */
    private static List<Map<String, String>> csv(Path file) throws IOException {
        try (CSVParser parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(Files.newBufferedReader(file))) {
            return parser.getRecords().stream().map(CSVRecord::toMap).toList();
        }
    }

    private void assertMessage(Case c, Result result) {
        Matcher m = FRAGMENT.matcher(c.message());
        while (m.find()) {
            assertThat(result.printed()).contains(m.group(1));
        }
    }

    /** Per file in table order: status, rows read, accepted, quarantined; for the ingest and run stages. */
    private void assertFiles(Case c) {
        List<String> expected = new ArrayList<>();
        Matcher m = FILE_OUTCOME.matcher(c.fileOutcomes());
        while (m.find()) {
            String dates = m.group(5);
            expected.add(m.group(1) + " " + m.group(2) + " = " + m.group(3) + " + " + m.group(4)
                    + (dates == null ? "" : " dated " + dates.trim()));
        }
        assertThat(expected).as("file outcomes of the table").hasSameSizeAs(c.files());
        // the settlement dates only where the table gives them
        List<String> actual = jdbc.sql("SELECT status || ' ' || rows_read || ' = ' || rows_accepted || ' + '"
                        + " || rows_rejected, array_to_string(settlement_dates, ', ')"
                        + " FROM meter_data_file ORDER BY file_id")
                .query((rs, n) -> expected.size() > n && expected.get(n).contains(" dated ")
                        ? rs.getString(1) + " dated " + rs.getString(2)
                        : rs.getString(1))
                .list();
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    /**
     * The quarantine rows by reason as the table gives them ({@code REASON count}), and where it lists them ({@code
     * REASON count (row N field, ...)}) which rows and fields.
     */
    private void assertQuarantine(String table, String where) {
        Map<String, Long> expected = new LinkedHashMap<>();
        Map<String, List<String>> expectedRows = new LinkedHashMap<>();
        Matcher m = REASON_COUNT.matcher(table);
        while (m.find()) {
            expected.put(m.group(1), Long.parseLong(m.group(2)));
            String rows = m.group(3);
            if (rows != null) {
                expectedRows.put(
                        m.group(1),
                        Arrays.stream(rows.split(",")).map(String::trim).toList());
            }
        }
        Map<String, Long> actual = new LinkedHashMap<>();
        jdbc.sql("SELECT reason, count(*) FROM quarantine WHERE " + where + " GROUP BY reason")
                .query((rs, n) -> actual.put(rs.getString(1), rs.getLong(2)))
                .list();
        assertThat(actual).as("quarantine rows by reason, " + where).isEqualTo(expected);
        expectedRows.forEach((reason, rows) -> assertThat(jdbc.sql("SELECT 'row ' || row_number || ' ' || field"
                                + " FROM quarantine WHERE " + where + " AND reason = :reason ORDER BY row_number")
                        .param("reason", reason)
                        .query(String.class)
                        .list())
                .as(reason + " rows, " + where)
                .containsExactlyElementsOf(rows));
    }

    /** Conservation per file: read = accepted + rejected, rejected = its ingest quarantine rows. */
    private void assertFilesConserve() {
        assertThat(jdbc.sql("SELECT file_path FROM meter_data_file f WHERE rows_read <> rows_accepted + rows_rejected"
                                + " OR rows_rejected <> (SELECT count(*) FROM quarantine q WHERE q.file_id = f.file_id"
                                + " AND q.run_id IS NULL)")
                        .query(String.class)
                        .list())
                .as("files whose rows read are not accepted + quarantined")
                .isEmpty();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** Writes the corpus file named like {@code file} (sample-data/bad/README.md, the file table). */
    private void write(Path file) throws IOException, SQLException {
        String name = file.getFileName().toString();
        String good = values(
                row(A1, "2026-01-15", "1", "0.500", "'A'"),
                row(A2, "2026-01-15", "1", "0.500", "'A'"),
                row(A3, "2026-01-15", "1", "0.500", "'A'"),
                row(B1, "2026-01-15", "1", "0.500", "'A'"),
                row(B2, "2026-01-15", "1", "0.500", "'A'"));
        String all = "mpan, settlement_date, settlement_period, measurement_quantity, kwh, quality, received_at";
        switch (name) {
            case "good.parquet" -> parquet(file, good, all);
            case "empty.parquet" -> Files.write(file, new byte[0]);
            case "truncated.parquet" -> {
                byte[] bytes = goodBytes();
                Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
            }
            case "corrupt.parquet" -> {
                byte[] bytes = goodBytes();
                Arrays.fill(bytes, 4, bytes.length / 2, (byte) 0xFF);
                Files.write(file, bytes);
            }
            case "kwh_as_string.parquet" -> parquet(file, good, all.replace("kwh,", "CAST(kwh AS VARCHAR) AS kwh,"));
            case "no_quality.parquet" -> parquet(file, good, all.replace("quality, ", ""));
            case "nulls.parquet" ->
                parquet(
                        file,
                        values(
                                row(A1, "2026-01-15", "1", "0.500", "'A'"),
                                row(A2, "2026-01-15", "NULL", "0.500", "'A'"),
                                row(A3, null, "1", "0.500", "'A'"),
                                row(B1, "2026-01-15", "1", "NULL", "'A'"),
                                row(B2, "2026-01-15", "1", "0.500", "NULL")),
                        all);
            case "other_date.parquet" ->
                parquet(
                        file,
                        values(row(A1, "2026-01-16", "1", "0.500", "'A'"), row(A2, "2026-01-15", "1", "0.500", "'A'")),
                        all);
            case "out_of_range.parquet" ->
                parquet(
                        file,
                        values(
                                row(A1, "2026-01-15", "0", "0.500", "'A'"),
                                row(A2, "2026-01-15", "51", "0.500", "'A'"),
                                row(A3, "2026-01-15", "1", "-1.000", "'A'"),
                                row(B1, "2026-01-15", "1", "999999999.999", "'A'"),
                                row(BAD_CHECK_DIGIT, "2026-01-15", "1", "0.500", "'A'"),
                                row(B2, "2026-01-15", "1", "0.500", "'A'")),
                        all);
            case "duplicates.parquet" ->
                parquet(
                        file,
                        values(
                                row(A1, "2026-01-15", "1", "0.500", "'A'"),
                                row(A1, "2026-01-15", "1", "0.600", "'A'"),
                                row(A1, "2026-01-15", "1", "0.700", "'A'"),
                                row(B1, "2026-01-15", "1", "0.500", "'A'")),
                        all);
            default -> throw new AssertionError("no such corpus file " + name);
        }
    }

    private byte[] goodBytes() throws IOException, SQLException {
        Path good = dir.resolve("source-good.parquet");
        write(good.resolveSibling("good.parquet"));
        Files.move(good.resolveSibling("good.parquet"), good, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return Files.readAllBytes(good);
    }

    /** A row's SQL values after its number: MPAN, date (null: NULL), period, AI, kWh, quality, receipt. */
    private static String row(
            long mpan, @org.jspecify.annotations.Nullable String date, String period, String kwh, String quality) {
        return mpan + ", " + (date == null ? "NULL" : "DATE '" + date + "'") + ", " + period + ", 'AI', " + kwh + ", "
                + quality + ", TIMESTAMP '2026-01-17 05:00:00'";
    }

    private static String values(String... rows) {
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            numbered.add("(" + i + ", " + rows[i] + ")");
        }
        return String.join(", ", numbered);
    }

    /** Writes the rows as Parquet with DuckDB, in order, the select list {@code columns} over the contract's. */
    private static void parquet(Path file, String values, String columns) throws SQLException {
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
}
