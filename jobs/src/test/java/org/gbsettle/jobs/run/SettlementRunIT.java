package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gbsettle.jobs.testing.GbSettleCli.runId;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.sample.ExpectedOutputs;
import org.gbsettle.jobs.sample.GroupCheck;
import org.gbsettle.jobs.sample.SampleDay;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.gbsettle.jobs.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-01-15_normal_winter_day",
                "2026-03-29_spring_clock_change",
                "2026-10-25_autumn_clock_change"
            })
    void a_sample_day_runs_to_its_expected_outputs(String dayName) {
        SampleDayFixture fixture = SampleDayFixture.of(gbsettle, dayName);
        SampleDay day = fixture.day();
        String date = day.settlementDate().toString();
        String type = day.runType().name();

        fixture.loadReference();
        // every file received a day before the cut-off: the rows' own received_at decide supersession
        fixture.ingestMeterData();

        Result first = fixture.run("--reason", "sample day " + dayName);
        assertThat(first.exitCode()).as(first.err()).isZero();
        long runId = runId(first.out());
        assertThat(first.out())
                .contains("COMPLETE")
                .contains("_A")
                .contains("_B")
                .contains("settlement_volume_latest_v1");

        List<GroupCheck> checks = context.getBean(ExpectedOutputs.class).check(day, runId);
        assertThat(checks).extracting(GroupCheck::group).containsExactly("_A", "_B", "unassigned");
        assertThat(checks)
                .flatExtracting(GroupCheck::differences)
                .as("differences from the expected outputs")
                .isEmpty();

        Result second = fixture.run();
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

        Result status = gbsettle.run("status", "--date", date);
        assertThat(status.exitCode()).isZero();
        assertThat(status.out())
                .containsPattern("(?m)^\\s*" + runId + "\\s+" + date + "\\s+" + type + "\\s+1\\s+COMPLETE\\s+2/2")
                .containsPattern("(?m)^\\s*" + secondId + "\\s+" + date + "\\s+" + type + "\\s+2\\s+COMPLETE\\s+2/2");
    }

    @Test
    void missing_reference_data_fails_the_run_before_any_output() {
        SampleDayFixture.of(gbsettle, SampleDayFixture.WINTER).loadReference();

        // registrations are effective on 2026-01-16, but no LLF, take or profile coefficient is loaded for it
        Result failed = gbsettle.run("run", "--date", "2026-01-16", "--type", "SF", "--cutoff", "2026-02-07T00:00:00Z");

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

    private Map<String, String> fingerprints(long runId) {
        Map<String, String> m = new HashMap<>();
        jdbc.sql("SELECT gsp_group, output_fingerprint FROM run_partition WHERE run_id = :id")
                .param("id", runId)
                .query((rs, n) -> m.put(rs.getString(1), rs.getString(2)))
                .list();
        return m;
    }
}
