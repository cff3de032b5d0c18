package org.gbsettle.engine.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gbsettle.engine.calendar.TestCalendars.ENGLAND_WALES;
import static org.gbsettle.engine.calendar.TestCalendars.M16;
import static org.gbsettle.engine.calendar.TestCalendars.OFFSETS;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.time.SettlementDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimetableRulesTest {

    private static final TimetableRules BY_SETTLEMENT_DATE =
            TimetableRules.of(ENGLAND_WALES, OFFSETS, RegimeSwitch.on(M16));
    private static final TimetableRules BY_FIRST_RUN =
            TimetableRules.of(ENGLAND_WALES, OFFSETS, RegimeSwitch.of(M16, RegimeSwitch.Basis.FIRST_RUN_DATE));

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "2026-01-15, LEGACY",
        "2027-07-01, LEGACY",
        "2027-07-02, MHHS",
        "2028-01-01, MHHS",
    })
    void regimeBySettlementDate(String date, TimetableRegime regime) {
        assertThat(BY_SETTLEMENT_DATE.regimeOf(SettlementDate.parse(date))).isEqualTo(regime);
    }

    /**
     * M16 = Fri 2 Jul 2027; the first MHHS run is II at WD+4. Fri 25 Jun: Mon 28, Tue 29, Wed 30, Thu 1 Jul (before
     * M16); Sat 26 and Sun 27 reach the same Thu 1 Jul; Mon 28 Jun: Tue 29, Wed 30, Thu 1, Fri 2 Jul (on M16).
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "2027-06-25, LEGACY",
        "2027-06-26, LEGACY",
        "2027-06-27, LEGACY",
        "2027-06-28, MHHS",
        "2027-06-29, MHHS",
        "2027-07-02, MHHS",
    })
    void regimeByFirstRunDate(String date, TimetableRegime regime) {
        assertThat(BY_FIRST_RUN.regimeOf(SettlementDate.parse(date))).isEqualTo(regime);
    }

    /**
     * Legacy runs of Thu 2026-01-15 (counting in WorkingDayCalendarTest): II WD+5 Thu 22 Jan, SF WD+16 Fri 6 Feb, R1
     * WD+39 Wed 11 Mar, R2 WD+84 Mon 18 May, R3 WD+154 Tue 25 Aug 2026, RF WD+292 Thu 11 Mar 2027. Cut-off: the end of
     * the working day before, i.e. local midnight starting the run day, except after a weekend or holiday: Mon 18 May
     * follows Fri 15 May, so its cut-off is Sat 16 May 00:00 BST = Fri 15 May 23:00Z; Tue 25 Aug follows Mon 24 Aug.
     */
    @Test
    void legacyRunsOfJanuary15th2026() {
        List<SettlementCalendarEntry> runs = BY_SETTLEMENT_DATE.plannedRuns(SettlementDate.of(2026, 1, 15));

        assertThat(runs)
                .containsExactly(
                        entry("2026-01-15", RunType.II, "2026-01-22", "2026-01-22T00:00:00Z"),
                        entry("2026-01-15", RunType.SF, "2026-02-06", "2026-02-06T00:00:00Z"),
                        entry("2026-01-15", RunType.R1, "2026-03-11", "2026-03-11T00:00:00Z"),
                        entry("2026-01-15", RunType.R2, "2026-05-18", "2026-05-15T23:00:00Z"),
                        entry("2026-01-15", RunType.R3, "2026-08-25", "2026-08-24T23:00:00Z"),
                        entry("2026-01-15", RunType.RF, "2027-03-11", "2027-03-11T00:00:00Z"));
    }

    /**
     * MHHS runs of Fri 2 Jul 2027 (M16): II WD+4 Thu 8 Jul (Mon 5, Tue 6, Wed 7, Thu 8), SF WD+7 Tue 13 Jul (Fri 9,
     * Mon 12, Tue 13), R1 WD+30 Fri 13 Aug (weeks of 19 Jul .. 9 Aug add 20: Fri 13 Aug = 7 + 3 + 20), RF WD+84 Fri 29
     * Oct (Mon 30 Aug skipped: weeks of 16 Aug (35), 23 Aug (40), 31 Aug Tue-Fri (44), then 8 weeks Sep 6 .. Oct 29
     * (84)). BST throughout, so each cut-off is 23:00Z of the working day before.
     */
    @Test
    void mhhsRunsOfTheSwitchDate() {
        assertThat(BY_SETTLEMENT_DATE.plannedRuns(SettlementDate.of(2027, 7, 2)))
                .containsExactly(
                        entry("2027-07-02", RunType.II, "2027-07-08", "2027-07-07T23:00:00Z"),
                        entry("2027-07-02", RunType.SF, "2027-07-13", "2027-07-12T23:00:00Z"),
                        entry("2027-07-02", RunType.R1, "2027-08-13", "2027-08-12T23:00:00Z"),
                        entry("2027-07-02", RunType.RF, "2027-10-29", "2027-10-28T23:00:00Z"));
    }

    @Test
    void dataCutoffOfAWd1RunAfterAWeekendIsTheEndOfTheSettlementDate() {
        // WD+1 of Sat 4 Apr 2026 is Tue 7 Apr; the last working day before it is Thu 2 Apr, before the settlement
        // date, so the cut-off is the end of Sat 4 Apr: Sun 5 Apr 00:00 BST = 4 Apr 23:00Z. For Thu 2 Apr it is the
        // end of Thu 2 Apr.
        TimetableRules wd1 = TimetableRules.of(
                ENGLAND_WALES,
                RunOffsetTable.of(List.of(RunOffset.of(TimetableRegime.LEGACY, RunType.II, 1))),
                RegimeSwitch.on(M16));

        assertThat(wd1.plannedRuns(SettlementDate.of(2026, 4, 4)))
                .containsExactly(entry("2026-04-04", RunType.II, "2026-04-07", "2026-04-04T23:00:00Z"));
        assertThat(wd1.plannedRuns(SettlementDate.of(2026, 4, 2)))
                .containsExactly(entry("2026-04-02", RunType.II, "2026-04-07", "2026-04-02T23:00:00Z"));
    }

    @Test
    void aRegimeWithoutOffsetsCannotBePlanned() {
        TimetableRules legacyOnly = TimetableRules.of(
                ENGLAND_WALES,
                RunOffsetTable.of(List.of(RunOffset.of(TimetableRegime.LEGACY, RunType.SF, 16))),
                RegimeSwitch.on(M16));

        assertThatThrownBy(() -> legacyOnly.plannedRuns(SettlementDate.of(2027, 7, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Settlement date 2027-07-02 follows MHHS but the run offset table has no MHHS offsets");
    }

    @Test
    void runsBeyondTheCalendarAreRefusedNamingTheRun() {
        // Legacy RF WD+292 of 1 Jun 2027 lands in 2028, inside the calendar. For Thu 1 Jun 2028 the R3 (WD+154) is
        // the first run past 2028: Fri 2 Jun (1), 29 weeks Jun 5 .. Dec 22 less Mon 28 Aug (145), Wed 27 .. Fri 29
        // Dec after the two Christmas holidays (148), so WD+154 needs January 2029.
        TimetableRules legacyForever =
                TimetableRules.of(ENGLAND_WALES, OFFSETS, RegimeSwitch.on(LocalDate.of(2099, 1, 1)));

        assertThat(legacyForever.plannedRuns(SettlementDate.of(2027, 6, 1))).hasSize(6);
        assertThatThrownBy(() -> legacyForever.plannedRuns(SettlementDate.of(2028, 6, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot plan LEGACY R3 WD+154 for 2028-06-01: Working-day calendar covers");
    }

    @Test
    void generateAcrossTheSwitch() {
        // 30 Jun and 1 Jul 2027 follow the legacy timetable (6 runs each), 2 and 3 Jul the MHHS one (4 runs each).
        SettlementTimetable timetable =
                BY_SETTLEMENT_DATE.generate(SettlementDate.of(2027, 6, 30), SettlementDate.of(2027, 7, 3));

        assertThat(timetable.entries()).hasSize(6 + 6 + 4 + 4);
        assertThat(timetable.entriesFor(SettlementDate.of(2027, 7, 1)))
                .extracting(SettlementCalendarEntry::runType)
                .containsExactly(RunType.II, RunType.SF, RunType.R1, RunType.R2, RunType.R3, RunType.RF);
        // Thu 8 Jul 2027 carries the legacy II of Thu 1 Jul (WD+5: Fri 2, Mon 5, Tue 6, Wed 7, Thu 8) and the MHHS
        // II of Fri 2 and Sat 3 Jul (WD+4: Mon 5 .. Thu 8). Wed 7 Jul carries the legacy II of Wed 30 Jun.
        assertThat(timetable.runsDueOn(LocalDate.of(2027, 7, 8)))
                .extracting(e -> e.settlementDate() + " " + e.runType())
                .containsExactly("2027-07-01 II", "2027-07-02 II", "2027-07-03 II");
        assertThat(timetable.runsDueOn(LocalDate.of(2027, 7, 7)))
                .extracting(e -> e.settlementDate() + " " + e.runType())
                .containsExactly("2027-06-30 II");
        assertThat(timetable.runsDueOn(LocalDate.of(2027, 7, 10))).isEmpty();
    }

    @Test
    void generateRejectsAnEmptyRange() {
        assertThatThrownBy(
                        () -> BY_SETTLEMENT_DATE.generate(SettlementDate.of(2026, 1, 2), SettlementDate.of(2026, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Timetable range end 2026-01-01 is before its start 2026-01-02");
    }

    @Test
    void everyGeneratedRunIsOnAWorkingDayAndAfterItsCutoff() {
        SettlementTimetable year =
                BY_SETTLEMENT_DATE.generate(SettlementDate.of(2025, 1, 1), SettlementDate.of(2025, 12, 31));

        assertThat(year.settlementDates()).hasSize(365);
        for (SettlementCalendarEntry e : year.entries()) {
            assertThat(ENGLAND_WALES.isWorkingDay(e.plannedRunDate())).isTrue();
            assertThat(e.dataCutoff())
                    .isBeforeOrEqualTo(SettlementDate.of(e.plannedRunDate()).startUtc());
            assertThat(e.dataCutoff()).isAfterOrEqualTo(e.settlementDate().endUtc());
        }
    }

    static SettlementCalendarEntry entry(String date, RunType runType, String runDate, String cutoff) {
        return SettlementCalendarEntry.of(
                SettlementDate.parse(date), runType, LocalDate.parse(runDate), Instant.parse(cutoff));
    }
}
