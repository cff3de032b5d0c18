package org.gbsettle.engine.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gbsettle.engine.calendar.TestCalendars.BANK_HOLIDAYS_2025_2028;
import static org.gbsettle.engine.calendar.TestCalendars.ENGLAND_WALES;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.gbsettle.engine.time.SettlementDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingDayCalendarTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "2026-01-15, true", // Thursday
        "2026-01-17, false", // Saturday
        "2026-01-18, false", // Sunday
        "2026-04-03, false", // Good Friday
        "2026-04-06, false", // Easter Monday
        "2026-04-07, true",
        "2026-12-25, false", // Christmas, Friday
        "2026-12-28, false", // Boxing Day substitute, Monday
        "2026-12-29, true",
        "2027-12-27, false", // both substitutes
        "2027-12-28, false",
        "2028-01-03, false", // New Year substitute
        "2028-01-04, true",
    })
    void isWorkingDay(String date, boolean working) {
        assertThat(ENGLAND_WALES.isWorkingDay(LocalDate.parse(date))).isEqualTo(working);
    }

    /**
     * domain.md §3, D = Thu 2026-01-15, counting from the day after D:
     *
     * <pre>
     * WD+4:  Fri 16 (1), Mon 19 (2), Tue 20 (3), Wed 21 (4)
     * WD+5:  Thu 22
     * WD+7:  Fri 23 (6), Mon 26 (7)
     * WD+16: Tue 27..Fri 30 (8..11), Mon 2..Fri 6 Feb (12..16)
     * WD+30: Feb 9-13 (17..21), 16-20 (22..26), Mon 23..Thu 26 (27..30)
     * WD+39: Fri 27 Feb (31), Mar 2-6 (32..36), Mon 9..Wed 11 (37..39)
     * WD+84: Mar 12-13 (40, 41), 16-20 (..46), 23-27 (..51), Mon 30, Tue 31 (53), Wed 1, Thu 2 Apr (55);
     *        Good Friday 3 and Easter Monday 6 Apr skipped; Apr 7-10 (..59), 13-17 (..64), 20-24 (..69),
     *        27 Apr-1 May (..74); Mon 4 May skipped; May 5-8 (..78), 11-15 (..83), Mon 18 May (84)
     * WD+154: May 19-22 (88); Mon 25 May skipped; 26-29 (92); then 12 full weeks Jun 1 .. Aug 21 (152);
     *        Mon 24 (153), Tue 25 Aug (154)
     * WD+292: Aug 26-28 (157); Mon 31 Aug skipped; Sep 1-4 (161); 15 full weeks Sep 7 .. Dec 18 (236);
     *        Mon 21..Thu 24 Dec (240); 25 and 28 Dec skipped; Tue 29..Thu 31 (243); Fri 1 Jan 2027 skipped;
     *        9 full weeks Jan 4 .. Mar 5 (288); Mon 8..Thu 11 Mar 2027 (292)
     * </pre>
     */
    @ParameterizedTest(name = "2026-01-15 + WD{0} = {1}")
    @CsvSource({
        "1, 2026-01-16",
        "2, 2026-01-19",
        "4, 2026-01-21",
        "5, 2026-01-22",
        "7, 2026-01-26",
        "16, 2026-02-06",
        "30, 2026-02-26",
        "39, 2026-03-11",
        "84, 2026-05-18",
        "154, 2026-08-25",
        "292, 2027-03-11",
    })
    void plusWorkingDaysFromThe15thOfJanuary2026(int n, String expected) {
        LocalDate d = LocalDate.of(2026, 1, 15);
        LocalDate result = ENGLAND_WALES.plusWorkingDays(d, n);

        assertThat(result).isEqualTo(LocalDate.parse(expected));
        assertThat(ENGLAND_WALES.workingDaysBetween(d, result)).isEqualTo(n);
        assertThat(ENGLAND_WALES.minusWorkingDays(result, n)).isEqualTo(d);
    }

    @ParameterizedTest(name = "{0} + WD{1} = {2}")
    @CsvSource({
        // Saturday and Sunday count from Monday: Mon 19 is WD+1 of both.
        "2026-01-17, 1, 2026-01-19",
        "2026-01-18, 1, 2026-01-19",
        // Easter 2026: Thu 2 Apr + 1 skips Good Friday, the weekend and Easter Monday.
        "2026-04-02, 1, 2026-04-07",
        "2026-04-03, 1, 2026-04-07",
        // Christmas 2026: Thu 24 Dec + 1 skips Fri 25, the weekend, Mon 28 (substitute).
        "2026-12-24, 1, 2026-12-29",
        // New Year 2028: Fri 31 Dec 2027 + 1 skips the weekend and Mon 3 Jan (substitute).
        "2027-12-31, 1, 2028-01-04",
    })
    void plusWorkingDaysOverWeekendsAndHolidays(String date, int n, String expected) {
        assertThat(ENGLAND_WALES.plusWorkingDays(LocalDate.parse(date), n)).isEqualTo(LocalDate.parse(expected));
    }

    @Test
    void anAdHocHolidayIsData() {
        // The Queen's funeral, Mon 19 Sep 2022, was announced ten days ahead. Thu 15 Sep 2022 + WD4: Fri 16 (1),
        // [Mon 19], Tue 20 (2), Wed 21 (3), Thu 22 (4); without it Mon 19 is WD2 and WD4 is Wed 21.
        LocalDate first = LocalDate.of(2022, 1, 1);
        LocalDate last = LocalDate.of(2022, 12, 31);
        WorkingDayCalendar without = WorkingDayCalendar.of(List.of(), first, last);
        WorkingDayCalendar with = WorkingDayCalendar.of(List.of(LocalDate.of(2022, 9, 19)), first, last);

        assertThat(without.plusWorkingDays(LocalDate.of(2022, 9, 15), 4)).isEqualTo(LocalDate.of(2022, 9, 21));
        assertThat(with.plusWorkingDays(LocalDate.of(2022, 9, 15), 4)).isEqualTo(LocalDate.of(2022, 9, 22));
    }

    @Test
    void workingDaysInAYear() {
        // 2026 and 2027: 365 days = 52 weeks + 1 weekday (Thu 1 Jan 2026, Fri 1 Jan 2027) = 261 weekdays, minus 8
        // weekday holidays = 253. 2028: 366 days = 52 weeks + Sat 1, Sun 2 Jan = 260 weekdays, minus 8 = 252.
        assertThat(ENGLAND_WALES.workingDaysBetween(LocalDate.of(2025, 12, 31), LocalDate.of(2026, 12, 31)))
                .isEqualTo(253);
        assertThat(ENGLAND_WALES.workingDaysBetween(LocalDate.of(2026, 12, 31), LocalDate.of(2027, 12, 31)))
                .isEqualTo(253);
        assertThat(ENGLAND_WALES.workingDaysBetween(LocalDate.of(2027, 12, 31), LocalDate.of(2028, 12, 31)))
                .isEqualTo(252);
    }

    @Test
    void workingDaysBetweenIsSignedAndExcludesTheStart() {
        LocalDate thu = LocalDate.of(2026, 1, 15);
        LocalDate mon = LocalDate.of(2026, 1, 19);

        assertThat(ENGLAND_WALES.workingDaysBetween(thu, thu)).isZero();
        assertThat(ENGLAND_WALES.workingDaysBetween(thu, mon)).isEqualTo(2); // Fri 16, Mon 19
        assertThat(ENGLAND_WALES.workingDaysBetween(mon, thu)).isEqualTo(-2);
        // Sat 17 to Sun 18: no working day.
        assertThat(ENGLAND_WALES.workingDaysBetween(LocalDate.of(2026, 1, 17), LocalDate.of(2026, 1, 18)))
                .isZero();
    }

    @Test
    void workingDaysBetweenAgreesWithPlusWorkingDaysEverywhere() {
        for (LocalDate d = LocalDate.of(2025, 1, 1); d.isBefore(LocalDate.of(2027, 12, 1)); d = d.plusDays(1)) {
            for (int n : new int[] {1, 4, 7, 30}) {
                LocalDate run = ENGLAND_WALES.plusWorkingDays(d, n);
                assertThat(ENGLAND_WALES.isWorkingDay(run)).isTrue();
                assertThat(ENGLAND_WALES.workingDaysBetween(d, run))
                        .as("%s + %d", d, n)
                        .isEqualTo(n);
                assertThat(ENGLAND_WALES.workingDaysBetween(d, run.minusDays(1)))
                        .as("%s + %d", d, n)
                        .isEqualTo(n - 1);
            }
        }
    }

    @Test
    void wd1OnTuesdayAfterEasterCoversThursdayToMonday() {
        // domain.md §3: WD+1 on Tue 7 Apr 2026 covers 2-6 April: Thu 2 (next working day Tue 7, since Fri 3 and
        // Mon 6 are holidays), Fri 3, Sat 4, Sun 5, Mon 6. Wed 1 Apr's WD+1 is Thu 2.
        assertThat(ENGLAND_WALES.settlementDatesDueOn(LocalDate.of(2026, 4, 7), 1))
                .containsExactly(dates("2026-04-02", "2026-04-03", "2026-04-04", "2026-04-05", "2026-04-06"));
    }

    @ParameterizedTest(name = "WD+{1} on {0}: {2}")
    @CsvSource({
        // WD+1 on an ordinary Wednesday: just Tuesday.
        "2026-01-21, 1, 2026-01-20",
        // WD+1 on Monday: Fri, Sat, Sun.
        "2026-01-19, 1, 2026-01-16 2026-01-17 2026-01-18",
        // WD+4 on Wed 21 Jan: Thu 15 only (Fri 16, Mon 19, Tue 20, Wed 21).
        "2026-01-21, 4, 2026-01-15",
        // WD+4 on Thu 22 Jan: Fri 16, Sat 17, Sun 18 (all reach Mon 19 as WD+1).
        "2026-01-22, 4, 2026-01-16 2026-01-17 2026-01-18",
        // WD+1 on Tue 29 Dec 2026: Thu 24 to Mon 28 (Christmas Friday, weekend, substitute Monday).
        "2026-12-29, 1, 2026-12-24 2026-12-25 2026-12-26 2026-12-27 2026-12-28",
        // WD+84 on Mon 18 May 2026: Thu 15 Jan only (worked in plusWorkingDaysFromThe15thOfJanuary2026).
        "2026-05-18, 84, 2026-01-15",
    })
    void settlementDatesDueOn(String runDay, int n, String expected) {
        assertThat(ENGLAND_WALES.settlementDatesDueOn(LocalDate.parse(runDay), n))
                .containsExactly(dates(expected.split(" ")));
    }

    @Test
    void nothingIsDueOnANonWorkingDay() {
        assertThat(ENGLAND_WALES.settlementDatesDueOn(LocalDate.of(2026, 1, 17), 1))
                .isEmpty();
        assertThat(ENGLAND_WALES.settlementDatesDueOn(LocalDate.of(2026, 4, 6), 4))
                .isEmpty();
    }

    @Test
    void settlementDatesDueOnInvertsPlusWorkingDays() {
        // Every date found for a 2026 run day has that run day as its WD+n.
        for (int n : new int[] {1, 5, 16}) {
            List<SettlementDate> seen = new ArrayList<>();
            for (LocalDate run = LocalDate.of(2026, 1, 1); run.getYear() == 2026; run = run.plusDays(1)) {
                for (SettlementDate d : ENGLAND_WALES.settlementDatesDueOn(run, n)) {
                    assertThat(ENGLAND_WALES.plusWorkingDays(d.date(), n)).isEqualTo(run);
                    seen.add(d);
                }
            }
            // No gaps: the dates due in 2026 form one run of consecutive days.
            for (int i = 1; i < seen.size(); i++) {
                assertThat(seen.get(i)).isEqualTo(seen.get(i - 1).next());
            }
            assertThat(seen).hasSizeGreaterThan(360);
        }
    }

    @Test
    void wholeYearsCoverage() {
        assertThat(ENGLAND_WALES.firstDay()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(ENGLAND_WALES.lastDay()).isEqualTo(LocalDate.of(2028, 12, 31));
        assertThat(ENGLAND_WALES.bankHolidays()).hasSize(32).first().isEqualTo(LocalDate.of(2025, 1, 1));
    }

    @Test
    void daysOutsideTheCoverageAreRefused() {
        assertThatThrownBy(() -> ENGLAND_WALES.isWorkingDay(LocalDate.of(2029, 1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Working-day calendar covers 2025-01-01..2028-12-31; 2029-01-02 is outside it"
                        + " (load the bank holidays of 2029)");
        // Thu 14 Dec 2028 + 16 runs into January 2029.
        assertThatThrownBy(() -> ENGLAND_WALES.plusWorkingDays(LocalDate.of(2028, 12, 14), 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2029-01-01 is outside it");
        assertThatThrownBy(() -> ENGLAND_WALES.settlementDatesDueOn(LocalDate.of(2025, 1, 2), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2024-12-31 is outside it");
    }

    @Test
    void offsetsMustBePositive() {
        LocalDate d = LocalDate.of(2026, 1, 15);

        assertThatThrownBy(() -> ENGLAND_WALES.plusWorkingDays(d, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Working-day offset 0 must be at least 1");
        assertThatThrownBy(() -> ENGLAND_WALES.minusWorkingDays(d, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ENGLAND_WALES.settlementDatesDueOn(d, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badHolidayDataIsRejected() {
        LocalDate first = LocalDate.of(2026, 1, 1);
        LocalDate last = LocalDate.of(2026, 12, 31);

        assertThatThrownBy(() -> WorkingDayCalendar.of(List.of(LocalDate.of(2026, 12, 26)), first, last))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Bank holiday 2026-12-26 is a SATURDAY");
        assertThatThrownBy(() -> WorkingDayCalendar.of(List.of(LocalDate.of(2027, 1, 1)), first, last))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Bank holiday 2027-01-01 is outside the covered days 2026-01-01..2026-12-31");
        assertThatThrownBy(() -> WorkingDayCalendar.of(List.of(), last, first))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Working-day calendar last day 2026-01-01 is before its first day 2026-12-31");
        assertThatThrownBy(() -> WorkingDayCalendar.ofWholeYears(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        List<LocalDate> gap = new ArrayList<>(BANK_HOLIDAYS_2025_2028);
        gap.removeIf(d -> d.getYear() == 2026);
        assertThatThrownBy(() -> WorkingDayCalendar.ofWholeYears(gap))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("No bank holidays in 2026 between 2025 and 2028");
    }

    @Test
    void valueSemantics() {
        WorkingDayCalendar again = WorkingDayCalendar.ofWholeYears(BANK_HOLIDAYS_2025_2028);

        assertThat(again).isEqualTo(ENGLAND_WALES).hasSameHashCodeAs(ENGLAND_WALES);
        assertThat(again).hasToString("WorkingDayCalendar[2025-01-01..2028-12-31, 32 bank holidays]");
        assertThatThrownBy(() -> again.bankHolidays().add(LocalDate.of(2026, 1, 2)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static SettlementDate[] dates(String... isoDates) {
        SettlementDate[] dates = new SettlementDate[isoDates.length];
        for (int i = 0; i < isoDates.length; i++) {
            dates[i] = SettlementDate.parse(isoDates[i]);
        }
        return dates;
    }
}
