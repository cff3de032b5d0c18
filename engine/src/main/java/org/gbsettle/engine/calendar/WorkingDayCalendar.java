package org.gbsettle.engine.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;
import org.gbsettle.engine.time.SettlementDate;
import org.jspecify.annotations.Nullable;

/**
 * A working-day calendar: the days, Monday to Friday, that are not bank holidays, over a stated range of covered days
 * (inclusive). Working days count settlement run timetables: WD+n is the n-th working day after a settlement date.
 *
 * <p>Assumptions (domain.md §3): a working day is Monday–Friday except England &amp; Wales bank holidays (confirm the
 * BSC definition); WD+n does not count the settlement date itself. The bank holidays are data, loaded from
 * gov.uk, never constants: ad-hoc holidays happen (19 Sep 2022, 8 May 2023) and Elexon then re-aligns its calendars.
 *
 * <p>The calendar refuses to answer for days outside its covered range rather than treat them as having no bank
 * holidays: a WD+292 from late in the last loaded year would otherwise silently skip next year's holidays.
 */
public final class WorkingDayCalendar {

    private final LocalDate firstDay;
    private final LocalDate lastDay;
    private final NavigableSet<LocalDate> bankHolidays;

    private WorkingDayCalendar(LocalDate firstDay, LocalDate lastDay, NavigableSet<LocalDate> bankHolidays) {
        this.firstDay = firstDay;
        this.lastDay = lastDay;
        this.bankHolidays = Collections.unmodifiableNavigableSet(bankHolidays);
    }

    /**
     * The calendar covering {@code firstDay} to {@code lastDay} inclusive with the given bank holidays.
     *
     * @throws IllegalArgumentException if the range is empty, or a holiday lies outside it or on a weekend
     */
    public static WorkingDayCalendar of(Collection<LocalDate> bankHolidays, LocalDate firstDay, LocalDate lastDay) {
        Objects.requireNonNull(firstDay, "firstDay");
        Objects.requireNonNull(lastDay, "lastDay");
        if (lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException(
                    "Working-day calendar last day " + lastDay + " is before its first day " + firstDay);
        }
        NavigableSet<LocalDate> holidays = new TreeSet<>();
        for (LocalDate holiday : bankHolidays) {
            Objects.requireNonNull(holiday, "bank holiday");
            if (holiday.isBefore(firstDay) || holiday.isAfter(lastDay)) {
                throw new IllegalArgumentException(
                        "Bank holiday " + holiday + " is outside the covered days " + firstDay + ".." + lastDay);
            }
            if (isWeekend(holiday)) {
                throw new IllegalArgumentException("Bank holiday " + holiday + " is a " + holiday.getDayOfWeek()
                        + ": bank holidays fall on Monday to Friday (weekend dates have substitute days)");
            }
            holidays.add(holiday);
        }
        return new WorkingDayCalendar(firstDay, lastDay, holidays);
    }

    /**
     * The calendar covering whole calendar years, from 1 January of the earliest holiday's year to 31 December of the
     * latest's.
     *
     * @throws IllegalArgumentException if there are no holidays, or a year in between has none (its holidays are
     *     probably missing from the data)
     */
    public static WorkingDayCalendar ofWholeYears(Collection<LocalDate> bankHolidays) {
        if (bankHolidays.isEmpty()) {
            throw new IllegalArgumentException("No bank holidays: cannot tell which years the calendar covers");
        }
        NavigableSet<LocalDate> sorted = new TreeSet<>(bankHolidays);
        int firstYear = sorted.first().getYear();
        int lastYear = sorted.last().getYear();
        for (int year = firstYear; year <= lastYear; year++) {
            LocalDate jan1 = LocalDate.of(year, 1, 1);
            LocalDate ceiling = sorted.ceiling(jan1);
            if (ceiling == null || ceiling.getYear() != year) {
                throw new IllegalArgumentException("No bank holidays in " + year + " between " + firstYear + " and "
                        + lastYear + ": every year has some, so its holidays are probably missing");
            }
        }
        return of(sorted, LocalDate.of(firstYear, 1, 1), LocalDate.of(lastYear, 12, 31));
    }

    /** The first day the calendar covers. */
    public LocalDate firstDay() {
        return firstDay;
    }

