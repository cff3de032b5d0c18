package org.gbsettle.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gbsettle.jobs.SettlementJobsApplication;
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
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code gbsettle export} after the winter sample day's run on a real embedded PostgreSQL 17: the Parquet files read
 * back with DuckDB (an independent reader) and the CSV files with Apache Commons CSV, every row compared, in order,
 * with the rows of the database read here with this test's own SQL; the Parquet column types as DuckDB sees them; the
 * per-supplier folders holding exactly each supplier's rows; the manifests' row counts and SHA-256 against the files.
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunExportIT {

    /**
     * Each exported table's rows of a run in the database, in key order (parameter: the run id): what the files must
     * hold, written here from the tables' definitions (sql/migrations/V0005, V0004), not from the export's code.
     */
    private static final Map<String, String> DATABASE_ROWS = new LinkedHashMap<>();

    static {
        String run = " JOIN settlement_run r ON r.run_id = t.run_id WHERE t.run_id = ? ORDER BY ";
        DATABASE_ROWS.put(
                "supplier_volume",
                "SELECT t.run_id, r.settlement_date, t.gsp_group, t.supplier_id, t.bm_unit_id, t.ccc_id,"
                        + " t.settlement_period, t.uncorrected_mwh, t.weight, t.factor, t.corrected_exact_mwh,"
                        + " t.corrected_mwh FROM supplier_volume t" + run
                        + "t.gsp_group, t.supplier_id, t.bm_unit_id, t.ccc_id, t.settlement_period");
        DATABASE_ROWS.put(
                "bm_unit_volume",
                "SELECT t.run_id, r.settlement_date, t.gsp_group, t.supplier_id, t.bm_unit_id, t.settlement_period,"
                        + " t.exact_mwh, t.bmuadv_mwh FROM bm_unit_volume t" + run
                        + "t.gsp_group, t.bm_unit_id, t.settlement_period");
        DATABASE_ROWS.put(
                "gsp_group_correction",
                "SELECT t.run_id, r.settlement_date, t.gsp_group, t.settlement_period, t.gcf_type, t.gcf,"
                        + " t.gsp_group_take_mwh, t.take_estimated, t.uncorrected_total_mwh, t.correctable_mwh,"
                        + " t.unallocated_mwh, t.published_residual_mwh, array_to_string(t.flags, ';')"
                        + " FROM gsp_group_correction t" + run + "t.gsp_group, t.settlement_period, t.gcf_type");
        DATABASE_ROWS.put(
                "data_quality",
                "SELECT t.run_id, r.settlement_date, t.gsp_group, t.settlement_period, t.measure, t.count, t.mwh"
                        + " FROM data_quality t" + run + "t.gsp_group, t.settlement_period, t.measure");
        DATABASE_ROWS.put(
                "calculation_issue",
                "SELECT t.run_id, r.settlement_date, t.gsp_group, t.issue_number, t.code, t.mpan,"
                        + " t.settlement_period, t.message FROM calculation_issue t" + run
                        + "t.gsp_group, t.issue_number");
        DATABASE_ROWS.put(
                "quarantine",
                "SELECT t.run_id, t.gsp_group, t.file_id, t.file_path, t.row_number, t.mpan, t.settlement_date,"
                        + " t.settlement_period, t.field, t.value, t.reason, t.detail FROM quarantine t" + run
                        + "t.gsp_group NULLS FIRST, t.file_path, t.row_number, t.quarantine_id");
    }

    private static final ResultSetExtractor<List<List<String>>> ROWS = RunExportIT::rows;

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
        runId = SampleDayFixture.of(gbsettle, SampleDayFixture.WINTER).loadIngestAndRun();
    }

    /** A value as text for comparing: numbers in plain notation without trailing zeros, dates ISO, null "". */
    private static String canonical(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        return value.toString();
    }

    /** The rows of a result set, each value {@link #canonical}. */
    private static List<List<String>> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>(meta.getColumnCount());
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                row.add(canonical(rs.getObject(c)));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The database's rows of a table for the run, canonical. */
    private List<List<String>> databaseRows(String table) {
        return jdbc.sql(DATABASE_ROWS.get(table)).param(runId).query(ROWS);
    }

    /** The database's rows of a table for the run as JDBC gives them. */
    private List<List<Object>> databaseObjects(String table) {
        return jdbc.sql(DATABASE_ROWS.get(table)).param(runId).query((ResultSet rs) -> {
            int n = rs.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int c = 1; c <= n; c++) {
                    row.add(rs.getObject(c));
                }
                rows.add(row);
            }
            return rows;
        });
    }

    private static List<List<String>> duckDbRows(Connection duck, Path file) throws SQLException {
        try (Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
            return rows(rs);
        }
    }

    private static Map<String, String> duckDbTypes(Connection duck, Path file) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
            while (rs.next()) {
                types.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        return types;
    }

    private static Connection duckDb() throws SQLException {
        Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            // one thread: rows come back in file order
            s.execute("SET threads = 1");
        }
        return duck;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Result export(String... options) {
        List<String> args = new ArrayList<>(List.of("export", "--run", Long.toString(runId)));
        args.addAll(List.of(options));
        return gbsettle.run(args.toArray(String[]::new));
    }

    @Test
    void parquet_files_read_back_with_duckdb_hold_every_row_of_the_database_in_order()
            throws IOException, SQLException {
        Path out = DATABASE.directory().resolve("parquet");

        Result r = export("--format", "parquet", "--out", out.toString());

        assertThat(r.exitCode()).as(r.printed()).isZero();
        assertThat(r.out()).contains("Run " + runId + " (2026-01-15 SF 1) exported as parquet to " + out);
        String manifest = Files.readString(out.resolve("manifest.json"));
        try (Connection duck = duckDb()) {
            for (String table : DATABASE_ROWS.keySet()) {
                Path file = out.resolve(table + ".parquet");
                List<List<String>> expected = databaseRows(table);

                List<List<String>> read = duckDbRows(duck, file);

                assertThat(read).as(table).isEqualTo(expected);
                assertThat(manifest)
                        .contains("{\"path\": \"" + table + ".parquet\", \"table\": \"" + table
                                + "\", \"supplier_id\": null, \"rows\": " + expected.size() + ", \"sha256\": \""
                                + sha256(file) + "\"");
            }
            // the sample's README: 5,962 + 5,670 supplier volume rows, 13 BM units x 48 periods per group, 2 x 48
            // correction rows, 9 - 2 rows of the bad file quarantined (the duplicates are used)
            assertThat(databaseRows("supplier_volume")).hasSize(5962 + 5670);
            assertThat(databaseRows("bm_unit_volume")).hasSize(2 * 13 * 48);
            assertThat(databaseRows("gsp_group_correction")).hasSize(2 * 48);
            assertThat(databaseRows("quarantine")).hasSize(7);

            // the documented types (sql/README.md, Exports)
            assertThat(duckDbTypes(duck, out.resolve("supplier_volume.parquet")))
                    .containsExactly(
                            Map.entry("run_id", "BIGINT"),
                            Map.entry("settlement_date", "DATE"),
                            Map.entry("gsp_group", "VARCHAR"),
                            Map.entry("supplier_id", "VARCHAR"),
                            Map.entry("bm_unit_id", "VARCHAR"),
                            Map.entry("ccc_id", "INTEGER"),
                            Map.entry("settlement_period", "INTEGER"),
                            Map.entry("uncorrected_mwh", "DECIMAL(38,18)"),
                            Map.entry("weight", "DECIMAL(38,18)"),
                            Map.entry("factor", "DECIMAL(38,18)"),
                            Map.entry("corrected_exact_mwh", "DECIMAL(38,18)"),
                            Map.entry("corrected_mwh", "DECIMAL(14,4)"));
            assertThat(duckDbTypes(duck, out.resolve("gsp_group_correction.parquet")))
                    .containsEntry("gcf", "DECIMAL(18,9)")
                    .containsEntry("gsp_group_take_mwh", "DECIMAL(14,4)")
                    .containsEntry("take_estimated", "BOOLEAN")
                    .containsEntry("flags", "VARCHAR");
            assertThat(duckDbTypes(duck, out.resolve("quarantine.parquet")))
                    .containsEntry("row_number", "BIGINT")
                    .containsEntry("settlement_date", "DATE")
                    .containsEntry("settlement_period", "INTEGER");
            // what an analyst does with it: the corrected total per group equals the database's
            try (Statement s = duck.createStatement();
                    ResultSet rs = s.executeQuery("SELECT gsp_group, sum(corrected_mwh) FROM read_parquet('"
                            + out.resolve("supplier_volume.parquet") + "') GROUP BY 1 ORDER BY 1")) {
                List<List<String>> sums = rows(rs);
                assertThat(sums)
                        .isEqualTo(jdbc.sql("SELECT gsp_group, sum(corrected_mwh) FROM supplier_volume"
                                        + " WHERE run_id = ? GROUP BY 1 ORDER BY 1")
                                .param(runId)
                                .query(ROWS));
            }
        }
        String fingerprint = jdbc.sql("SELECT output_fingerprint FROM settlement_run WHERE run_id = ?")
                .param(runId)
                .query(String.class)
                .single();
        assertThat(manifest)
                .contains("\"run_id\": " + runId + ",\n")
                .contains("\"settlement_date\": \"2026-01-15\",\n")
                .contains("\"run_type\": \"SF\",\n")
                .contains("\"output_fingerprint\": \"" + fingerprint + "\",\n")
                .contains("\"format\": \"parquet\",\n")
                .contains("{\"name\": \"corrected_mwh\", \"type\": \"DECIMAL(14,4)\", \"nullable\": false}");
    }

    @Test
    void csv_files_read_back_with_commons_csv_hold_every_row_of_the_database_in_order()
            throws IOException, SQLException {
        Path out = DATABASE.directory().resolve("csv");

        Result r = export("--format", "csv", "--out", out.toString());

        assertThat(r.exitCode()).as(r.printed()).isZero();
        for (String table : DATABASE_ROWS.keySet()) {
            Path file = out.resolve(table + ".csv");
            List<List<Object>> database = databaseObjects(table);
            List<List<String>> expected = databaseRows(table);
            List<List<String>> read = new ArrayList<>();
            List<String> header;
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    CSVParser csv = CSVFormat.RFC4180
                            .builder()
                            .setHeader()
                            .setSkipHeaderRecord(true)
                            .get()
                            .parse(in)) {
                header = csv.getHeaderNames();
                for (CSVRecord record : csv) {
                    List<String> row = new ArrayList<>();
                    List<Object> types = database.get(Math.min(read.size(), database.size() - 1));
                    for (int c = 0; c < record.size(); c++) {
                        String value = record.get(c);
                        // a number compares by value (a CSV decimal keeps the database's scale: 0.0000)
                        row.add(
                                types.get(c) instanceof Number && !value.isEmpty()
                                        ? canonical(new BigDecimal(value))
                                        : value);
                    }
                    read.add(row);
                }
            }
            assertThat(header)
                    .as(table)
                    .hasSize(
                            expected.isEmpty() ? header.size() : expected.get(0).size());
            assertThat(read).as(table).isEqualTo(expected);
            String text = Files.readString(file);
            assertThat(text).as(table).contains("\r\n");
            if (!table.equals("quarantine") && !table.equals("calculation_issue")) {
                // no exponent notation in the numbers (the text columns are free text)
                assertThat(text).as(table).doesNotContainPattern("\\dE-?\\d");
            }
        }
        assertThat(Files.readString(out.resolve("supplier_volume.csv")))
                .startsWith("run_id,settlement_date,gsp_group,supplier_id,bm_unit_id,ccc_id,settlement_period,"
                        + "uncorrected_mwh,weight,factor,corrected_exact_mwh,corrected_mwh\r\n" + runId
                        + ",2026-01-15,_A,");
        assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"format\": \"csv\",\n");
    }

    @Test
    void by_supplier_each_folder_holds_exactly_that_suppliers_rows_and_its_own_manifest()
            throws IOException, SQLException {
        Path out = DATABASE.directory().resolve("by-supplier");

        Result r = export("--format", "parquet", "--out", out.toString(), "--by-supplier");

        assertThat(r.exitCode()).as(r.printed()).isZero();
        List<String> suppliers = jdbc.sql("SELECT DISTINCT supplier_id FROM bm_unit_volume WHERE run_id = ? ORDER BY 1")
                .param(runId)
                .query(String.class)
                .list();
        // sample-data README: ten suppliers, each with a default BM unit in both groups
        assertThat(suppliers).hasSize(10);
        List<String> folders;
        try (Stream<Path> s = Files.list(out)) {
            folders = s.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }
        assertThat(folders).isEqualTo(suppliers);
        String top = Files.readString(out.resolve("manifest.json"));
        try (Connection duck = duckDb()) {
            for (String supplier : suppliers) {
                Path folder = out.resolve(supplier);
                try (Stream<Path> s = Files.list(folder)) {
                    assertThat(s.map(p -> p.getFileName().toString()).sorted())
                            .containsExactly(
                                    "bm_unit_volume.parquet",
                                    "gsp_group_correction.parquet",
                                    "manifest.json",
                                    "supplier_volume.parquet");
                }
                String own = Files.readString(folder.resolve("manifest.json"));
                assertThat(own).contains("\"supplier_id\": \"" + supplier + "\",\n");
                for (String table : List.of("supplier_volume", "bm_unit_volume")) {
                    List<List<String>> expected = new ArrayList<>();
                    for (List<String> row : databaseRows(table)) {
                        if (row.get(3).equals(supplier)) {
                            expected.add(row);
                        }
                    }
                    Path file = folder.resolve(table + ".parquet");
                    assertThat(duckDbRows(duck, file))
                            .as(supplier + " " + table)
                            .isEqualTo(expected);
                    String listed = "\"table\": \"" + table + "\", \"supplier_id\": \"" + supplier + "\", \"rows\": "
                            + expected.size() + ", \"sha256\": \"" + sha256(file) + "\"";
                    assertThat(own).contains("{\"path\": \"" + table + ".parquet\", " + listed);
                    assertThat(top).contains("{\"path\": \"" + supplier + "/" + table + ".parquet\", " + listed);
                }
                // the correction of both groups the supplier has BM units in
                assertThat(duckDbRows(duck, folder.resolve("gsp_group_correction.parquet")))
                        .isEqualTo(databaseRows("gsp_group_correction"));
            }
        }
        assertThat(top).contains("\"supplier_id\": null,\n").doesNotContain("quarantine");
    }

    @Test
    void refusals() throws IOException {
        Result missing = gbsettle.run(
                "export",
                "--run",
                "999",
                "--format",
                "csv",
                "--out",
                DATABASE.directory().resolve("none").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("there is no run 999");

        Path full = DATABASE.directory().resolve("full");
        Files.createDirectories(full);
        Files.writeString(full.resolve("x.txt"), "x");
        Result notEmpty = export("--format", "csv", "--out", full.toString());
        assertThat(notEmpty.exitCode()).isEqualTo(1);
        assertThat(notEmpty.err()).contains("is not empty");

        Result badFormat = export("--format", "xlsx");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err()).contains("Export format must be parquet or csv, not 'xlsx'");
        assertThat(export("--out", "x").exitCode()).isEqualTo(2);
    }
}
