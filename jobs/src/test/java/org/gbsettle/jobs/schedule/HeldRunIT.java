package org.gbsettle.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.io.postgres.JdbcScheduledRunRepository;
import org.gbsettle.jobs.sample.SampleDay;
import org.gbsettle.jobs.schedule.TickReport.Action;
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
 * A timetabled run whose take is not loaded is held, not run, with the reason naming the missing take, and released at
 * the next tick once the take is loaded: the spring sample day (Sun 2026-03-29, 46 periods) loaded without its
 * CDCA-I029 file, its meter data ingested, ticks for the day its SF is due.
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HeldRunIT {

    @RegisterExtension
    static final TestDatabase DATABASE = new TestDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    // SF (legacy WD+16) of Sun 2026-03-29: Mon 30, Tue 31 Mar, Wed 1, Thu 2 Apr, (Good Friday, Easter Monday) Tue 7
    // .. Fri 10, Mon 13 .. Fri 17, Mon 20 .. Wed 22 Apr is the 16th working day
    private static final LocalDate DUE = LocalDate.of(2026, 4, 22);
    private static final LocalDate DATE = LocalDate.of(2026, 3, 29);

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    NightlyRuns nightly;

    @Autowired
    JdbcScheduledRunRepository schedule;

    private final GbSettleCli gbsettle = GbSettleCli.in(() -> context);

    @Test
    void a_run_without_its_take_is_held_then_released_once_the_take_is_loaded() throws IOException {
        SampleDay day = SampleDayFixture.sampleDay("2026-03-29_spring_clock_change");
        Path reference = DATABASE.directory().resolve("reference");
        SampleDayFixture.copyFolder(day.referenceFolder(), reference);
        Path take = DATABASE.directory().resolve("CDCA-I029_20260329_SF.I029");
        Files.move(reference.resolve("CDCA-I029_20260329_SF.I029"), take);
        assertThat(gbsettle.run("load-reference", reference.toString()).exitCode())
                .isZero();
        assertThat(gbsettle.ingest(day.receivedAt().toString(), day.meterDataFiles())
                        .exitCode())
                .isZero();

        TickReport held = nightly.tick(DUE);

        TickReport.Entry entry = entryOf(held);
        assertThat(entry.action()).isEqualTo(Action.HELD);
        assertThat(entry.detail())
                .contains("_A: MISSING_TAKE: no GSP group take (CDCA-I029) loaded for _A on 2026-03-29")
                .contains("_B: MISSING_TAKE: no GSP group take (CDCA-I029) loaded for _B on 2026-03-29");
        assertThat(jdbc.sql("SELECT count(*) FROM settlement_run")
                        .query(Long.class)
                        .single())
                .as("nothing run")
                .isZero();
        ScheduledRun row = schedule.find(DATE, RunType.SF).orElseThrow();
        assertThat(row.state()).isEqualTo(ScheduleState.HELD);
        assertThat(row.reason()).contains("no GSP group take (CDCA-I029) loaded for _A on 2026-03-29");
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.runId()).isNull();
        // status lists it with its state and reason
        Result status = gbsettle.run("status");
        assertThat(status.exitCode()).as(status.printed()).isZero();
        assertThat(status.out())
                .contains("Timetabled runs not started (scheduled_run):")
                .containsPattern(
                        "2026-03-29  \\S+\\s+\\S+  HELD\\s+1  .*no GSP group take \\(CDCA-I029\\) loaded for _A");

        Result loaded = gbsettle.run("load-reference", take.toString());
        assertThat(loaded.exitCode()).as(loaded.printed()).isZero();

        TickReport released = nightly.tick(DUE);

        TickReport.Entry launched = entryOf(released);
        assertThat(launched.action()).as(launched.detail()).isEqualTo(Action.LAUNCHED);
        assertThat(launched.runId()).isNotNull();
        assertThat(jdbc.sql("SELECT status FROM settlement_run WHERE run_id = :id")
                        .param("id", launched.runId())
                        .query(String.class)
                        .single())
                .isEqualTo("COMPLETE");
        ScheduledRun done = schedule.find(DATE, RunType.SF).orElseThrow();
        assertThat(done.state()).isEqualTo(ScheduleState.DONE);
        assertThat(done.runId()).isEqualTo(launched.runId());
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.firstSeen()).isEqualTo(row.firstSeen());
        // Fri 27 and Sat 28 Mar share the day's SF but have no meter data: still held
        assertThat(released.entries(Action.HELD))
                .extracting(e -> e.due().entry().settlementDate().date())
                .contains(LocalDate.of(2026, 3, 27), LocalDate.of(2026, 3, 28));
    }

    private static TickReport.Entry entryOf(TickReport report) {
        assertThat(report.acted()).isTrue();
        return report.entries().stream()
                .filter(e -> e.due().entry().settlementDate().date().equals(DATE)
                        && e.due().entry().runType() == RunType.SF)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no SF of " + DATE + " in " + report));
    }
}
