package org.gbsettle.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.gbsettle.engine.calendar.TimetableRegime;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.GbSettleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runs due on a day from the shipped calendars (legacy II WD+5, SF WD+16, R1 WD+39; MHHS II WD+4, SF WD+7; switch
 * on settlement date 2027-07-02; England &amp; Wales bank holidays), every expected value counted by hand from
 * domain.md §3 and reference-data/CALENDAR.md: the dates of a run type due on day R with offset n run from the n-th
 * working day before R up to, not including, the (n-1)-th; the cut-off is the end (local midnight, Europe/London) of
 * the last working day before R.
 */
class RunTimetableTest {

    private static final RunTimetable SHIPPED = RunTimetable.shipped(null);

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # Fri 2026-01-16: WD-5 Fri 9 Jan, WD-4 Mon 12 Jan: the weekend rolls onto the Friday; cut-off end of Thu 15
            2026-01-16 | II | 2026-01-09 2026-01-10 2026-01-11 | 2026-01-16T00:00:00Z
            # Mon 2026-02-02: WD-16 Fri 9 Jan, WD-15 Mon 12 Jan; cut-off end of Fri 30 Jan
            2026-02-02 | SF | 2026-01-09 2026-01-10 2026-01-11 | 2026-01-31T00:00:00Z
            # Mon 2026-02-02: WD-5 Mon 26 Jan, WD-4 Tue 27 Jan: one date
            2026-02-02 | II | 2026-01-26                       | 2026-01-31T00:00:00Z
            # Thu 2026-01-22: WD-5 Thu 15 Jan, WD-4 Fri 16 Jan (domain.md's D = 2026-01-15)
            2026-01-22 | II | 2026-01-15                       | 2026-01-22T00:00:00Z
            # Fri 2026-02-06, the winter sample day's SF: Thu 15 Jan + 16 working days; cut-off end of Thu 5 Feb
            2026-02-06 | SF | 2026-01-15                       | 2026-02-06T00:00:00Z
            # Tue 2026-04-07 after Easter (Fri 3 and Mon 6 Apr): WD-5 Fri 27 Mar, WD-4 Mon 30 Mar; cut-off end of Thu
            # 2 Apr, BST
            2026-04-07 | II | 2026-03-27 2026-03-28 2026-03-29 | 2026-04-02T23:00:00Z
            # Tue 2026-04-07: WD-16 Thu 12 Mar, WD-15 Fri 13 Mar
            2026-04-07 | SF | 2026-03-12                       | 2026-04-02T23:00:00Z
            # Wed 2026-04-22, the spring sample day's SF: WD-16 Fri 27 Mar, WD-15 Mon 30 Mar; cut-off end of Tue 21 Apr
            2026-04-22 | SF | 2026-03-27 2026-03-28 2026-03-29 | 2026-04-21T23:00:00Z
            # Fri 2026-10-30: WD-5 Fri 23 Oct, WD-4 Mon 26 Oct; clocks went back on Sun 25: cut-off end of Thu 29, GMT
            2026-10-30 | II | 2026-10-23 2026-10-24 2026-10-25 | 2026-10-30T00:00:00Z
            # Thu 2026-12-17, the autumn sample day's R1: WD-39 Fri 23 Oct, WD-38 Mon 26 Oct; cut-off end of Wed 16 Dec
            2026-12-17 | R1 | 2026-10-23 2026-10-24 2026-10-25 | 2026-12-17T00:00:00Z
            # Tue 2027-01-05 after Christmas (Fri 25, Mon 28 Dec) and New Year (Fri 1 Jan): WD-5 Thu 24 Dec, WD-4 Tue
            # 29 Dec: five dates, two of them bank holidays; cut-off end of Mon 4 Jan
            2027-01-05 | II | 2026-12-24 2026-12-25 2026-12-26 2026-12-27 2026-12-28 | 2027-01-05T00:00:00Z
            # Tue 2027-01-05: WD-16 Wed 9 Dec, WD-15 Thu 10 Dec
            2027-01-05 | SF | 2026-12-09                       | 2027-01-05T00:00:00Z
            # Mon 2027-07-05, after the switch date (Fri 2 Jul 2027): WD-5 Mon 28 Jun, WD-4 Tue 29 Jun: legacy;
            # cut-off end of Fri 2 Jul, BST
            2027-07-05 | II | 2027-06-28                       | 2027-07-02T23:00:00Z
            # Mon 2027-07-05: WD-16 Fri 11 Jun, WD-15 Mon 14 Jun: legacy
            2027-07-05 | SF | 2027-06-11 2027-06-12 2027-06-13 | 2027-07-02T23:00:00Z
            # Thu 2027-07-08: legacy II (WD-5 Thu 1 Jul, WD-4 Fri 2 Jul) and MHHS II (WD-4 Fri 2 Jul, WD-3 Mon 5 Jul)
            2027-07-08 | II | 2027-07-01 2027-07-02 2027-07-03 2027-07-04 | 2027-07-07T23:00:00Z
            # Tue 2027-07-13: legacy SF (WD-16 Mon 21 Jun, WD-15 Tue 22 Jun) and MHHS SF (WD-7 Fri 2 Jul, WD-6 Mon 5
            # Jul); cut-off end of Mon 12 Jul
            2027-07-13 | SF | 2027-06-21 2027-07-02 2027-07-03 2027-07-04 | 2027-07-12T23:00:00Z
            """)
    void the_dates_of_a_run_type_due_on_a_day(LocalDate day, RunType type, String dates, Instant cutoff) {
        List<DueRun> due = SHIPPED.dueOn(day).stream()
                .filter(r -> r.entry().runType() == type)
                .toList();

        assertThat(due)
                .extracting(r -> r.entry().settlementDate().date())
                .containsExactlyElementsOf(
                        Arrays.stream(dates.split(" ")).map(LocalDate::parse).toList());
        assertThat(due).allSatisfy(r -> {
            assertThat(r.entry().plannedRunDate()).isEqualTo(day);
            assertThat(r.entry().dataCutoff()).isEqualTo(cutoff);
            assertThat(r.loaded()).isFalse();
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2027-07-03", // Saturday
                "2027-07-04", // Sunday
                "2026-04-03", // Good Friday
                "2026-04-06", // Easter Monday
                "2026-05-04", // Early May bank holiday
                "2026-12-25", // Christmas Day
                "2026-12-28", // Boxing Day, substitute
                "2027-01-01" // New Year's Day
            })
    void nothing_is_due_on_a_weekend_or_bank_holiday(LocalDate day) {
        assertThat(SHIPPED.dueOn(day)).isEmpty();
    }

    @Test
    void a_date_follows_the_mhhs_timetable_from_the_switch_date() {
        // Thu 2027-07-08: II of Thu 1 Jul (legacy, WD+5) and of Fri 2 Jul to Sun 4 Jul (MHHS, WD+4)
        assertThat(SHIPPED.dueOn(LocalDate.of(2027, 7, 8)).stream()
                        .filter(r -> r.entry().runType() == RunType.II)
                        .map(DueRun::regime))
                .containsExactly(
                        TimetableRegime.LEGACY, TimetableRegime.MHHS, TimetableRegime.MHHS, TimetableRegime.MHHS);
        // Mon 2027-07-05: the MHHS II of Tue 29 Jun would fall today, but 29 Jun is before the switch: legacy only
        assertThat(SHIPPED.dueOn(LocalDate.of(2027, 7, 5)))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.regime()).isEqualTo(TimetableRegime.LEGACY));
    }

    @Test
    void clock_change_dates_keep_their_period_counts() {
        // the spring sample day's SF on Wed 2026-04-22: Fri 27 (48), Sat 28 (48), Sun 29 Mar 2026 (46: clocks go
        // forward); the autumn day's R1 on Thu 2026-12-17: Fri 23 (48), Sat 24 (48), Sun 25 Oct 2026 (50: clocks go
        // back)
        assertThat(SHIPPED.dueOn(LocalDate.of(2026, 4, 22)).stream()
                        .filter(r -> r.entry().runType() == RunType.SF)
                        .map(r -> r.entry().settlementDate().periodCount()))
                .containsExactly(48, 48, 46);
        assertThat(SHIPPED.dueOn(LocalDate.of(2026, 12, 17)).stream()
                        .filter(r -> r.entry().runType() == RunType.R1)
                        .map(r -> r.entry().settlementDate().periodCount()))
                .containsExactly(48, 48, 50);
    }

    @Test
    void runs_of_a_day_are_in_timetable_order() {
        // by settlement date, then run-type rank
        List<DueRun> due = SHIPPED.dueOn(LocalDate.of(2027, 7, 13));
        assertThat(due).hasSizeGreaterThan(4);
        for (int i = 1; i < due.size(); i++) {
            DueRun a = due.get(i - 1);
            DueRun b = due.get(i);
            int byDate = a.entry().settlementDate().compareTo(b.entry().settlementDate());
            assertThat(byDate <= 0).as(a + " before " + b).isTrue();
            if (byDate == 0) {
                assertThat(a.entry().runType().rank())
                        .isLessThan(b.entry().runType().rank());
            }
        }
    }

    @Test
    void no_df_is_generated_over_a_year() {
        for (LocalDate d = LocalDate.of(2026, 1, 1); d.getYear() == 2026; d = d.plusDays(1)) {
            assertThat(SHIPPED.dueOn(d)).noneMatch(r -> r.entry().runType() == RunType.DF);
        }
    }

    @Test
    void a_calendar_file_adds_df_and_replaces_the_generated_runs_of_the_dates_it_names(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("settlement_calendar.csv");
        // DF of Thu 2026-01-15 on Fri 2027-05-14 (cut-off: the end of Thu 13 May 2027, BST)
        Files.writeString(file, """
                settlement_date,run_type,planned_run_date,data_cutoff
                2026-01-15,DF,2027-05-14,2027-05-13T23:00:00Z
                """);
        RunTimetable timetable = RunTimetable.shipped(file);

        assertThat(timetable.dueOn(LocalDate.of(2027, 5, 14)))
                .filteredOn(r -> r.entry().runType() == RunType.DF)
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.entry().settlementDate().date()).isEqualTo(LocalDate.of(2026, 1, 15));
                    assertThat(r.entry().dataCutoff()).isEqualTo(Instant.parse("2027-05-13T23:00:00Z"));
                    assertThat(r.loaded()).isTrue();
                });
        // generated, 2026-01-15's II falls on Thu 2026-01-22 as its only II date; the file names the date, so its
        // generated runs are gone
        assertThat(SHIPPED.dueOn(LocalDate.of(2026, 1, 22)))
                .anyMatch(r -> r.entry().runType() == RunType.II);
        assertThat(timetable.dueOn(LocalDate.of(2026, 1, 22)))
                .noneMatch(r -> r.entry().runType() == RunType.II);
    }

    @Test
    void a_bad_calendar_file_names_its_line_and_field(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cal.csv");
        Files.writeString(file, """
                settlement_date,run_type,planned_run_date,data_cutoff
                2026-01-15,XX,2027-05-14,2027-05-13T23:00:00Z
                """);

        assertThatThrownBy(() -> RunTimetable.shipped(file))
                .isInstanceOf(GbSettleException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("run_type");
    }

    @Test
    void a_day_whose_runs_count_back_past_the_shipped_calendars_is_an_error() {
        // the shipped bank holidays start in 2022: legacy RF (WD+292) of a day in early 2022 counts back into 2021
        assertThatThrownBy(() -> SHIPPED.dueOn(LocalDate.of(2022, 3, 1)))
                .isInstanceOf(GbSettleException.class)
                .hasMessageContaining("cannot work out the runs due on 2022-03-01");
    }
}
