package org.gbsettle.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.gbsettle.engine.calendar.SettlementCalendarEntry;
import org.gbsettle.engine.calendar.TimetableRegime;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.schedule.DueRun;
import org.gbsettle.jobs.schedule.TickReport;
import org.gbsettle.jobs.schedule.TickReport.Action;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.junit.jupiter.api.Test;

/** What {@code nightly} prints for a tick, and the argument errors of {@code nightly} and {@code serve}. */
class NightlyCommandTest {

    private static DueRun due(String date, RunType type, String runDay, String cutoff) {
        return new DueRun(
                SettlementCalendarEntry.of(
                        SettlementDate.of(LocalDate.parse(date)), type, LocalDate.parse(runDay), Instant.parse(cutoff)),
                TimetableRegime.LEGACY,
                false);
    }

    @Test
    void a_tick_prints_its_summary_then_a_line_per_due_run() {
        TickReport report = new TickReport(
                LocalDate.of(2026, 2, 6),
                LocalDate.of(2026, 1, 30),
                true,
                List.of(
                        new TickReport.Entry(
                                due("2026-01-15", RunType.SF, "2026-02-06", "2026-02-06T00:00:00Z"),
                                Action.LAUNCHED,
                                "run 7 (SF 1) COMPLETE",
                                7L),
                        new TickReport.Entry(
                                due("2026-01-30", RunType.II, "2026-02-06", "2026-02-06T00:00:00Z"),
                                Action.HELD,
                                "no meter-data file\nsecond line",
                                null)));

        assertThat(NightlyCommand.render(report)).isEqualTo("""
                        Nightly tick for 2026-02-06 (runs due 2026-01-30 to 2026-02-06): 1 launched and COMPLETE, 0 failed, 1 held, 0 skipped
                        ACTION    DATE        TYPE  DUE         CUT-OFF               DETAIL
                        LAUNCHED  2026-01-15  SF    2026-02-06  2026-02-06T00:00:00Z  run 7 (SF 1) COMPLETE
                        HELD      2026-01-30  II    2026-02-06  2026-02-06T00:00:00Z  no meter-data file second line
                        """);
        assertThat(report.anyFailed()).isFalse();
    }

    @Test
    void a_tick_locked_out_says_so() {
        TickReport report = TickReport.lockedOut(LocalDate.of(2026, 2, 6), LocalDate.of(2026, 1, 30));

        assertThat(NightlyCommand.render(report))
                .isEqualTo("Nightly tick for 2026-02-06 (runs due 2026-01-30 to 2026-02-06): another instance is"
                        + " acting (schedule lock held): nothing done\n");
    }

    @Test
    void bad_arguments_start_nothing() {
        GbSettleCli gbsettle = GbSettleCli.withoutDatabase();

        Result nightly = gbsettle.run("nightly", "--on", "2026-02-30");
        Result serve = gbsettle.run("serve", "--for", "PT0S");
        Result help = gbsettle.run("serve", "--help");

        assertThat(nightly.exitCode()).isEqualTo(2);
        assertThat(nightly.err()).contains("'2026-02-30' is not a date YYYY-MM-DD");
        assertThat(serve.exitCode()).isEqualTo(2);
        assertThat(serve.err()).contains("--for must be positive, not PT0S");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("/actuator/health").contains("gbsettle.schedule.cron");
    }
}
