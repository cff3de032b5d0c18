package org.gbsettle.jobs.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.GspGroups;
import org.gbsettle.engine.reference.ProfileCoefficients;
import org.gbsettle.jobs.io.parquet.ReferenceParquetReader.ColumnType;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;
import org.gbsettle.refdata.csv.ProfileCoefficientsCsv;
import org.gbsettle.refdata.csv.RegistrationsCsv;
import org.gbsettle.refdata.csv.TextTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Registration and profile coefficient Parquet files written by DuckDB and by parquet-java, read into text tables and
 * checked by the CSV parsers' rules: the sample day's files read as their CSVs do, nulls, a bad check digit, wrong
 * types, a missing column and a file that is not Parquet.
 */
class ReferenceParquetReaderTest {

    static final Set<GspGroup> GROUPS = Set.copyOf(GspGroups.ALL);

    /** The registration columns as the load uses them (jobs.reference.ParquetColumns; restated here). */
    static final Map<String, ColumnType> REGISTRATION = registrationColumns();

    static final Map<String, ColumnType> COEFFICIENTS = coefficientColumns();

    @TempDir
    Path tmp;

    static Map<String, ColumnType> registrationColumns() {
        Map<String, ColumnType> m = new LinkedHashMap<>();
        for (String c : RegistrationsCsv.COLUMNS) {
            m.put(c, ColumnType.STRING);
        }
        m.put("mpan_core", ColumnType.MPAN);
        m.put("distributor_short_code", ColumnType.INTEGER);
        m.put("domestic", ColumnType.FLAG);
        m.put("annual_consumption_kwh", ColumnType.NUMBER);
        m.put("profile_class", ColumnType.INTEGER);
        m.put("effective_from", ColumnType.DATE);
        m.put("effective_to", ColumnType.DATE);
        return m;
    }

    static Map<String, ColumnType> coefficientColumns() {
        Map<String, ColumnType> m = new LinkedHashMap<>();
        for (String c : ProfileCoefficientsCsv.COLUMNS) {
            m.put(c, ColumnType.STRING);
        }
        m.put("profile_class", ColumnType.INTEGER);
        m.put("settlement_date", ColumnType.DATE);
        m.put("settlement_period", ColumnType.INTEGER);
        m.put("coefficient", ColumnType.NUMBER);
        return m;
    }

