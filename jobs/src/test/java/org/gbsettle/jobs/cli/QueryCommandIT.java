package org.gbsettle.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.sample.SampleDay;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.gbsettle.jobs.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code gbsettle query} and {@code gbsettle database} on a real embedded PostgreSQL 17: the winter sample day loaded,
 * ingested and run through the command line, then queried through the analyst views, its per-supplier sums checked
 * against the sums of the day's expected CSVs (worked out here from the files, not from the application); CSV output
 * read back; writes and several statements refused with nothing changed; PostgreSQL's message for a bad query;
 * {@code database} giving a URL a JDBC client can use while it runs, and stopping its server when it ends.
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryCommandIT {

    private static final SampleDay DAY = SampleDayFixture.sampleDay(SampleDayFixture.WINTER);

    /** BM unit volumes per GSP group and supplier from the analyst view, as the analyst README shows it. */
    private static final String BM_UNIT_SUMS = """
            SELECT gsp_group, supplier_id, round(sum(bmuadv_mwh), 4) AS mwh
              FROM settlement_volume_latest_v1
             WHERE settlement_date = '2026-01-15'
             GROUP BY 1, 2 ORDER BY 1, 2""";

    /** Corrected supplier volumes per GSP group and supplier of the authoritative runs. */
    private static final String SUPPLIER_SUMS = """
            SELECT l.gsp_group, s.supplier_id, round(sum(s.corrected_mwh), 4) AS mwh
              FROM settlement_run_latest_v1 l
              JOIN supplier_volume s ON s.run_id = l.run_id AND s.gsp_group = l.gsp_group
             WHERE l.settlement_date = '2026-01-15'
             GROUP BY 1, 2 ORDER BY 1, 2""";

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

    @BeforeAll
    void load_ingest_and_run_the_winter_day() {
        new SampleDayFixture(gbsettle, DAY).loadIngestAndRun();
    }

    /** Sums of a column of the day's expected CSV per GSP group and supplier, keyed {@code group supplier}. */
    private static Map<String, BigDecimal> expectedSums(String file, String column) throws IOException {
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (String group : List.of("_A", "_B")) {
            try (Reader in = Files.newBufferedReader(DAY.expected(group).resolve(file));
                    CSVParser csv = CSVFormat.RFC4180
                            .builder()
                            .setHeader()
                            .setSkipHeaderRecord(true)
                            .get()
                            .parse(in)) {
                for (CSVRecord r : csv) {
                    sums.merge(group + " " + r.get("supplier_id"), new BigDecimal(r.get(column)), BigDecimal::add);
                }
            }
        }
        return sums;
    }

    /** The rows of a printed table (after the header, before the count) as {@code group supplier -> mwh}. */
    private static Map<String, BigDecimal> tableSums(String table) {
        List<String> lines = table.lines().toList();
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (String line : lines.subList(1, lines.size() - 1)) {
            String[] cells = line.trim().split(" +");
            assertThat(cells).as(line).hasSize(3);
            sums.put(cells[0] + " " + cells[1], new BigDecimal(cells[2]));
        }
        return sums;
    }

    private static void assertSameValues(Map<String, BigDecimal> actual, Map<String, BigDecimal> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((key, value) -> assertThat(actual.get(key)).as(key).isEqualByComparingTo(value));
    }

    @Test
    void bm_unit_volumes_per_supplier_from_the_view_equal_the_expected_csv_sums() throws IOException {
        Map<String, BigDecimal> expected = expectedSums("bm_unit_volume.csv", "bmuadv_mwh");
        assertThat(expected).isNotEmpty();

        Result r = gbsettle.run("query", BM_UNIT_SUMS);

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).matches("gsp_group  supplier_id +mwh");
        // mwh is a number: right-aligned, every line of the table as wide as the widest
        int width = lines.get(0).length();
        for (String line : lines.subList(1, lines.size() - 1)) {
            assertThat(line).hasSize(width).matches("_[AB] {9}\\S+ +-?\\d+\\.\\d{4}");
        }
        assertThat(lines.get(lines.size() - 1)).isEqualTo("(" + expected.size() + " rows)");
        assertSameValues(tableSums(r.out()), expected);
    }

    @Test
    void corrected_supplier_volumes_per_supplier_equal_the_expected_csv_sums() throws IOException {
        Map<String, BigDecimal> expected = expectedSums("supplier_volume.csv", "corrected_mwh");

        Result r = gbsettle.run("query", SUPPLIER_SUMS);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertSameValues(tableSums(r.out()), expected);
    }

    @Test
    void csv_output_reads_back_to_the_same_values() throws IOException {
        Map<String, BigDecimal> expected = expectedSums("bm_unit_volume.csv", "bmuadv_mwh");

        Result r = gbsettle.run("query", "--csv", BM_UNIT_SUMS);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("gsp_group,supplier_id,mwh\r\n").doesNotContain("rows)");
        Map<String, BigDecimal> read = new TreeMap<>();
        try (CSVParser csv = CSVParser.parse(
                new StringReader(r.out()),
                CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get())) {
            for (CSVRecord record : csv) {
                read.put(record.get("gsp_group") + " " + record.get("supplier_id"), new BigDecimal(record.get("mwh")));
            }
        }
        assertSameValues(read, expected);
    }

    @Test
    void a_statement_from_a_file_with_nulls_and_a_row_limit() throws IOException {
        Path file = DATABASE.directory().resolve("q.sql");
        Files.writeString(file, "SELECT run_id, failure_message, status FROM settlement_run_history_v1;\n");

        Result r = gbsettle.run("query", "--file", file.toString(), "--max-rows", "5");

        assertThat(r.exitCode()).as(r.err()).isZero();
        // failure_message is NULL for the complete run: nothing between the columns
        assertThat(r.out())
                .containsPattern("(?m)^run_id  failure_message  status$")
                .containsPattern("(?m)^ +\\d+ {19}COMPLETE$")
                .endsWith("(1 row)\n");

        Result limited = gbsettle.run(
                "query",
                "--max-rows",
                "2",
                "SELECT gsp_group FROM settlement_run_latest_v1 ORDER BY 1" + " LIMIT 0 OFFSET 0");
        assertThat(limited.out()).isEqualTo("gsp_group\n(0 rows)\n");
        Result truncated = gbsettle.run("query", "--max-rows", "3", "SELECT generate_series(1, 10) AS n");
        assertThat(truncated.out()).isEqualTo("n\n1\n2\n3\n(first 3 rows shown; there are more: --max-rows 3)\n");
        Result csv = gbsettle.run("query", "--csv", "--max-rows", "3", "SELECT generate_series(1, 10) AS n");
        assertThat(csv.out()).isEqualTo("n\r\n1\r\n2\r\n3\r\n");
        assertThat(csv.err()).contains("(first 3 rows shown; there are more: --max-rows 3)");
    }

    @Test
    void a_write_is_refused_and_nothing_changes() {
        long quarantined = quarantineRows();
        assertThat(quarantined).isPositive();

        Result delete = gbsettle.run("query", "DELETE FROM quarantine");
        Result update = gbsettle.run("query", "UPDATE settlement_run SET status = 'FAILED'");
        Result function = gbsettle.run("query", "SELECT nextval(pg_get_serial_sequence('settlement_run', 'run_id'))");
        Result escape = gbsettle.run("query", "COMMIT; DELETE FROM quarantine");

        assertThat(delete.exitCode()).isEqualTo(1);
        assertThat(delete.err())
                .startsWith("gbsettle query: error: refused, queries are read-only and nothing was changed:"
                        + " ERROR: cannot execute DELETE in a read-only transaction");
        assertThat(update.exitCode()).isEqualTo(1);
        assertThat(update.err()).contains("cannot execute UPDATE in a read-only transaction");
        assertThat(function.exitCode()).isEqualTo(1);
        assertThat(function.err()).contains("cannot execute nextval() in a read-only transaction");
        assertThat(escape.exitCode()).isEqualTo(1);
        assertThat(escape.err()).contains("Give one SQL statement, not 2");
        assertThat(quarantineRows()).isEqualTo(quarantined);
        assertThat(jdbc.sql("SELECT count(*) FROM settlement_run WHERE status <> 'COMPLETE'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void a_sql_error_prints_postgresqls_message() {
        // the view has BM unit volumes (bmuadv_mwh); corrected_mwh is a column of supplier_volume
        Result r = gbsettle.run(
                "query",
                "SELECT gsp_group, supplier_id, round(sum(corrected_mwh), 4) AS mwh FROM settlement_volume_latest_v1"
                        + " WHERE settlement_date = '2026-01-15' GROUP BY 1, 2 ORDER BY 1, 2");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .startsWith("gbsettle query: error: ERROR: column \"corrected_mwh\" does not exist")
                .contains("Position: 42");
    }

    @Test
    void bad_arguments_exit_2() {
        assertThat(gbsettle.run("query").exitCode()).isEqualTo(2);
        assertThat(gbsettle.run("query", "--file", "x.sql", "SELECT 1").err())
                .contains("Give the SQL statement either as SQL or as --file FILE");
        assertThat(gbsettle.run("query", "--max-rows", "0", "SELECT 1").exitCode())
                .isEqualTo(2);
        Result missing = gbsettle.run(
                "query", "--file", DATABASE.directory().resolve("missing.sql").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("There is no SQL file");
    }

    @Test
    void database_prints_a_url_that_works_while_it_runs_and_stops_its_server_after() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // a context of its own, as on the command line: its own embedded server on another data directory
        Path dataDir = DATABASE.directory().resolve("pgdata-database");
        ContextProvider ownContext = new ContextProvider() {
            @Override
            public int withContext(ToIntFunction<ApplicationContext> work) {
                return withContext(Map.of(), work);
            }

            @Override
            public int withContext(Map<String, String> properties, ToIntFunction<ApplicationContext> work) {
                Map<String, String> all = new HashMap<>(properties);
                all.put("gbsettle.database.data-dir", dataDir.toString());
                return new NewContextPerCommand(SettlementJobsApplication.class).withContext(all, work);
            }
        };
        StringWriter out = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread command = new Thread(() -> exit.set(GbSettleCli.of(ownContext)
                .run(out, "database", "--for", "PT3S", "--port", Integer.toString(port))
                .exitCode()));
        command.start();

        String url = awaitUrl(command, out, Duration.ofSeconds(90));
        assertThat(url).isEqualTo("jdbc:postgresql://localhost:" + port + "/gbsettle");
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM settlement_volume_latest_v1")) {
            // a new database, migrated: the view is there and empty
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isZero();
        }
        command.join(60_000);

        assertThat(command.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
        assertThat(out.toString())
                .contains("psql      psql -h localhost -p " + port + " -U postgres -d gbsettle\n")
                .contains("user      postgres\n")
                .contains("password  none")
                .contains("Running for PT3S")
                .endsWith("Stopping the database.\n");
        assertThatThrownBy(
                        () -> DriverManager.getConnection(url, "postgres", "").close())
                .as("the server is stopped")
                .isInstanceOf(SQLException.class);
    }

    @Test
    void database_runs_until_interrupted() throws Exception {
        StringWriter out = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread command = new Thread(() -> exit.set(gbsettle.run(out, "database").exitCode()));
        command.start();
        String url = awaitUrl(command, out, Duration.ofSeconds(30));
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            assertThat(c.isValid(5)).isTrue();
        }
        assertThat(out.toString()).contains("Running until interrupted");

        command.interrupt();
        command.join(30_000);

        assertThat(command.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
        assertThat(out.toString()).endsWith("Interrupted: stopping the database.\n");
    }

    private static String awaitUrl(Thread command, StringWriter out, Duration timeout) throws InterruptedException {
        Pattern url = Pattern.compile("(?m)^JDBC URL  (\\S+)$");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Matcher m = url.matcher(out.toString());
            if (m.find()) {
                return m.group(1);
            }
            if (!command.isAlive()) {
                throw new AssertionError("the command ended without printing a JDBC URL: " + out);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no JDBC URL printed in " + timeout + ": " + out);
    }

    private long quarantineRows() {
        return jdbc.sql("SELECT count(*) FROM quarantine").query(Long.class).single();
    }
}
