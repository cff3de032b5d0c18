package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.cli.GbSettleCommand;
import org.gbsettle.jobs.sample.ExpectedOutputs;
import org.gbsettle.jobs.sample.GroupCheck;
import org.gbsettle.jobs.sample.SampleDay;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;

/**
 * {@code gbsettle run} on a real embedded PostgreSQL 17, one Spring context: each sample day's reference folder
 * loaded, its meter-data files ingested, the day run with its run type and cut-off, and the written outputs compared
 * row for row with the day's expected CSVs ({@link ExpectedOutputs}; computed by the independent oracle, see
 * sample-data/README.md); a second
 * run of the same day gives the same output fingerprints, and {@code status} lists the runs as COMPLETE.
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SettlementRunIT {

    private static final Path SAMPLES =
            Path.of("../sample-data").toAbsolutePath().normalize();

    @TempDir
    static Path tmp;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("gbsettle.database.data-dir", () -> tmp.resolve("pgdata").toString());
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    private record Result(int exitCode, String out, String err) {}

    private Result gbsettle(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = GbSettleCommand.commandLine(work -> work.applyAsInt(context));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-01-15_normal_winter_day",
                "2026-03-29_spring_clock_change",
                "2026-10-25_autumn_clock_change"
            })
    void a_sample_day_runs_to_its_expected_outputs(String dayName) throws IOException {
        Path day = SAMPLES.resolve(dayName);
        Properties run = new Properties();
        try (var in = Files.newInputStream(day.resolve("run.properties"))) {
            run.load(in);
        }
        String date = run.getProperty("settlement_date");
        String type = run.getProperty("run_type");
        String cutoff = run.getProperty("data_cutoff");

        Result load = gbsettle("load-reference", day.resolve("reference").toString());
        assertThat(load.exitCode()).as(load.err()).isZero();
        List<String> files;
        try (Stream<Path> s = Files.list(day.resolve("meter-data"))) {
            files = s.map(Path::toString)
                    .filter(p -> p.endsWith(".parquet"))
                    .sorted()
                    .toList();
        }
        // every file received a day before the cut-off: the rows' own received_at decide supersession
        List<String> ingestArgs = new ArrayList<>(List.of(
                "ingest",
                "--received-at",
                Instant.parse(cutoff).minusSeconds(86_400).toString()));
        ingestArgs.addAll(files);
        Result ingest = gbsettle(ingestArgs.toArray(String[]::new));
        assertThat(ingest.exitCode()).as(ingest.out() + ingest.err()).isZero();

        Result first = gbsettle(
                "run",
                "--date",
                date,
                "--type",
                type,
                "--cutoff",
                cutoff,
                "--by",
                "it",
                "--reason",
                "sample day " + dayName);
        assertThat(first.exitCode()).as(first.err()).isZero();
        long runId = runId(first.out());
        assertThat(first.out())
                .contains("COMPLETE")
                .contains("_A")
                .contains("_B")
                .contains("settlement_volume_latest_v1");

        List<GroupCheck> checks = context.getBean(ExpectedOutputs.class).check(SampleDay.read(day), runId);
        assertThat(checks).extracting(GroupCheck::group).containsExactly("_A", "_B", "unassigned");
        assertThat(checks)
                .flatExtracting(GroupCheck::differences)
                .as("differences from the expected outputs")
                .isEmpty();

        Result second = gbsettle("run", "--date", date, "--type", type, "--cutoff", cutoff, "--by", "it");
        assertThat(second.exitCode()).as(second.err()).isZero();
        long secondId = runId(second.out());
        assertThat(second.out()).contains(" " + type + " 2 COMPLETE");
        assertThat(fingerprints(secondId)).isEqualTo(fingerprints(runId));
        assertThat(jdbc.sql("SELECT output_fingerprint FROM settlement_run WHERE run_id = :id")
                        .param("id", secondId)
                        .query(String.class)
                        .single())
                .isEqualTo(jdbc.sql("SELECT output_fingerprint FROM settlement_run WHERE run_id = :id")
                        .param("id", runId)
                        .query(String.class)
                        .single());

        Result status = gbsettle("status", "--date", date);
        assertThat(status.exitCode()).isZero();
        assertThat(status.out())
                .containsPattern("(?m)^\\s*" + runId + "\\s+" + date + "\\s+" + type + "\\s+1\\s+COMPLETE\\s+2/2")
                .containsPattern("(?m)^\\s*" + secondId + "\\s+" + date + "\\s+" + type + "\\s+2\\s+COMPLETE\\s+2/2");
    }

    @org.junit.jupiter.api.Test
    void missing_reference_data_fails_the_run_before_any_output() {
        Path day = SAMPLES.resolve("2026-01-15_normal_winter_day");
        assertThat(gbsettle("load-reference", day.resolve("reference").toString())
                        .exitCode())
                .isZero();

        // registrations are effective on 2026-01-16, but no LLF, take or profile coefficient is loaded for it
        Result failed = gbsettle("run", "--date", "2026-01-16", "--type", "SF", "--cutoff", "2026-02-07T00:00:00Z");

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err())
                .contains("missing reference data, nothing calculated")
                .contains("_A")
                .contains("_B");
        Map<String, Object> run = jdbc.sql("SELECT run_id, status, failure_message FROM settlement_run"
                        + " WHERE settlement_date = '2026-01-16'")
                .query()
                .singleRow();
        assertThat(run.get("status")).isEqualTo("FAILED");
        assertThat((String) run.get("failure_message")).contains("MISSING_TAKE");
        for (String table : List.of("bm_unit_volume", "supplier_volume", "gsp_group_correction", "quarantine")) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table + " WHERE run_id = :id")
                            .param("id", run.get("run_id"))
                            .query(Long.class)
                            .single())
                    .as(table)
                    .isZero();
        }
    }

    private static long runId(String out) {
        var m = java.util.regex.Pattern.compile("^Run (\\d+):", java.util.regex.Pattern.MULTILINE)
                .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Long.parseLong(m.group(1));
    }

    private Map<String, String> fingerprints(long runId) {
        Map<String, String> m = new HashMap<>();
        jdbc.sql("SELECT gsp_group, output_fingerprint FROM run_partition WHERE run_id = :id")
                .param("id", runId)
                .query((rs, n) -> m.put(rs.getString(1), rs.getString(2)))
                .list();
        return m;
    }
}
