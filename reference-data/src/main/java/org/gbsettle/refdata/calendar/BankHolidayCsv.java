package org.gbsettle.refdata.calendar;

import java.io.Reader;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parser of a bank holiday file, {@code date,name}: one row per bank holiday, {@code date} an ISO date
 * ({@code YYYY-MM-DD}) on Monday to Friday, in strictly ascending order, {@code name} its published name, not empty.
 * The file must list at least one holiday.
 */
public final class BankHolidayCsv {

    /** The columns, in order. */
    public static final List<String> HEADER = List.of("date", "name");

    private BankHolidayCsv() {}

    /**
     * The bank holidays of {@code reader}, in date order.
     *
     * @param file the file name, for error messages
     * @throws CalendarFileException on the first broken rule
     */
    public static List<BankHoliday> parse(Reader reader, String file) {
        List<BankHoliday> holidays = new ArrayList<>();
        @Nullable LocalDate previous = null;
        int previousLine = 0;
        for (CalendarCsv.Row row : CalendarCsv.read(reader, file, HEADER)) {
            LocalDate date = row.date("date");
            DayOfWeek day = date.getDayOfWeek();
            if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
                throw row.error(
                        "date",
                        "'" + date + "' is a " + CalendarCsv.dayName(date)
                                + "; bank holidays fall on Monday to Friday (list the substitute day)");
            }
            if (previous != null && !date.isAfter(previous)) {
                throw row.error(
                        "date",
                        "'" + date + "' is not after '" + previous + "' on line " + previousLine
                                + " (dates must ascend, without repeats)");
            }
            holidays.add(new BankHoliday(date, row.nonBlank("name")));
            previous = date;
            previousLine = row.line();
        }
        if (holidays.isEmpty()) {
            throw CalendarCsv.fileError(file, "lists no bank holidays");
        }
        return List.copyOf(holidays);
    }
}
