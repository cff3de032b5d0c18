package org.gbsettle.refdata.calendar;

import java.io.Reader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gbsettle.engine.calendar.SettlementCalendarEntry;
import org.gbsettle.engine.calendar.SettlementTimetable;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.time.SettlementDate;

/**
 * Parser of a settlement calendar file (for example one transcribed from Elexon's SVAA calendar),
 * {@code settlement_date,run_type,planned_run_date,data_cutoff}: one row per planned run, dates ISO
 * ({@code YYYY-MM-DD}), {@code run_type} a run type code, {@code data_cutoff} a UTC instant
 * ({@code 2026-01-22T00:00:00Z}). A (settlement date, run type) appears once; the run date is after the settlement
 * date; the cut-off lies between the end of the settlement date and the end of the run date (Europe/London).
 */
public final class SettlementCalendarCsv {

    /** The columns, in order. */
    public static final List<String> HEADER = List.of("settlement_date", "run_type", "planned_run_date", "data_cutoff");

    private SettlementCalendarCsv() {}

    /**
     * The timetable of {@code reader}'s entries.
     *
     * @param file the file name, for error messages
     * @throws CalendarFileException on the first broken rule
     */
    public static SettlementTimetable parse(Reader reader, String file) {
        List<SettlementCalendarEntry> entries = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        for (CalendarCsv.Row row : CalendarCsv.read(reader, file, HEADER)) {
            SettlementDate date = SettlementDate.of(row.date("settlement_date"));
            RunType runType = row.oneOf("run_type", RunType.class);
            LocalDate runDate = row.date("planned_run_date");
            String cutoffText = row.get("data_cutoff");
            Instant cutoff;
            try {
                cutoff = Instant.parse(cutoffText);
            } catch (DateTimeParseException e) {
                throw row.error("data_cutoff", "'" + cutoffText + "' is not a UTC instant (YYYY-MM-DDThh:mm:ssZ)", e);
            }
            if (!runDate.isAfter(date.date())) {
                throw row.error("planned_run_date", "'" + runDate + "' must be after the settlement date " + date);
            }
            if (cutoff.isBefore(date.endUtc())) {
                throw row.error(
                        "data_cutoff",
                        "'" + cutoffText + "' is before the settlement date " + date + " ends (" + date.endUtc() + ")");
            }
            Instant runDayEnd = SettlementDate.of(runDate).endUtc();
            if (cutoff.isAfter(runDayEnd)) {
                throw row.error(
                        "data_cutoff",
                        "'" + cutoffText + "' is after the planned run date " + runDate + " ends (" + runDayEnd + ")");
            }
            Integer previous = lines.putIfAbsent(date + " " + runType, row.line());
            if (previous != null) {
                throw row.lineError(date + " " + runType + " repeats line " + previous);
            }
            entries.add(SettlementCalendarEntry.of(date, runType, runDate, cutoff));
        }
        return SettlementTimetable.of(entries);
    }
}
