package org.gbsettle.engine.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gbsettle.engine.time.SettlementDate;

/**
 * The rules that generate a settlement calendar: the working-day calendar, the run offset table and the regime switch.
 * A settlement date D following regime r gets, for each run type of r with offset n, the planned run date WD+n of D
 * and a data cut-off.
 *
 * <p>Assumption (data cut-off): the end of the last working day before the planned run date, that is the following
 * local midnight in Europe/London as a UTC instant, or the end of the settlement date itself if that is later (only
 * possible for WD+1). So data received on the working day before a run still counts, and data received on weekend
 * days before a Monday run does not. Elexon's own calendars state the cut-offs; load them to override.
 */
public record TimetableRules(WorkingDayCalendar calendar, RunOffsetTable offsets, RegimeSwitch regimeSwitch) {

    public TimetableRules {
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(regimeSwitch, "regimeSwitch");
    }

    /** The rules of the given calendar, offset table and switch. */
    public static TimetableRules of(WorkingDayCalendar calendar, RunOffsetTable offsets, RegimeSwitch regimeSwitch) {
        return new TimetableRules(calendar, offsets, regimeSwitch);
    }

    /**
     * The timetable regime {@code date} follows, by the switch's basis.
     *
     * @throws IllegalArgumentException for {@link RegimeSwitch.Basis#FIRST_RUN_DATE} if the table has no MHHS offsets
     *     or the first run falls outside the working-day calendar
     */
    public TimetableRegime regimeOf(SettlementDate date) {
        LocalDate compared = switch (regimeSwitch.basis()) {
            case SETTLEMENT_DATE -> date.date();
            case FIRST_RUN_DATE ->
                calendar.plusWorkingDays(
                        date.date(), offsets.firstRun(TimetableRegime.MHHS).workingDays());
        };
        return compared.isBefore(regimeSwitch.switchDate()) ? TimetableRegime.LEGACY : TimetableRegime.MHHS;
    }

    /**
     * The planned runs of {@code date} under its regime, in run-type rank order.
     *
     * @throws IllegalArgumentException if the table has no offsets for the date's regime, or a run date or cut-off
     *     falls outside the working-day calendar (the message names the date, regime and run)
     */
    public List<SettlementCalendarEntry> plannedRuns(SettlementDate date) {
        TimetableRegime regime = regimeOf(date);
        List<RunOffset> regimeOffsets = offsets.offsets(regime);
        if (regimeOffsets.isEmpty()) {
            throw new IllegalArgumentException("Settlement date " + date + " follows " + regime
                    + " but the run offset table has no " + regime + " offsets");
        }
        List<SettlementCalendarEntry> entries = new ArrayList<>(regimeOffsets.size());
        for (RunOffset offset : regimeOffsets) {
            try {
                LocalDate runDate = calendar.plusWorkingDays(date.date(), offset.workingDays());
                entries.add(SettlementCalendarEntry.of(date, offset.runType(), runDate, dataCutoff(date, runDate)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Cannot plan " + offset + " for " + date + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(entries);
    }

    /**
     * The data cut-off of a run of {@code date} planned on {@code plannedRunDate}: the end of the last working day
     * before the run date, or of the settlement date if later (see the class comment).
     */
    public Instant dataCutoff(SettlementDate date, LocalDate plannedRunDate) {
        LocalDate lastDay = calendar.minusWorkingDays(plannedRunDate, 1);
        if (lastDay.isBefore(date.date())) {
            lastDay = date.date();
        }
        return SettlementDate.of(lastDay).endUtc();
    }

    /**
     * The generated timetable of the settlement dates {@code from} to {@code to} inclusive.
     *
     * @throws IllegalArgumentException if {@code to} is before {@code from}, or as {@link #plannedRuns}
     */
    public SettlementTimetable generate(SettlementDate from, SettlementDate to) {
        if (to.compareTo(from) < 0) {
            throw new IllegalArgumentException("Timetable range end " + to + " is before its start " + from);
        }
        List<SettlementCalendarEntry> entries = new ArrayList<>();
        for (SettlementDate d = from; d.compareTo(to) <= 0; d = d.next()) {
            entries.addAll(plannedRuns(d));
        }
        return SettlementTimetable.of(entries);
    }
}
