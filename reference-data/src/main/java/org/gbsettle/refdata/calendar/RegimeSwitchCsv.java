package org.gbsettle.refdata.calendar;

import java.io.Reader;
import java.util.List;
import org.gbsettle.engine.calendar.RegimeSwitch;

/**
 * Parser of a timetable switch file, {@code milestone,switch_date,basis}: exactly one row, {@code milestone} the
 * programme milestone's name (not empty, e.g. {@code M16}), {@code switch_date} an ISO date, {@code basis}
 * {@code SETTLEMENT_DATE} or {@code FIRST_RUN_DATE} (see {@link RegimeSwitch.Basis}).
 */
public final class RegimeSwitchCsv {

    /** The columns, in order. */
    public static final List<String> HEADER = List.of("milestone", "switch_date", "basis");

    private RegimeSwitchCsv() {}

    /**
     * The switch of {@code reader}.
     *
     * @param file the file name, for error messages
     * @throws CalendarFileException on the first broken rule
     */
    public static RegimeSwitch parse(Reader reader, String file) {
        List<CalendarCsv.Row> rows = CalendarCsv.read(reader, file, HEADER);
        if (rows.isEmpty()) {
            throw CalendarCsv.fileError(file, "has no switch row (exactly one is needed)");
        }
        if (rows.size() > 1) {
            throw rows.get(1).lineError("a second switch row; the file must have exactly one");
        }
        CalendarCsv.Row row = rows.get(0);
        row.nonBlank("milestone");
        return RegimeSwitch.of(row.date("switch_date"), row.oneOf("basis", RegimeSwitch.Basis.class));
    }
}