    static Path sample(String file) {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("sample-data"))) {
            dir = dir.getParent();
        }
        return dir.resolve("sample-data/2026-01-15_normal_winter_day/reference").resolve(file);
    }

    // ---- parquet-java

    static MessageType registrationSchema(String mpan, String annual) {
        return MessageTypeParser.parseMessageType("message registration {"
                + mpan + ";"
                + " required binary supplier_participant_id (STRING);"
                + " optional binary bm_unit_id (STRING);"
                + " required int32 distributor_short_code;"
                + " required binary distributor_mpid (STRING);"
                + " required binary llfc (STRING);"
                + " required binary gsp_group_id (STRING);"
                + " required binary measurement_class (STRING);"
                + " optional binary market_segment (STRING);"
                + " required binary connection_type (STRING);"
                + " required boolean domestic;"
                + " required binary energisation (STRING);"
                + " required binary energy_direction (STRING);"
                + " required binary settlement_regime (STRING);"
                + annual + ";"
                + " optional int32 profile_class;"
                + " optional binary ssc (STRING);"
                + " required int32 effective_from (DATE);"
                + " optional int32 effective_to (DATE);"
                + "}");
    }

    /** The CSV's rows as parquet-java groups of the schema's types; an empty value is a null. */
    static List<Group> groups(MessageType schema, List<CSVRecord> records) {
        SimpleGroupFactory factory = new SimpleGroupFactory(schema);
        List<Group> out = new ArrayList<>();
        for (CSVRecord r : records) {
            Group g = factory.newGroup();
            for (int i = 0; i < schema.getFieldCount(); i++) {
                PrimitiveType t = schema.getType(i).asPrimitiveType();
                String v = r.get(t.getName());
                if (v.isEmpty()) {
                    continue;
                }
                LogicalTypeAnnotation logical = t.getLogicalTypeAnnotation();
                switch (t.getPrimitiveTypeName()) {
                    case INT64 -> {
                        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                            g.add(
                                    i,
                                    new BigDecimal(v)
                                            .setScale(d.getScale())
                                            .unscaledValue()
                                            .longValueExact());
                        } else {
                            g.add(i, Long.parseLong(v));
                        }
                    }
                    case INT32 -> {
                        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                            g.add(i, (int) LocalDate.parse(v).toEpochDay());
                        } else {
                            g.add(i, Integer.parseInt(v));
                        }
                    }
                    case BOOLEAN -> g.add(i, Boolean.parseBoolean(v));
                    case DOUBLE -> g.add(i, Double.parseDouble(v));
                    case BINARY -> g.add(i, Binary.fromString(v));
                    default -> throw new IllegalArgumentException(t.toString());
                }
            }
            out.add(g);
        }
        return out;
    }

    static List<CSVRecord> records(Path csv) throws Exception {
        try (Reader r = Files.newBufferedReader(csv)) {
            return CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(r)
                    .getRecords();
        }
    }

    static Stream<Arguments> writers() {
        ParquetJavaFiles.Options small =
                new ParquetJavaFiles.Options(CompressionCodecName.SNAPPY, WriterVersion.PARQUET_1_0, true, 1000, 250);
        return Stream.of(
                Arguments.of(small, "required int64 mpan_core", "optional double annual_consumption_kwh"),
                Arguments.of(
                        small.withDictionary(false),
                        "required int64 mpan_core",
                        "optional double annual_consumption_kwh"),
                Arguments.of(
                        new ParquetJavaFiles.Options(
                                CompressionCodecName.ZSTD, WriterVersion.PARQUET_2_0, true, 2000, 500),
                        "required int64 mpan_core",
                        "optional int64 annual_consumption_kwh (DECIMAL(14,1))"),
                Arguments.of(
                        new ParquetJavaFiles.Options(
                                CompressionCodecName.UNCOMPRESSED, WriterVersion.PARQUET_2_0, false, 5000, 1000),
                        "required binary mpan_core (STRING)",
                        "optional int64 annual_consumption_kwh (DECIMAL(14,1))"));
    }

    @ParameterizedTest(name = "{0} mpan {1} annual {2}")
    @MethodSource("writers")
    void a_parquet_java_file_of_the_sample_registrations_reads_as_the_csv(
            ParquetJavaFiles.Options options, String mpan, String annual) throws Exception {
        Path csv = sample("registrations.csv");
        MessageType schema = registrationSchema(mpan, annual);
        Path file = tmp.resolve("registrations.parquet");
        ParquetJavaFiles.write(file, schema, options, groups(schema, records(csv)));

        Problems problems = new Problems();
        TextTable table =
                ReferenceParquetReader.read("registrations.parquet", Files.readAllBytes(file), REGISTRATION, problems);
        assertThat(table).isNotNull();
        List<Registration> fromParquet = RegistrationsCsv.read(table, GROUPS, problems);

        assertThat(problems.list()).isEmpty();
        // wc -l registrations.csv = 5653, minus the header
        assertThat(fromParquet).hasSize(5652).isEqualTo(RegistrationsCsv.parse(csv));
        // sample row 4: 1001063139149,FERN,2__AFERN000,10,EELC,120,_A,A,,W,true,E,I,LEGACY,5651.3,2,0151,2023-05-17,
        Registration fern = fromParquet.get(3);
        assertThat(fern.mpan()).isEqualTo(1001063139149L);
        assertThat(fern.marketSegment()).isNull();
        assertThat(fern.annualConsumptionKwh()).isEqualByComparingTo("5651.3");
        assertThat(fern.profileClass()).isEqualTo(2);
        assertThat(fern.ssc()).isEqualTo("0151");
        assertThat(fern.effective()).isEqualTo(EffectiveRange.of(LocalDate.of(2023, 5, 17), null));
    }

    @Test
    void a_file_read_in_chunks_hands_on_its_rows_in_order_no_chunk_spanning_two_row_groups() throws Exception {
        Path csv = sample("registrations.csv");
        MessageType schema = registrationSchema("required int64 mpan_core", "optional double annual_consumption_kwh");
        Path file = tmp.resolve("registrations.parquet");
        // 5,652 rows in row groups of 2,000 (2,000 + 2,000 + 1,652), read 700 rows at a time: 700, 700, 600 per full
        // group, then 700, 700, 252: nine chunks
        ParquetJavaFiles.write(
                file,
                schema,
                new ParquetJavaFiles.Options(CompressionCodecName.SNAPPY, WriterVersion.PARQUET_1_0, true, 2000, 300),
                groups(schema, records(csv)));
        byte[] bytes = Files.readAllBytes(file);
        Problems problems = new Problems();
        List<TextTable> chunks = new ArrayList<>();

        // read from disk, a column chunk at a time
        boolean read = ReferenceParquetReader.read(
                "registrations.parquet",
                ReferenceParquetReader.Source.of(file, bytes.length),
                REGISTRATION,
                problems,
                700,
                chunks::add);

        assertThat(read).isTrue();
        assertThat(problems.list()).isEmpty();
        assertThat(chunks)
                .extracting(t -> t.rows().size())
                .containsExactly(700, 700, 600, 700, 700, 600, 700, 700, 252);
        List<TextTable.Row> rows =
                chunks.stream().flatMap(t -> t.rows().stream()).toList();
        assertThat(rows)
                .extracting(TextTable.Row::number)
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, 5652).boxed().toList());
        TextTable whole = ReferenceParquetReader.read("registrations.parquet", bytes, REGISTRATION, problems);
        assertThat(whole).isNotNull();
        assertThat(rows).isEqualTo(whole.rows());
    }

    // ---- DuckDB

    static final String COLUMNS_SQL = "mpan_core, supplier_participant_id, bm_unit_id, distributor_short_code,"
            + " distributor_mpid, llfc, gsp_group_id, measurement_class, market_segment, connection_type, domestic,"
            + " energisation, energy_direction, settlement_regime, annual_consumption_kwh, profile_class, ssc,"
            + " effective_from, effective_to";

    /** Three registrations with every nullable column null somewhere; the third MPAN's check digit is given. */
    static String threeRows(String thirdMpan) {
        return "SELECT * FROM (VALUES"
                + " (1001002623892::BIGINT, 'BRYN', '2__ABRYN000', 10::INTEGER, 'EELC', '210', '_A', 'G', 'S', 'W',"
                + " false, 'E', 'I', 'MHHS', 16795.9::DECIMAL(14,1), NULL::INTEGER, NULL::VARCHAR,"
                + " DATE '2019-12-10', NULL::DATE),"
                + " (1001063139149, 'FERN', '2__AFERN000', 10, 'EELC', '120', '_A', 'A', NULL, 'W', true, 'E', 'I',"
                + " 'LEGACY', 5651.3, 2, '0151', DATE '2023-05-17', NULL),"
                + " (" + thirdMpan + ", 'ALBA', NULL, 10, 'EELC', '210', '_A', 'G', 'S', 'W', false, 'E', 'E',"
                + " 'MHHS', NULL, NULL, NULL, DATE '2023-07-31', DATE '2025-12-31')"
                + ") t(" + COLUMNS_SQL + ")";
    }

    TextTable duckDb(String select, Problems problems) throws Exception {
        Path file = tmp.resolve("registrations.parquet");
        DuckDbFiles.write(file, select, "");
        return ReferenceParquetReader.read("registrations.parquet", Files.readAllBytes(file), REGISTRATION, problems);
    }

    @Test
    void a_duckdb_file_with_nulls_reads_null_as_an_empty_csv_field() throws Exception {
        Problems problems = new Problems();
        TextTable table = duckDb(threeRows("1001034187220"), problems);

        assertThat(table).isNotNull();
        // the same rows as CSV text, nulls empty
        assertThat(table.rows())
                .extracting(TextTable.Row::values)
                .containsExactly(
                        List.of(
                                "1001002623892",
                                "BRYN",
                                "2__ABRYN000",
                                "10",
                                "EELC",
                                "210",
                                "_A",
                                "G",
                                "S",
                                "W",
                                "false",
                                "E",
                                "I",
                                "MHHS",
                                "16795.9",
                                "",
                                "",
                                "2019-12-10",
                                ""),
                        List.of(
                                "1001063139149",
                                "FERN",
                                "2__AFERN000",
                                "10",
                                "EELC",
                                "120",
                                "_A",
                                "A",
                                "",
                                "W",
                                "true",
                                "E",
                                "I",
                                "LEGACY",
                                "5651.3",
                                "2",
                                "0151",
                                "2023-05-17",
                                ""),
                        List.of(
                                "1001034187220",
                                "ALBA",
                                "",
                                "10",
                                "EELC",
                                "210",
                                "_A",
                                "G",
                                "S",
                                "W",
                                "false",
                                "E",
                                "E",
                                "MHHS",
                                "",
                                "",
                                "",
                                "2023-07-31",
                                "2025-12-31"));
        List<Registration> regs = RegistrationsCsv.read(table, GROUPS, problems);
        assertThat(problems.list()).isEmpty();
        assertThat(regs).hasSize(3);
        Registration alba = regs.get(2);
        assertThat(alba.bmUnit()).isNull();
        assertThat(alba.annualConsumptionKwh()).isNull();
        assertThat(alba.profileClass()).isZero();
        assertThat(alba.direction()).isEqualTo(MeasurementQuantity.AE);
        assertThat(alba.effective())
                .isEqualTo(EffectiveRange.of(LocalDate.of(2023, 7, 31), LocalDate.of(2025, 12, 31)));
        assertThat(DuckDbFiles.repetitions(tmp.resolve("registrations.parquet")))
                .containsEntry("bm_unit_id", "OPTIONAL");
    }

    @Test
    void a_bad_check_digit_is_a_problem_of_its_row_and_field() throws Exception {
        Problems problems = new Problems();
        // 100103418722|0: 1x3 + 1x13 + 3x19 + 4x23 + 1x29 + 8x31 + 7x37 + 2x41 + 2x43 = 869 = 11 x 79, so the check
        // digit is (869 mod 11) mod 10 = 0 and ...7221 is wrong
        TextTable table = duckDb(threeRows("1001034187221"), problems);
        List<Registration> regs = RegistrationsCsv.read(table, GROUPS, problems);

        assertThat(regs).extracting(Registration::mpan).containsExactly(1001002623892L, 1001063139149L);
        assertThat(problems.list())
                .singleElement()
                .satisfies(p -> assertThat(p.text())
                        .startsWith("registrations.parquet row 3, field mpan_core: ")
                        .contains("check digit should be 0"));
    }

    @Test
    void a_wrong_type_names_the_file_the_column_and_the_expected_type() throws Exception {
        Problems problems = new Problems();
        TextTable table = duckDb(
                "SELECT * REPLACE (mpan_core::DOUBLE AS mpan_core, 151::INTEGER AS ssc) FROM ("
                        + threeRows("1001034187220") + ")",
                problems);

        assertThat(table).isNull();
        assertThat(problems.list())
                .extracting(ReferenceFileException.Problem::text)
                .containsExactly(
                        "registrations.parquet, field mpan_core: has type double; expected int64 or string (13 digits)",
                        "registrations.parquet, field ssc: has type int32 (INTEGER(32,true)); expected string");
    }

    @Test
    void a_missing_column_names_the_file_the_column_and_the_expected_type() throws Exception {
        Problems problems = new Problems();
        TextTable table =
                duckDb("SELECT * EXCLUDE (effective_from) FROM (" + threeRows("1001034187220") + ")", problems);

        assertThat(table).isNull();
        assertThat(problems.list())
                .extracting(ReferenceFileException.Problem::text)
                .singleElement()
                .asString()
                .startsWith("registrations.parquet, field effective_from: required column is missing (expected date or"
                        + " string (YYYY-MM-DD)); the file has columns mpan_core,");
    }

    @Test
    void an_extra_column_is_refused_as_in_the_csv() throws Exception {
        Problems problems = new Problems();
        TextTable table = duckDb("SELECT *, 1 AS note FROM (" + threeRows("1001034187220") + ")", problems);

        assertThat(table).isNull();
        assertThat(problems.list())
                .extracting(ReferenceFileException.Problem::text)
                .singleElement()
                .asString()
                .startsWith("registrations.parquet, field note: unknown column; the columns are mpan_core,");
    }

    @Test
    void a_file_that_is_not_parquet_is_a_problem_of_the_file() {
        Problems problems = new Problems();
        TextTable table = ReferenceParquetReader.read(
                "registrations.parquet", "mpan_core\n1001034187220\n".getBytes(), REGISTRATION, problems);

        assertThat(table).isNull();
        assertThat(problems.list())
                .extracting(ReferenceFileException.Problem::text)
                .containsExactly("registrations.parquet: is not a Parquet file or is truncated (no PAR1 magic at its"
                        + " start and end)");
    }

    @Test
    void a_duckdb_file_of_the_sample_registrations_typed_as_the_contract_reads_as_the_csv() throws Exception {
        Path csv = sample("registrations.csv");
        Problems problems = new Problems();
        TextTable table = duckDb(
                "SELECT * FROM read_csv('" + csv + "', header = true, auto_detect = false, columns = {"
                        + "'mpan_core': 'BIGINT', 'supplier_participant_id': 'VARCHAR', 'bm_unit_id': 'VARCHAR',"
                        + " 'distributor_short_code': 'INTEGER', 'distributor_mpid': 'VARCHAR', 'llfc': 'VARCHAR',"
                        + " 'gsp_group_id': 'VARCHAR', 'measurement_class': 'VARCHAR', 'market_segment': 'VARCHAR',"
                        + " 'connection_type': 'VARCHAR', 'domestic': 'BOOLEAN', 'energisation': 'VARCHAR',"
                        + " 'energy_direction': 'VARCHAR', 'settlement_regime': 'VARCHAR',"
                        + " 'annual_consumption_kwh': 'DECIMAL(14,1)', 'profile_class': 'INTEGER', 'ssc': 'VARCHAR',"
                        + " 'effective_from': 'DATE', 'effective_to': 'DATE'})",
                problems);

        List<Registration> fromParquet = RegistrationsCsv.read(table, GROUPS, problems);

        assertThat(problems.list()).isEmpty();
        assertThat(fromParquet).hasSize(5652).isEqualTo(RegistrationsCsv.parse(csv));
    }

    @Test
    void a_duckdb_profile_coefficient_file_reads_as_the_csv_with_decimal_or_double_coefficients() throws Exception {
        Path csv = sample("profile_coefficients.csv");
        List<CSVRecord> expected = records(csv);
        for (String type : List.of("DECIMAL(18,10)", "DOUBLE")) {
            Path file = tmp.resolve("profile_coefficients.parquet");
            DuckDbFiles.write(
                    file,
                    "SELECT * FROM read_csv('" + csv + "', header = true, auto_detect = false, columns = {"
                            + "'gsp_group_id': 'VARCHAR', 'profile_class': 'INTEGER', 'ssc': 'VARCHAR',"
                            + " 'tpr': 'VARCHAR', 'settlement_date': 'DATE', 'settlement_period': 'INTEGER',"
                            + " 'coefficient': '" + type + "'})",
                    "");
            Problems problems = new Problems();
            TextTable table = ReferenceParquetReader.read(
                    "profile_coefficients.parquet", Files.readAllBytes(file), COEFFICIENTS, problems);
            assertThat(table).isNotNull();
            ProfileCoefficients read = ProfileCoefficientsCsv.read(table, GROUPS, problems);

            assertThat(problems.list()).as(type).isEmpty();
            assertThat(read.forDate(GspGroup.of("_A"), 1, "0393", LocalDate.of(2026, 1, 15)))
                    .as(type)
                    .isNotNull();
            // wc -l profile_coefficients.csv = 673, minus the header
            assertThat(table.rows()).as(type).hasSize(672);
            // first data row: _A,1,0393,00001,2026-01-15,1,0.0000412194 (the SSC and TPR keep their zeros)
            assertThat(table.rows().get(0).values())
                    .as(type)
                    .containsExactly("_A", "1", "0393", "00001", "2026-01-15", "1", "0.0000412194");
            // every row: the same text as the CSV, the coefficient the same number (a double drops trailing zeros)
            for (int i = 0; i < expected.size(); i++) {
                List<String> row = table.rows().get(i).values();
                CSVRecord csvRow = expected.get(i);
                for (int c = 0; c < 6; c++) {
                    assertThat(row.get(c)).as(type + " row " + (i + 1)).isEqualTo(csvRow.get(c));
                }
                assertThat(new BigDecimal(row.get(6)))
                        .as(type + " row " + (i + 1))
                        .isEqualByComparingTo(csvRow.get(6));
            }
        }
    }

    @Test
    void a_double_renders_as_its_shortest_decimal_and_nan_is_refused_as_not_a_decimal() throws Exception {
        Problems problems = new Problems();
        TextTable table = duckDb(
                "SELECT * REPLACE (CASE WHEN mpan_core = 1001002623892 THEN 'NaN'::DOUBLE"
                        + " ELSE annual_consumption_kwh::DOUBLE END AS annual_consumption_kwh) FROM ("
                        + threeRows("1001034187220") + ")",
                problems);
        List<Registration> regs = RegistrationsCsv.read(table, GROUPS, problems);

        assertThat(table.rows().get(1).values().get(14)).isEqualTo("5651.3");
        assertThat(regs).extracting(Registration::mpan).containsExactly(1001063139149L, 1001034187220L);
        assertThat(problems.list())
                .extracting(ReferenceFileException.Problem::text)
                .containsExactly("registrations.parquet row 1, field annual_consumption_kwh: 'NaN' is not a decimal");
    }

    @Test
    void problem_positions_in_a_parquet_file_are_rows() {
        assertThat(new ReferenceFileException.Problem("d/registrations.parquet", 7, null, "ssc", "x").text())
                .isEqualTo("d/registrations.parquet row 7, field ssc: x");
        assertThat(new ReferenceFileException.Problem("d/registrations.csv", 7, null, "ssc", "x").text())
                .isEqualTo("d/registrations.csv line 7, field ssc: x");
    }
}
