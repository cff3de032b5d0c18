package org.gbsettle.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.sample.ExpectedOutputs;
import org.gbsettle.jobs.sample.GroupCheck;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.gbsettle.jobs.testing.SampleDayFixture;
import org.gbsettle.jobs.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code gbsettle nightly --on D} end to end on embedded PostgreSQL: the winter sample day (Thu 2026-01-15) loaded and
 * ingested, the tick for the day its SF is due launches it with the timetable's cut-off, and its outputs are the
 * day's expected ones; the next tick skips it.
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NightlyCommandIT {

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

    @Test
    void nightly_launches_the_run_due_and_skips_it_once_complete() {
        SampleDayFixture fixture = SampleDayFixture.of(gbsettle, SampleDayFixture.WINTER);
        fixture.loadReference();
        fixture.ingestMeterData();

        // SF (legacy WD+16) of Thu 2026-01-15: Fri 16, Mon 19 .. Fri 23, Mon 26 .. Fri 30 Jan, Mon 2 .. Fri 6 Feb is
        // the 16th working day; cut-off the end of the working day before, Thu 5 Feb: 2026-02-06T00:00:00Z (GMT)
        Result first = gbsettle.run("nightly", "--on", "2026-02-06");

        assertThat(first.exitCode()).as(first.printed()).isZero();
        Map<String, Object> run = jdbc.sql("SELECT run_id, run_number, status, started_by, reason"
                        + " FROM settlement_run WHERE settlement_date = '2026-01-15' AND run_type = 'SF'")
                .query()
                .singleRow();
        long runId = ((Number) run.get("run_id")).longValue();
        assertThat(run.get("status")).isEqualTo("COMPLETE");
        assertThat(run.get("started_by")).isEqualTo("scheduler");
        assertThat(run.get("reason")).isEqualTo("timetable SF for 2026-01-15 due 2026-02-06");
        assertThat(jdbc.sql("SELECT data_cutoff FROM settlement_run WHERE run_id = :id")
                        .param("id", runId)
                        .query(OffsetDateTime.class)
                        .single()
                        .toInstant())
                .isEqualTo(Instant.parse("2026-02-06T00:00:00Z"));
        assertThat(first.out())
                .startsWith("Nightly tick for 2026-02-06 (runs due 2026-01-30 to 2026-02-06): 1 launched and"
                        + " COMPLETE, 0 failed, ")
                .containsPattern("(?m)^LAUNCHED\\s+2026-01-15\\s+SF\\s+2026-02-06\\s+2026-02-06T00:00:00Z\\s+run "
                        + runId + " \\(SF 1\\) COMPLETE$")
                // II of Fri 30 Jan (WD+5: Mon 2 .. Fri 6 Feb) is due too, but nothing of that date is in
                .containsPattern("(?m)^HELD\\s+2026-01-30\\s+II\\s+2026-02-06\\s+2026-02-06T00:00:00Z\\s+no meter-data"
                        + " file holding 2026-01-30 received by 2026-02-06T00:00:00Z \\(ingest\\); no GSP group take"
                        + " \\(CDCA-I029\\) loaded for _A on 2026-01-30; no GSP group take \\(CDCA-I029\\) loaded for"
                        + " _B on 2026-01-30$");

        List<GroupCheck> checks = context.getBean(ExpectedOutputs.class).check(fixture.day(), runId);
        assertThat(checks)
                .flatExtracting(GroupCheck::differences)
                .as("differences")
                .isEmpty();
        assertThat(jdbc.sql("SELECT state, run_id, attempts FROM scheduled_run"
                                + " WHERE settlement_date = '2026-01-15' AND run_type = 'SF'")
                        .query()
                        .singleRow())
                .containsEntry("state", "DONE")
                .containsEntry("run_id", runId)
                .containsEntry("attempts", 1);

        Result second = gbsettle.run("nightly", "--on", "2026-02-06");

        assertThat(second.exitCode()).as(second.printed()).isZero();
        assertThat(second.out())
                .contains(": 0 launched and COMPLETE, 0 failed, ")
                .containsPattern("(?m)^SKIPPED\\s+2026-01-15\\s+SF\\s+2026-02-06\\s+2026-02-06T00:00:00Z\\s+run "
                        + runId + " \\(SF 1, started by scheduler\\) is COMPLETE$");
        assertThat(jdbc.sql("SELECT count(*) FROM settlement_run")
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @Test
    void nightly_with_a_bad_day_is_a_usage_error() {
        Result r = gbsettle.run("nightly", "--on", "tomorrow");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'tomorrow' is not a date YYYY-MM-DD");
    }
}
