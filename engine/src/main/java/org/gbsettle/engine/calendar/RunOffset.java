package org.gbsettle.engine.calendar;

import java.util.Objects;
import org.gbsettle.engine.run.RunType;

/**
 * The planned run of one run type under one timetable regime, {@code workingDays} working days after the settlement
 * date (WD+n, the date itself not counted; see {@link WorkingDayCalendar#plusWorkingDays}).
 *
 * @param workingDays the offset n of WD+n, in working days, at least 1
 */
public record RunOffset(TimetableRegime regime, RunType runType, int workingDays) {

    public RunOffset {
        Objects.requireNonNull(regime, "regime");
        Objects.requireNonNull(runType, "runType");
        if (runType == RunType.D || runType == RunType.DR) {
            throw new IllegalArgumentException(
                    "run_type " + runType + " is an ad-hoc dispute run and has no timetable offset");
        }
        if (workingDays < 1) {
            throw new IllegalArgumentException("working_days " + workingDays + " of " + regime + " " + runType
                    + " must be at least 1 (WD+n counts from the day after the settlement date)");
        }
    }

    /** The offset of {@code runType} under {@code regime}: WD+{@code workingDays}. */
    public static RunOffset of(TimetableRegime regime, RunType runType, int workingDays) {
        return new RunOffset(regime, runType, workingDays);
    }

    @Override
    public String toString() {
        return regime + " " + runType + " WD+" + workingDays;
    }
}