    /** The last day the calendar covers (inclusive). */
    public LocalDate lastDay() {
        return lastDay;
    }

    /** The bank holidays, in date order. */
    public NavigableSet<LocalDate> bankHolidays() {
        return bankHolidays;
    }

    /** Whether {@code date} lies in the covered range. */
    public boolean covers(LocalDate date) {
        return !date.isBefore(firstDay) && !date.isAfter(lastDay);
    }

    /**
     * Whether {@code date} is a working day: Monday to Friday and not a bank holiday.
     *
     * @throws IllegalArgumentException if the date is outside the covered range
     */
    public boolean isWorkingDay(LocalDate date) {
        checkCovered(date);
        return !isWeekend(date) && !bankHolidays.contains(date);
    }

    /**
     * WD+n of {@code date}: the n-th working day after it, the date itself not counted. Example (domain.md §3): Thu
     * 2026-01-15 + 4 = Wed 21 Jan (Fri 16, Mon 19, Tue 20, Wed 21).
     *
     * @param n working days, at least 1
     * @throws IllegalArgumentException if n &lt; 1 or the count runs outside the covered range
     */
    public LocalDate plusWorkingDays(LocalDate date, int n) {
        checkPositive(n);
        LocalDate d = date;
        int counted = 0;
        while (counted < n) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                counted++;
            }
        }
        return d;
    }

    /**
     * The n-th working day before {@code date}, the date itself not counted: the inverse of {@link #plusWorkingDays}
     * on working days.
     *
     * @param n working days, at least 1
     * @throws IllegalArgumentException if n &lt; 1 or the count runs outside the covered range
     */
    public LocalDate minusWorkingDays(LocalDate date, int n) {
        checkPositive(n);
        LocalDate d = date;
        int counted = 0;
        while (counted < n) {
            d = d.minusDays(1);
            if (isWorkingDay(d)) {
                counted++;
            }
        }
        return d;
    }

    /**
     * The number of working days d with {@code from < d <= to}, negated when {@code to} is before {@code from}; so
     * {@code workingDaysBetween(D, plusWorkingDays(D, n)) == n}.
     *
     * @throws IllegalArgumentException if a counted day is outside the covered range
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        int count = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }

    /**
     * The settlement dates whose WD+n falls on {@code runDay}, in date order; empty if the run day is not a working
     * day. One run day can carry several dates: WD+1 on Tue 7 Apr 2026 covers Thu 2 Apr to Mon 6 Apr (Good Friday,
     * the weekend and Easter Monday all roll onto the Tuesday).
     *
     * <p>The dates run from the n-th working day before the run day up to, not including, the (n−1)-th (the run day
     * itself when n = 1): these two are consecutive working days with only non-working days between them.
     *
     * @throws IllegalArgumentException if n &lt; 1 or the count runs outside the covered range
     */
    public List<SettlementDate> settlementDatesDueOn(LocalDate runDay, int n) {
        checkPositive(n);
        if (!isWorkingDay(runDay)) {
            return List.of();
        }
        LocalDate first = minusWorkingDays(runDay, n);
        LocalDate end = n == 1 ? runDay : minusWorkingDays(runDay, n - 1);
        List<SettlementDate> dates = new ArrayList<>();
        for (LocalDate d = first; d.isBefore(end); d = d.plusDays(1)) {
            dates.add(SettlementDate.of(d));
        }
        return List.copyOf(dates);
    }

    private void checkCovered(LocalDate date) {
        if (!covers(date)) {
            throw new IllegalArgumentException("Working-day calendar covers " + firstDay + ".." + lastDay + "; " + date
                    + " is outside it (load the bank holidays of " + date.getYear() + ")");
        }
    }

    private static void checkPositive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Working-day offset " + n + " must be at least 1");
        }
    }

    private static boolean isWeekend(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof WorkingDayCalendar other
                && firstDay.equals(other.firstDay)
                && lastDay.equals(other.lastDay)
                && bankHolidays.equals(other.bankHolidays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(firstDay, lastDay, bankHolidays);
    }

    @Override
    public String toString() {
        return "WorkingDayCalendar[" + firstDay + ".." + lastDay + ", " + bankHolidays.size() + " bank holidays]";
    }
}
