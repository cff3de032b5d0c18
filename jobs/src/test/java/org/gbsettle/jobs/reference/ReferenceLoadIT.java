package org.gbsettle.jobs.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.gbsettle.engine.input.GspGroupTake;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.batch.RecordedJobs;
import org.gbsettle.jobs.io.postgres.JdbcReferenceDataRepository;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.gbsettle.jobs.testing.TestDatabase;
import org.gbsettle.refdata.ReferenceDirectory;
import org.gbsettle.refdata.take.CdcaI029Parser;
import org.gbsettle.refdata.take.TakeFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code load-reference} and the reference-data repository on a real embedded PostgreSQL 17: a sample day's reference
 * folder loaded and read back equal to the folder read directly, a malformed folder rejected with nothing written,
 * and the load-version rule over successive loads. One Spring context; each test starts from empty reference tables.
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReferenceLoadIT {

    static final LocalDate WINTER = LocalDate.of(2026, 1, 15);
    static final LocalDate SPRING = LocalDate.of(2026, 3, 29);
    static final GspGroup A = GspGroup.of("_A");

    static final List<String> TABLES = List.of(
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
            "llfc_site_specific");

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
    JdbcReferenceDataRepository repository;

    @Autowired
    JobRepository jobRepository;

    private final GbSettleCli gbsettle = GbSettleCli.in(() -> context);

    @BeforeEach
    void emptyReferenceTables() {
        jdbc.sql("TRUNCATE " + String.join(", ", TABLES) + " RESTART IDENTITY CASCADE")
                .update();
        jdbc.sql("TRUNCATE batch_step_execution_context, batch_step_execution, batch_job_execution_context,"
                        + " batch_job_execution_params, batch_job_execution, batch_job_instance")
                .update();
    }

    /** The executions of the referenceLoad job recorded in the job repository. */
    private List<RecordedJobs.Execution> loads() {
        return RecordedJobs.of(jdbc, jobRepository, ReferenceLoadJob.JOB_NAME);
    }

    static Path winter() {
        return SampleDayFixture.sampleDay(SampleDayFixture.WINTER).referenceFolder();
    }

    static Path spring() {
        return SampleDayFixture.sampleDay("2026-03-29_spring_clock_change").referenceFolder();
    }

    @Test
    void a_sample_day_loads_with_a_row_per_record_and_a_sha256_per_file() throws Exception {
        Result r = gbsettle.run("load-reference", "--shipped", "--by", "tester", winter().toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        // rows = data lines of each file (wc -l minus the header); llf: 2 D0265 files x 384 SPL records (8 LLFCs x
        // 48 periods); take: 96 AGP records (2 groups x 48 periods)
        assertThat(r.out())
                .startsWith("Reference load version 1: 11 file(s), loaded by tester\n")
                .containsPattern("gsp_group +14\n")
                .containsPattern("ccc +28\n")
                .containsPattern("scaling_weight +28\n")
                .containsPattern("bsc_party +15\n")
                .containsPattern("bm_unit +26\n")
                .containsPattern("hh_default_eac +5\n")
                .containsPattern("profile_coefficient +672\n")
                .containsPattern("registration +5652\n")
                .containsPattern("llf +768\n")
                .containsPattern("gsp_group_take +96\n")
                .containsPattern("llfc_site_specific +0\n");
        assertThat(count("registration")).isEqualTo(5652);
        assertThat(count("llf")).isEqualTo(768);
        assertThat(jdbc.sql("SELECT loaded_by FROM reference_load WHERE load_version = 1")
                        .query(String.class)
                        .single())
                .isEqualTo("tester");
        // the folder's four CSV kinds that are also shipped replace the shipped ones: 11 files, all from the folder
        Map<String, String> sha = new LinkedHashMap<>();
        jdbc.sql("SELECT file_name, sha256 FROM reference_load_file WHERE load_version = 1 ORDER BY file_name")
                .query(rs -> {
                    sha.put(rs.getString(1), rs.getString(2));
                });
        assertThat(sha).hasSize(11);
        Path registrations = winter().resolve("registrations.csv");
        assertThat(sha)
                .containsEntry(
                        winter() + "/registrations.csv",
                        HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256")
                                        .digest(Files.readAllBytes(registrations))));
        assertThat(jdbc.sql("SELECT rows_loaded FROM reference_load_file WHERE file_name LIKE '%LLFEELC%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(384L);

        // the job repository: one referenceLoad instance, its execution and its step COMPLETED, with the parameters
        List<RecordedJobs.Execution> jobs = loads();
        assertThat(jobs).hasSize(1);
        RecordedJobs.Execution load = jobs.get(0);
        assertThat(load.status()).isEqualTo("COMPLETED");
        assertThat(load.identifying())
                .containsEntry("files", winter().toString())
                .containsEntry("shipped", "true")
                .containsEntry("loaded.by", "tester")
                .containsKey("requested.at")
                .hasSize(4);
        assertThat(java.time.Instant.parse(load.identifying().get("requested.at")))
                .isBetween(java.time.Instant.now().minusSeconds(600), java.time.Instant.now());
        assertThat(load.nonIdentifying()).containsExactly(Map.entry("sources", winter().toString()));
        assertThat(load.stepName()).isEqualTo("load");
        assertThat(load.stepStatus()).isEqualTo("COMPLETED");
        // the step's execution context, read back from the database: version, files and the rows above
        assertThat(load.stepContext())
                .containsEntry("load.version", 1L)
                .containsEntry("files", 11)
                .containsEntry("rows.registration", 5652L)
                .containsEntry("rows.llf", 768L)
                .containsEntry("rows.gsp_group_take", 96L)
                .containsEntry("rows.llfc_site_specific", 0L);
        // rows in all: 14 + 28 + 28 + 15 + 26 + 5 + 672 + 0 + 5652 + 768 + 96 = 7304
        assertThat(load.writeCount()).isEqualTo(7304L);
    }

    @Test
    void what_is_read_back_equals_the_folder_read_directly() {
        assertThat(gbsettle.run("load-reference", "--shipped", winter().toString())
                        .exitCode())
                .isZero();
        ReferenceDirectory dir = ReferenceDirectory.load(winter());
        ReferenceData expected = dir.referenceData();

        ReferenceSnapshot snapshot = repository.read(WINTER, null);
        ReferenceData actual = snapshot.referenceData();

        assertThat(actual.gspGroups()).containsExactlyInAnyOrderElementsOf(expected.gspGroups());
        assertThat(actual.parties()).containsExactlyInAnyOrderElementsOf(expected.parties());
        assertThat(actual.consumptionComponentClasses())
                .containsExactlyInAnyOrderElementsOf(expected.consumptionComponentClasses());
        assertThat(actual.scalingWeights()).containsExactlyInAnyOrderElementsOf(expected.scalingWeights());
        assertThat(actual.bmUnits()).containsExactlyInAnyOrderElementsOf(expected.bmUnits());
        assertThat(actual.hhDefaultEacs()).containsExactlyInAnyOrderElementsOf(expected.hhDefaultEacs());
        assertThat(actual.lineLossFactors().classes())
                .isEqualTo(expected.lineLossFactors().classes())
                .hasSize(16);
        for (LineLossFactorClass llfc : expected.lineLossFactors().classes()) {
            assertThat(actual.lineLossFactors().forDate(llfc, WINTER))
                    .as(llfc.toString())
                    .isEqualTo(expected.lineLossFactors().forDate(llfc, WINTER))
                    .hasSize(48);
            assertThat(actual.lineLossFactors().isSiteSpecific(llfc)).isFalse();
        }
        for (ProfileKey k : profileKeys(winter())) {
            assertThat(actual.profileCoefficients().forDate(k.group(), k.profileClass(), k.ssc(), WINTER))
                    .as(k.toString())
                    .isNotNull()
                    .isEqualTo(expected.profileCoefficients().forDate(k.group(), k.profileClass(), k.ssc(), WINTER));
        }
        List<Registration> registrations = dir.meteringSystems().effectiveOn(WINTER);
        assertThat(snapshot.meteringSystems().all()).containsExactlyInAnyOrderElementsOf(registrations);
        assertThat(registrations).hasSizeGreaterThan(5000);

        ReferenceSnapshot onlyA = repository.read(WINTER, A);
        assertThat(onlyA.meteringSystems().all())
                .containsExactlyInAnyOrderElementsOf(registrations.stream()
                        .filter(reg -> reg.gspGroup().equals(A))
                        .toList());
        assertThat(onlyA.referenceData().bmUnits()).hasSize(26);
        assertThat(snapshot.loadVersions())
                .containsEntry("registration", List.of(1L))
                .containsEntry("llf", List.of(1L))
                .containsEntry("profile_coefficient", List.of(1L))
                .containsEntry("llfc_site_specific", List.of());
        assertThat(actual.version()).startsWith("reference-load gsp_group=1 ccc=1");
    }

    @Test
    void the_take_read_back_equals_the_i029_file() {
        assertThat(gbsettle.run("load-reference", winter().toString()).exitCode())
                .isZero();
        TakeFile file = CdcaI029Parser.parse(winter().resolve("CDCA-I029_20260115_SF.I029"));
        for (GspGroup g : List.of(A, GspGroup.of("_B"))) {
            GspGroupTake expected = file.take(g, SettlementDate.of(WINTER)).orElseThrow();
            LoadedTake actual = repository.take(g, WINTER).orElseThrow();
            assertThat(actual.loadVersion()).isEqualTo(1);
            assertThat(actual.cdcaRunType().name()).isEqualTo("SF");
            // the AGV line of the file: AGV|_A|20260115|SF|2|20260204|
            assertThat(actual.take().cdcaRunNumber()).isEqualTo(2);
            for (int p = 1; p <= 48; p++) {
                assertThat(actual.take().mwh(p)).as("SP" + p).isEqualTo(expected.mwh(p));
                assertThat(actual.take().estimated(p)).isEqualTo(expected.estimated(p));
            }
        }
        assertThat(repository.take(A, SPRING)).isEmpty();
    }

    @Test
    void a_malformed_file_fails_the_whole_load_with_every_problem_and_writes_nothing() throws IOException {
        assertThat(gbsettle.run("load-reference", "--shipped").exitCode()).isZero();
        Map<String, Long> before = counts();

        Path bad = DATABASE.directory().resolve("bad");
        copy(winter(), bad);
        // line 3 of bm_units.csv: an unknown GSP group; line 2 of registrations.csv: check digit 2 -> 3
        replaceLine(bad.resolve("bm_units.csv"), 3, "2__AALBA001,ALBA,ALBAENGY,_Z,S,false,2021-10-01,");
        replaceLine(
                bad.resolve("registrations.csv"),
                2,
                "1001002623893,BRYN,2__ABRYN000,10,EELC,210,_A,G,S,W,false,E,I,MHHS,16795.9,,,2019-12-10,");

        Result r = gbsettle.run("load-reference", bad.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .startsWith("gbsettle load-reference: error: reference files rejected, nothing loaded:")
                .contains("\n  - " + bad + "/bm_units.csv line 3, field gsp_group_id")
                .contains("\n  - " + bad + "/registrations.csv line 2");
        assertThat(counts()).isEqualTo(before);
        assertThat(before.get("reference_load")).isEqualTo(1);
        // two job instances: the shipped load COMPLETED, the bad one FAILED with the operator's message recorded
        assertThat(loads())
                .extracting(RecordedJobs.Execution::status, RecordedJobs.Execution::stepStatus)
                .containsExactly(tuple("COMPLETED", "COMPLETED"), tuple("FAILED", "FAILED"));
        RecordedJobs.Execution failed = loads().get(1);
        assertThat(failed.instanceId()).isNotEqualTo(loads().get(0).instanceId());
        assertThat(failed.identifying()).containsEntry("files", bad.toString()).containsEntry("shipped", "false");
        assertThat(failed.stepExitMessage()).contains("reference files rejected, nothing loaded:");
        assertThat(failed.stepContext()).doesNotContainKey("load.version");
    }

    @Test
    void a_half_hourly_profile_class_of_0_loads_as_none() throws IOException {
        Path folder = DATABASE.directory().resolve("profile-class-0");
        copy(winter(), folder);
        // line 2: the first registration, HH (MHHS), profile class empty: written as 0 instead, which the rules accept
        Path registrations = folder.resolve("registrations.csv");
        String first = Files.readAllLines(registrations).get(1);
        assertThat(first).startsWith("1001002623892,").endsWith(",MHHS,16795.9,,,2019-12-10,");
        replaceLine(registrations, 2, first.replace(",MHHS,16795.9,,,", ",MHHS,16795.9,0,,"));

        Result r = gbsettle.run("load-reference", "--shipped", folder.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(repository.read(WINTER, A).meteringSystems().all())
                .filteredOn(reg -> reg.mpan() == 1_001_002_623_892L)
                .singleElement()
                .satisfies(reg -> assertThat(reg.profileClass()).isZero());
    }

    @Test
    void overlapping_effective_ranges_fail_the_load() throws IOException {
        Path bad = DATABASE.directory().resolve("overlap");
        copy(winter(), bad);
        Files.writeString(
                bad.resolve("bm_units.csv"),
                "2__AALBA001,ALBA,ALBAENGY,_A,S,false,2022-01-01,\n",
                java.nio.file.StandardOpenOption.APPEND);

        Result r = gbsettle.run("load-reference", bad.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("REFDATA_CONFLICT").contains("2__AALBA001");
        assertThat(count("reference_load")).isZero();
        assertThat(count("bm_unit")).isZero();
    }

    @Test
    void overlaps_of_the_files_held_whole_and_of_the_registrations_are_listed_together() throws IOException {
        Path bad = DATABASE.directory().resolve("overlaps-everywhere");
        copy(winter(), bad);
        // bm_units.csv line 3: 2__AALBA001 from 2021-10-01, open-ended (the file has 27 lines, the one appended is line
        // 28); registrations.csv line 2: 1001002623892 from 2019-12-10, open-ended
        Files.writeString(
                bad.resolve("bm_units.csv"),
                "2__AALBA001,ALBA,ALBAENGY,_A,S,false,2022-01-01,\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(
                bad.resolve("registrations.csv"),
                "1001002623892,BRYN,2__ABRYN000,10,EELC,210,_A,G,S,W,false,E,I,MHHS,16795.9,,,2019-12-10,2020-01-01\n",
                java.nio.file.StandardOpenOption.APPEND);

        Result r = gbsettle.run("load-reference", bad.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .startsWith(
                        "gbsettle load-reference: error: reference data rejected (REFDATA_CONFLICT), nothing loaded:"
                                + " REFDATA_CONFLICT: 2 conflict(s) in reference data:\n"
                                + "  - " + bad.resolve("bm_units.csv")
                                + " lines 3 and 28: BM unit 2__AALBA001: effective ranges 2021-10-01.. and"
                                + " 2022-01-01.. overlap\n"
                                + "  - registration of MPAN 1001002623892: effective ranges 2019-12-10.. and"
                                + " 2019-12-10..2020-01-01 overlap\n");
        assertThat(counts().values()).containsOnly(0L);
    }

    @Test
    void overlapping_registrations_fail_the_load_naming_each_mpan_and_both_ranges() throws IOException {
        Path bad = DATABASE.directory().resolve("overlapping-registrations");
        copy(winter(), bad);
        // 1001002623892 is registered from 2019-12-10, open-ended (line 2): a range inside it overlaps
        Files.writeString(
                bad.resolve("registrations.csv"),
                "1001002623892,BRYN,2__ABRYN000,10,EELC,210,_A,G,S,W,false,E,I,MHHS,16795.9,,,2024-01-01,2024-12-31\n",
                java.nio.file.StandardOpenOption.APPEND);

        Result r = gbsettle.run("load-reference", bad.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .startsWith(
                        "gbsettle load-reference: error: reference data rejected (REFDATA_CONFLICT), nothing loaded:"
                                + " REFDATA_CONFLICT: 1 conflict(s) in reference data:\n"
                                + "  - registration of MPAN 1001002623892: effective ranges 2019-12-10.. and"
                                + " 2024-01-01..2024-12-31 overlap\n");
        assertThat(counts().values()).containsOnly(0L);
    }

    @Test
    void two_registrations_of_one_mpan_from_one_date_fail_the_load_with_every_overlap() throws IOException {
        Path bad = DATABASE.directory().resolve("duplicate-registrations");
        copy(winter(), bad);
        // 1001034187220 is registered from 2023-07-31 (line 3): a second row from that date is refused by the table's
        // key, so the overlaps are found by reading the file again; 1001002623892 overlaps as in the test above
        Files.writeString(
                bad.resolve("registrations.csv"),
                "1001034187220,ALBA,2__AALBA000,10,EELC,210,_A,G,S,W,false,E,I,MHHS,13673.6,,,2023-07-31,2025-01-01\n"
                        + "1001002623892,BRYN,2__ABRYN000,10,EELC,210,_A,G,S,W,false,E,I,MHHS,1.0,,,2024-01-01,\n",
                java.nio.file.StandardOpenOption.APPEND);

        Result r = gbsettle.run("load-reference", bad.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .startsWith(
                        "gbsettle load-reference: error: reference data rejected (REFDATA_CONFLICT), nothing loaded:"
                                + " REFDATA_CONFLICT: 2 conflict(s) in reference data:\n"
                                + "  - registration of MPAN 1001002623892: effective ranges 2019-12-10.. and 2024-01-01.."
                                + " overlap\n"
                                + "  - registration of MPAN 1001034187220: effective ranges 2023-07-31.. and"
                                + " 2023-07-31..2025-01-01 overlap\n");
        assertThat(counts().values()).containsOnly(0L);
    }

    /**
     * A registrations.csv of {@code rows} metering systems of group _A, MPANs 10 0000000001 0 upwards (check digit
     * added), each registered from 2020-01-01; {@code measurementClass} gives each line's measurement class.
     */
    private static void registrations(Path file, int rows, java.util.function.IntFunction<String> measurementClass)
            throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", org.gbsettle.refdata.csv.RegistrationsCsv.COLUMNS));
        sb.append('\n');
        for (int i = 1; i <= rows; i++) {
            long twelve = 100_000_000_000L + i;
            long core = twelve * 10 + org.gbsettle.engine.metering.Mpan.checkDigit(twelve * 10);
            sb.append(core)
                    .append(",BRYN,2__ABRYN000,10,EELC,210,_A,")
                    .append(measurementClass.apply(i + 1))
                    .append(",S,W,false,E,I,MHHS,100.0,,,2020-01-01,\n");
        }
        Files.writeString(file, sb);
    }

    @Test
    void registrations_of_several_chunks_load_whole_or_not_at_all() throws IOException {
        int rows = ReferenceLoadContent.CHUNK_ROWS * 2 + 20_000;
        Path good = DATABASE.directory().resolve("many-registrations");
        copy(winter(), good);
        registrations(good.resolve("registrations.csv"), rows, line -> "G");

        Result ok = gbsettle.run("load-reference", good.toString());

        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(count("registration")).isEqualTo(rows);
        assertThat(jdbc.sql("SELECT rows_loaded FROM reference_load_file WHERE file_name LIKE '%registrations.csv'")
                        .query(Long.class)
                        .single())
                .isEqualTo(rows);
        Map<String, Long> before = counts();

        // lines 110,002 to 111,501 (in the third chunk, after two have been copied) have measurement class Z:
        // 1,500 problems, the first 200 listed
        Path bad = DATABASE.directory().resolve("many-registrations-bad");
        copy(winter(), bad);
        registrations(bad.resolve("registrations.csv"), rows, line -> line > 110_001 && line <= 111_501 ? "Z" : "G");

        Result r = gbsettle.run("load-reference", bad.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .startsWith("gbsettle load-reference: error: reference files rejected, nothing loaded: 1500 problems"
                        + " in reference files:\n  - " + bad + "/registrations.csv line 110002, field"
                        + " measurement_class: ")
                .contains(bad + "/registrations.csv line 110201, field measurement_class")
                .doesNotContain("line 110202,")
                .contains("\n  ... and 1300 more\n");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void later_loads_get_higher_versions_and_reads_follow_the_load_version_rule() {
        assertThat(gbsettle.run("load-reference", "--shipped").out()).startsWith("Reference load version 1:");
        assertThat(gbsettle.run("load-reference", winter().toString()).out()).startsWith("Reference load version 2:");
        assertThat(gbsettle.run("load-reference", spring().toString()).out()).startsWith("Reference load version 3:");

        // CSV tables: the latest load with rows, whole; day tables: the latest load with rows for the day
        ReferenceSnapshot w = repository.read(WINTER, null);
        assertThat(w.loadVersions())
                .containsEntry("gsp_group", List.of(3L))
                .containsEntry("ccc", List.of(3L))
                .containsEntry("registration", List.of(3L))
                .containsEntry("llf", List.of(2L))
                .containsEntry("profile_coefficient", List.of(2L));
        assertThat(w.referenceData().lineLossFactors().forDate(LineLossFactorClass.of("EELC", "110"), WINTER))
                .hasSize(48);
        assertThat(repository.take(A, WINTER).orElseThrow().loadVersion()).isEqualTo(2);
        ReferenceSnapshot s = repository.read(SPRING, null);
        assertThat(s.loadVersions())
                .containsEntry("llf", List.of(3L))
                .containsEntry("profile_coefficient", List.of(3L));
        // the spring day has 46 periods
        assertThat(s.referenceData().lineLossFactors().forDate(LineLossFactorClass.of("EELC", "110"), SPRING))
                .hasSize(46);

        // loading the winter day again: its day rows come from the new load, the same CDCA run from the later load
        assertThat(gbsettle.run("load-reference", winter().toString()).out()).startsWith("Reference load version 4:");
        assertThat(repository.read(WINTER, null).loadVersions()).containsEntry("llf", List.of(4L));
        assertThat(repository.take(A, WINTER).orElseThrow().loadVersion()).isEqualTo(4);
        assertThat(repository.read(SPRING, null).loadVersions()).containsEntry("llf", List.of(3L));
        assertThat(jdbc.sql("SELECT array_agg(load_version ORDER BY load_version)::text FROM reference_load")
                        .query(String.class)
                        .single())
                .isEqualTo("{1,2,3,4}");

        // four loads, four job instances, each recording its load version; loads 2 and 4 have the same files and
        // loader, and are two instances all the same (requested.at differs)
        List<RecordedJobs.Execution> jobs = loads();
        assertThat(jobs)
                .extracting(
                        RecordedJobs.Execution::status,
                        e -> e.identifying().get("files"),
                        e -> e.stepContext().get("load.version"))
                .containsExactly(
                        tuple("COMPLETED", "", 1L),
                        tuple("COMPLETED", winter().toString(), 2L),
                        tuple("COMPLETED", spring().toString(), 3L),
                        tuple("COMPLETED", winter().toString(), 4L));
        assertThat(jobs).extracting(RecordedJobs.Execution::instanceId).doesNotHaveDuplicates();
        assertThat(jobs.get(3).identifying().get("loaded.by"))
                .isEqualTo(jobs.get(1).identifying().get("loaded.by"));
        assertThat(jobs.get(3).identifying().get("requested.at"))
                .isNotEqualTo(jobs.get(1).identifying().get("requested.at"));
    }

    @Test
    void the_files_parameter_is_absolute_and_sorted_and_the_sources_keep_their_order() {
        // spring first, then winter: winter's CSVs win; the identifying parameter sorts them (2026-01 < 2026-03)
        Result r = gbsettle.run("load-reference", "--by", "ops", spring().toString(), winter().toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        RecordedJobs.Execution load = loads().get(0);
        assertThat(load.identifying()).containsEntry("files", winter() + "\n" + spring());
        assertThat(load.nonIdentifying()).containsEntry("sources", spring() + "\n" + winter());
        assertThat(jdbc.sql("SELECT description FROM reference_load")
                        .query(String.class)
                        .single())
                .isEqualTo(spring() + " + " + winter());
    }

    @Test
    void no_folder_and_no_shipped_is_a_usage_error() {
        Result r = gbsettle.run("load-reference");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .contains("Give at least one folder DIR, file FILE or --shipped")
                .contains("Usage:");
    }

    @Test
    void a_missing_folder_is_an_error() {
        Result r = gbsettle.run(
                "load-reference", DATABASE.directory().resolve("nowhere").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("does not exist");
    }

    /** The registration CSV's columns with the Parquet contract's DuckDB types (jobs/README.md). */
    static final String REGISTRATION_TYPES = "'mpan_core': 'BIGINT', 'supplier_participant_id': 'VARCHAR',"
            + " 'bm_unit_id': 'VARCHAR', 'distributor_short_code': 'INTEGER', 'distributor_mpid': 'VARCHAR',"
            + " 'llfc': 'VARCHAR', 'gsp_group_id': 'VARCHAR', 'measurement_class': 'VARCHAR',"
            + " 'market_segment': 'VARCHAR', 'connection_type': 'VARCHAR', 'domestic': 'BOOLEAN',"
            + " 'energisation': 'VARCHAR', 'energy_direction': 'VARCHAR', 'settlement_regime': 'VARCHAR',"
            + " 'annual_consumption_kwh': 'DECIMAL(14,1)', 'profile_class': 'INTEGER', 'ssc': 'VARCHAR',"
            + " 'effective_from': 'DATE', 'effective_to': 'DATE'";

    static final String COEFFICIENT_TYPES = "'gsp_group_id': 'VARCHAR', 'profile_class': 'SMALLINT',"
            + " 'ssc': 'VARCHAR', 'tpr': 'VARCHAR', 'settlement_date': 'DATE', 'settlement_period': 'SMALLINT',"
            + " 'coefficient': 'DOUBLE'";

    /** Writes {@code SELECT ... FROM read_csv(csv, typed)} to a Parquet file with DuckDB. */
    static void toParquet(Path csv, String types, String select, Path parquet) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement st = c.createStatement()) {
            st.execute("SET threads = 1");
            st.execute("COPY (" + select + " FROM read_csv('" + csv + "', header = true, auto_detect = false,"
                    + " columns = {" + types + "})) TO '" + parquet + "' (FORMAT parquet)");
        }
    }

    /** The rows of a table in one load version, less any in another (both directions empty: equal row sets). */
    private long rowsNotIn(ReferenceFileKind kind, long version, long other) {
        String columns = String.join(", ", kind.columns());
        String table = kind.table();
        return jdbc.sql("SELECT count(*) FROM (SELECT " + columns + " FROM " + table
                        + " WHERE load_version = :v EXCEPT ALL SELECT " + columns + " FROM " + table
                        + " WHERE load_version = :o) d")
                .param("v", version)
                .param("o", other)
                .query(Long.class)
                .single();
    }

    @Test
    void registrations_and_coefficients_as_parquet_load_the_same_rows_as_the_csv() throws Exception {
        assertThat(gbsettle.run("load-reference", winter().toString()).exitCode())
                .isZero();
        Path pq = DATABASE.directory().resolve("parquet-day");
        copy(winter(), pq);
        Files.delete(pq.resolve("registrations.csv"));
        Files.delete(pq.resolve("profile_coefficients.csv"));
        toParquet(
                winter().resolve("registrations.csv"),
                REGISTRATION_TYPES,
                "SELECT *",
                pq.resolve("registrations.parquet"));
        toParquet(
                winter().resolve("profile_coefficients.csv"),
                COEFFICIENT_TYPES,
                "SELECT *",
                pq.resolve("profile_coefficients.parquet"));

        Result r = gbsettle.run("load-reference", pq.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        // the same counts as the CSV load: wc -l minus the header
        assertThat(r.out())
                .startsWith("Reference load version 2: 11 file(s)")
                .containsPattern("registration +5652\n")
                .containsPattern("profile_coefficient +672\n");
        for (ReferenceFileKind kind :
                List.of(ReferenceFileKind.REGISTRATIONS, ReferenceFileKind.PROFILE_COEFFICIENTS)) {
            assertThat(rowsNotIn(kind, 1, 2))
                    .as(kind + " CSV rows not loaded from Parquet")
                    .isZero();
            assertThat(rowsNotIn(kind, 2, 1))
                    .as(kind + " Parquet rows not loaded from CSV")
                    .isZero();
            assertThat(count(kind.table())).isEqualTo(2 * (kind == ReferenceFileKind.REGISTRATIONS ? 5652 : 672));
        }
        assertThat(jdbc.sql("SELECT rows_loaded FROM reference_load_file WHERE file_name = :f")
                        .param("f", pq + "/registrations.parquet")
                        .query(Long.class)
                        .single())
                .isEqualTo(5652L);
        // and read back as the folder of CSVs reads
        assertThat(repository.read(WINTER, null).meteringSystems().all())
                .containsExactlyInAnyOrderElementsOf(
                        ReferenceDirectory.load(winter()).meteringSystems().effectiveOn(WINTER));
    }

    @Test
    void a_parquet_file_named_on_its_own_is_known_by_its_columns() throws Exception {
        Path file = DATABASE.directory().resolve("own").resolve("mpans-2026-01.parquet");
        Files.createDirectories(file.getParent());
        toParquet(winter().resolve("registrations.csv"), REGISTRATION_TYPES, "SELECT *", file);

        Result r = gbsettle.run("load-reference", "--shipped", file.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("registration +5652\n");
        assertThat(jdbc.sql("SELECT file_kind FROM reference_load_file WHERE file_name = :f")
                        .param("f", file.toString())
                        .query(String.class)
                        .single())
                .isEqualTo("registrations");
    }

    @Test
    void a_bad_parquet_record_or_type_fails_the_whole_load_and_writes_nothing() throws Exception {
        Path bad = DATABASE.directory().resolve("bad-parquet");
        copy(winter(), bad);
        Files.delete(bad.resolve("registrations.csv"));
        // row 1 is 1001002623892 (check digit 2): 3 is wrong
        toParquet(
                winter().resolve("registrations.csv"),
                REGISTRATION_TYPES,
                "SELECT * REPLACE (CASE WHEN mpan_core = 1001002623892 THEN 1001002623893 ELSE mpan_core END"
                        + " AS mpan_core)",
                bad.resolve("registrations.parquet"));

        Result r = gbsettle.run("load-reference", bad.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .startsWith("gbsettle load-reference: error: reference files rejected, nothing loaded:")
                .contains(bad + "/registrations.parquet row 1, field mpan_core: ")
                .contains("check digit should be 2");
        assertThat(counts().values()).containsOnly(0L);

        toParquet(
                winter().resolve("registrations.csv"),
                REGISTRATION_TYPES,
                "SELECT * REPLACE (mpan_core::DOUBLE AS mpan_core)",
                bad.resolve("registrations.parquet"));

        r = gbsettle.run("load-reference", bad.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .contains(bad + "/registrations.parquet, field mpan_core: has type double; expected int64 or string"
                        + " (13 digits)");
        assertThat(counts().values()).containsOnly(0L);
    }

    @Test
    void a_folder_with_registrations_as_both_csv_and_parquet_is_refused() throws Exception {
        Path both = DATABASE.directory().resolve("both");
        copy(winter(), both);
        toParquet(
                winter().resolve("registrations.csv"),
                REGISTRATION_TYPES,
                "SELECT *",
                both.resolve("registrations.parquet"));

        Result r = gbsettle.run("load-reference", both.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("holds both registrations.csv and registrations.parquet; keep one of them");
        assertThat(count("reference_load")).isZero();
    }

    record ProfileKey(GspGroup group, int profileClass, String ssc) implements Comparable<ProfileKey> {
        @Override
        public int compareTo(ProfileKey o) {
            return toString().compareTo(o.toString());
        }
    }

    /** The (group, profile class, SSC) keys of a folder's profile_coefficients.csv. */
    static Set<ProfileKey> profileKeys(Path folder) {
        try (Stream<String> lines = Files.lines(folder.resolve("profile_coefficients.csv"))) {
            Set<ProfileKey> keys = new TreeSet<>();
            lines.skip(1)
                    .map(l -> l.split(","))
                    .forEach(f -> keys.add(new ProfileKey(GspGroup.of(f[0]), Integer.parseInt(f[1]), f[2])));
            assertThat(keys).isNotEmpty();
            return keys;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        TABLES.forEach(t -> out.put(t, count(t)));
        return out;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static void replaceLine(Path file, int line, String text) throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.set(line - 1, text);
        Files.write(file, lines);
    }
}
