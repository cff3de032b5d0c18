package org.gbsettle.refdata.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BiFunction;
import org.gbsettle.engine.calendar.RegimeSwitch;
import org.gbsettle.engine.calendar.RunOffsetTable;
import org.gbsettle.engine.calendar.TimetableRules;
import org.gbsettle.engine.calendar.WorkingDayCalendar;

/**
 * The calendar files shipped on the classpath under {@code org/gbsettle/refdata/}, parsed: England &amp; Wales bank
 * holidays, the run offset table and the timetable switch (formats, sources and dates in
 * {@code reference-data/CALENDAR.md}). Each call reads its file afresh.
 */
public final class ShippedCalendars {

    /** England &amp; Wales bank holidays, {@code date,name}. */
    public static final String BANK_HOLIDAYS = "bank_holidays_england_wales.csv";

    /** Run offsets per timetable regime and run type, {@code regime,run_type,working_days}. */
    public static final String RUN_OFFSETS = "run_timetable_offsets.csv";

    /** The legacy-to-MHHS timetable switch, {@code milestone,switch_date,basis}. */
    public static final String REGIME_SWITCH = "timetable_regime_switch.csv";

    private static final String DIRECTORY = "/org/gbsettle/refdata/";

    private ShippedCalendars() {}

    /** The shipped England &amp; Wales bank holidays, in date order. */
    public static List<BankHoliday> bankHolidays() {
        return load(BANK_HOLIDAYS, BankHolidayCsv::parse);
    }

    /**
     * The working-day calendar of the shipped bank holidays, covering the whole years they span (1 January of the
     * first to 31 December of the last).
     */
    public static WorkingDayCalendar workingDayCalendar() {
        List<LocalDate> dates = bankHolidays().stream().map(BankHoliday::date).toList();
        return WorkingDayCalendar.ofWholeYears(dates);
    }

    /** The shipped run offset table. */
    public static RunOffsetTable runOffsets() {
        return load(RUN_OFFSETS, RunOffsetCsv::parse);
    }

    /** The shipped timetable switch (M16). */
    public static RegimeSwitch regimeSwitch() {
        return load(REGIME_SWITCH, RegimeSwitchCsv::parse);
    }

    /** The rules that generate a settlement calendar from the three shipped files. */
    public static TimetableRules timetableRules() {
        return TimetableRules.of(workingDayCalendar(), runOffsets(), regimeSwitch());
    }

    private static <T> T load(String file, BiFunction<Reader, String, T> parser) {
        InputStream in = ShippedCalendars.class.getResourceAsStream(DIRECTORY + file);
        if (in == null) {
            throw new CalendarFileException(file, 0, null, "is not on the classpath at " + DIRECTORY + file);
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parser.apply(reader, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DIRECTORY + file, e);
        }
    }
}
