package org.gbsettle.jobs.schedule;

import java.util.Objects;
import org.gbsettle.engine.calendar.SettlementCalendarEntry;
import org.gbsettle.engine.calendar.TimetableRegime;

/**
 * A run the timetable plans on a day: its calendar entry (settlement date, run type, planned run date, data cut-off),
 * the timetable regime its settlement date follows, and whether the entry was loaded from a settlement calendar file
 * rather than generated from the offset table and the working-day calendar.
 */
public record DueRun(SettlementCalendarEntry entry, TimetableRegime regime, boolean loaded) {

    public DueRun {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(regime, "regime");
    }

    @Override
    public String toString() {
        return entry + " " + regime + (loaded ? " (loaded)" : "");
    }
}
