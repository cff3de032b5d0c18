package org.gbsettle.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code gbsettle due --on D}: the runs due on a day from the shipped calendars, printed without a database (expected
 * values counted by hand; see {@code RunTimetableTest}).
 */
class DueCommandTest {

    private final GbSettleCli gbsettle = GbSettleCli.withoutDatabase();

    @Test
    void a_run_day_lists_its_runs_with_periods_cut_off_and_regime() {
        // Wed 2026-04-22: legacy SF of Fri 27, Sat 28 and Sun 29 Mar 2026 (46 periods: clocks go forward), cut-off
        // the end of Tue 21 Apr (BST)
        Result r = gbsettle.run("due", "--on", "2026-04-22");

        assertThat(r.exitCode()).as(r.printed()).isZero();
        assertThat(r.out())
                .startsWith("DATE        PERIODS  TYPE  RUN DATE    DATA CUT-OFF (UTC)    REGIME\n")
                .containsPattern("(?m)^2026-03-27\\s+48\\s+SF\\s+2026-04-22\\s+2026-04-21T23:00:00Z\\s+LEGACY$")
                .containsPattern("(?m)^2026-03-28\\s+48\\s+SF\\s+2026-04-22\\s+2026-04-21T23:00:00Z\\s+LEGACY$")
                .containsPattern("(?m)^2026-03-29\\s+46\\s+SF\\s+2026-04-22\\s+2026-04-21T23:00:00Z\\s+LEGACY$")
                .endsWith(" run(s) due on 2026-04-22\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void the_first_mhhs_runs_follow_the_switch() {
        // Thu 2027-07-08: legacy II of Thu 1 Jul (WD+5); MHHS II of Fri 2 to Sun 4 Jul 2027 (WD+4)
        Result r = gbsettle.run("due", "--on", "2027-07-08");

        assertThat(r.exitCode()).as(r.printed()).isZero();
        assertThat(r.out())
                .containsPattern("(?m)^2027-07-01\\s+48\\s+II\\s+2027-07-08\\s+2027-07-07T23:00:00Z\\s+LEGACY$")
                .containsPattern("(?m)^2027-07-02\\s+48\\s+II\\s+2027-07-08\\s+2027-07-07T23:00:00Z\\s+MHHS$")
                .containsPattern("(?m)^2027-07-04\\s+48\\s+II\\s+2027-07-08\\s+2027-07-07T23:00:00Z\\s+MHHS$");
    }

    @ParameterizedTest
    @CsvSource({"2027-07-03, Sat", "2026-04-06, Mon"})
    void nothing_is_due_on_a_weekend_or_bank_holiday(String day, String weekday) {
        Result r = gbsettle.run("due", "--on", day);

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("no runs due on " + day + " (" + weekday + ")\n");
    }

    @Test
    void a_calendar_file_adds_its_entries(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("calendar.csv");
        Files.writeString(file, """
                settlement_date,run_type,planned_run_date,data_cutoff
                2025-10-26,DF,2027-05-14,2027-05-13T23:00:00Z
                """);

        Result r = gbsettle.run("due", "--on", "2027-05-14", "--calendar", file.toString());

        assertThat(r.exitCode()).as(r.printed()).isZero();
        // Sun 2025-10-26: clocks go back, 50 periods
        assertThat(r.out())
                .containsPattern(
                        "(?m)^2025-10-26\\s+50\\s+DF\\s+2027-05-14\\s+2027-05-13T23:00:00Z\\s+LEGACY \\(calendar file\\)$");
    }

    @Test
    void bad_arguments_exit_2_and_errors_exit_1(@TempDir Path dir) {
        Result missing = gbsettle.run("due");
        Result badDate = gbsettle.run("due", "--on", "2027-02-30");
        Result noFile = gbsettle.run(
                "due",
                "--on",
                "2027-05-14",
                "--calendar",
                dir.resolve("none.csv").toString());

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--on=DATE'");
        assertThat(badDate.exitCode()).isEqualTo(2);
        assertThat(badDate.err()).contains("'2027-02-30' is not a date YYYY-MM-DD");
        assertThat(noFile.exitCode()).isEqualTo(1);
        assertThat(noFile.err())
                .contains("gbsettle due: error: settlement calendar ")
                .contains("none.csv");
    }
}
