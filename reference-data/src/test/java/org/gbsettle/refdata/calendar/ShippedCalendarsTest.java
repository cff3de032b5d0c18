package org.gbsettle.refdata.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gbsettle.engine.calendar.RegimeSwitch;
import org.gbsettle.engine.calendar.RunOffset;
import org.gbsettle.engine.calendar.RunOffsetTable;
import org.gbsettle.engine.calendar.SettlementCalendarEntry;
import org.gbsettle.engine.calendar.SettlementTimetable;
import org.gbsettle.engine.calendar.TimetableRegime;
import org.gbsettle.engine.calendar.TimetableRules;
import org.gbsettle.engine.calendar.WorkingDayCalendar;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.time.SettlementDate;
import org.junit.jupiter.api.Test;

class ShippedCalendarsTest {

    /** domain.md §3 (2025-2028) and the brief's 2022-2024 list, with the 2022 summer bank holiday (29 Aug). */
    private static final List<LocalDate> EXPECTED = Stream.of(
                    // 2022: Jubilee moved the spring holiday to Thu 2 Jun and added Fri 3 Jun; the Queen's funeral
                    // on 19 Sep; Christmas Day on a Sunday, substitute Tue 27 Dec.
                    "2022-01-03",
                    "2022-04-15",
                    "2022-04-18",
                    "2022-05-02",
                    "2022-06-02",
                    "2022-06-03",
                    "2022-08-29",
                    "2022-09-19",
                    "2022-12-26",
                    "2022-12-27",
                    // 2023: New Year's Day on a Sunday; the coronation on Mon 8 May.
                    "2023-01-02",
                    "2023-04-07",
                    "2023-04-10",
                    "2023-05-01",
                    "2023-05-08",
                    "2023-05-29",
                    "2023-08-28",
                    "2023-12-25",
                    "2023-12-26",
                    "2024-01-01",
                    "2024-03-29",
                    "2024-04-01",
                    "2024-05-06",
                    "2024-05-27",
                    "2024-08-26",
                    "2024-12-25",
                    "2024-12-26",
                    "2025-01-01",
                    "2025-04-18",
                    "2025-04-21",
                    "2025-05-05",
                    "2025-05-26",
                    "2025-08-25",
                    "2025-12-25",
                    "2025-12-26",
                    "2026-01-01",
                    "2026-04-03",
                    "2026-04-06",
                    "2026-05-04",
                    "2026-05-25",
                    "2026-08-31",
                    "2026-12-25",
                    "2026-12-28",
                    "2027-01-01",
                    "2027-03-26",
                    "2027-03-29",
                    "2027-05-03",
                    "2027-05-31",
                    "2027-08-30",
                    "2027-12-27",
                    "2027-12-28",
                    "2028-01-03",
                    "2028-04-14",
                    "2028-04-17",
                    "2028-05-01",
                    "2028-05-29",
                    "2028-08-28",
                    "2028-12-25",
                    "2028-12-26")
            .map(LocalDate::parse)
            .toList();

    @Test
    void bankHolidaysAreTheExpectedDates() {
        List<BankHoliday> holidays = ShippedCalendars.bankHolidays();

        assertThat(holidays).extracting(BankHoliday::date).containsExactlyElementsOf(EXPECTED);
        Map<Integer, Long> perYear = holidays.stream()
                .collect(Collectors.groupingBy(h -> h.date().getYear(), TreeMap::new, Collectors.counting()));
        assertThat(perYear)
                .containsExactly(
                        Map.entry(2022, 10L),
                        Map.entry(2023, 9L),
                        Map.entry(2024, 8L),
                        Map.entry(2025, 8L),
                        Map.entry(2026, 8L),
                        Map.entry(2027, 8L),
                        Map.entry(2028, 8L));
        assertThat(holidays)
                .allSatisfy(h -> assertThat(h.date().getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
        assertThat(holidays)
                .filteredOn(h -> h.date().equals(LocalDate.of(2022, 9, 19)))
                .extracting(BankHoliday::name)
                .containsExactly("Bank Holiday for the State Funeral of Queen Elizabeth II");
    }

    @Test
    void workingDayCalendarCoversWholeYears2022To2028() {
        WorkingDayCalendar calendar = ShippedCalendars.workingDayCalendar();

        assertThat(calendar.firstDay()).isEqualTo(LocalDate.of(2022, 1, 1));
        assertThat(calendar.lastDay()).isEqualTo(LocalDate.of(2028, 12, 31));
        // domain.md §3: D = Thu 2026-01-15 -> WD+4 Wed 21 Jan, WD+7 Mon 26 Jan, WD+30 Thu 26 Feb, WD+84 Mon 18 May.
        LocalDate d = LocalDate.of(2026, 1, 15);
        assertThat(calendar.plusWorkingDays(d, 4)).isEqualTo(LocalDate.of(2026, 1, 21));
        assertThat(calendar.plusWorkingDays(d, 7)).isEqualTo(LocalDate.of(2026, 1, 26));
        assertThat(calendar.plusWorkingDays(d, 30)).isEqualTo(LocalDate.of(2026, 2, 26));
        assertThat(calendar.plusWorkingDays(d, 84)).isEqualTo(LocalDate.of(2026, 5, 18));
        // Thu 15 Sep 2022 + 4: Fri 16, [Mon 19 funeral], Tue 20, Wed 21, Thu 22.
        assertThat(calendar.plusWorkingDays(LocalDate.of(2022, 9, 15), 4)).isEqualTo(LocalDate.of(2022, 9, 22));
        // Coronation: Fri 5 May 2023 + 1 skips Mon 8 May: Tue 9 May.
        assertThat(calendar.plusWorkingDays(LocalDate.of(2023, 5, 5), 1)).isEqualTo(LocalDate.of(2023, 5, 9));
    }

    @Test
    void runOffsetsAreTheDomainTable() {
        RunOffsetTable offsets = ShippedCalendars.runOffsets();

        assertThat(offsets.all())
                .containsExactly(
                        RunOffset.of(TimetableRegime.LEGACY, RunType.II, 5),
                        RunOffset.of(TimetableRegime.LEGACY, RunType.SF, 16),
                        RunOffset.of(TimetableRegime.LEGACY, RunType.R1, 39),
                        RunOffset.of(TimetableRegime.LEGACY, RunType.R2, 84),
                        RunOffset.of(TimetableRegime.LEGACY, RunType.R3, 154),
                        RunOffset.of(TimetableRegime.LEGACY, RunType.RF, 292),
                        RunOffset.of(TimetableRegime.MHHS, RunType.II, 4),
                        RunOffset.of(TimetableRegime.MHHS, RunType.SF, 7),
                        RunOffset.of(TimetableRegime.MHHS, RunType.R1, 30),
                        RunOffset.of(TimetableRegime.MHHS, RunType.RF, 84));
    }

    @Test
    void switchIsM16BySettlementDate() {
        assertThat(ShippedCalendars.regimeSwitch())
                .isEqualTo(RegimeSwitch.of(LocalDate.of(2027, 7, 2), RegimeSwitch.Basis.SETTLEMENT_DATE));
    }

    @Test
    void shippedRulesGenerateEveryDateWhoseRunsFitTheCalendar() {
        TimetableRules rules = ShippedCalendars.timetableRules();

        // Legacy RF (WD+292, about 14 months) of 2027-07-01 lands in 2028; MHHS RF (WD+84) of 2028-08-31 too.
        SettlementTimetable timetable = rules.generate(SettlementDate.of(2022, 1, 1), SettlementDate.of(2028, 8, 31));

        assertThat(timetable.entriesFor(SettlementDate.of(2027, 7, 1))).hasSize(6);
        assertThat(timetable.entriesFor(SettlementDate.of(2027, 7, 2))).hasSize(4);
        // Thu 2026-01-15, legacy: SF WD+16 = Fri 6 Feb (hand count in the engine's WorkingDayCalendarTest).
        assertThat(timetable.entry(SettlementDate.of(2026, 1, 15), RunType.SF))
                .map(SettlementCalendarEntry::plannedRunDate)
                .contains(LocalDate.of(2026, 2, 6));
        // Easter 2026: Thu 2 to Mon 6 Apr all have Tue 7 Apr as WD+1 (Good Friday, weekend, Easter Monday), so
        // their legacy II (WD+5) is the same day: Tue 7 (1), Wed 8 (2), Thu 9 (3), Fri 10 (4), Mon 13 Apr (5).
        assertThat(timetable.runsDueOn(LocalDate.of(2026, 4, 13)))
                .filteredOn(e -> e.runType() == RunType.II)
                .extracting(e -> e.settlementDate().toString())
                .containsExactly("2026-04-02", "2026-04-03", "2026-04-04", "2026-04-05", "2026-04-06");
    }
}
