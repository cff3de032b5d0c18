package org.gbsettle.engine.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.time.SettlementDate;

/**
 * One row of the settlement calendar: the run of {@code runType} for {@code settlementDate} is planned on the working
 * day {@code plannedRunDate} (a local date in Europe/London) and uses the data received before {@code dataCutoff} (a
 * UTC instant).
 *
 * <p>Invariants: the run is planned after the settlement date; the cut-off is not before the settlement date has
 * ended (its last period's end) and not after the planned run date has ended.
 */
public record SettlementCalendarEntry(
        SettlementDate settlementDate, RunType runType, LocalDate plannedRunDate, Instant dataCutoff) {

    public SettlementCalendarEntry {
        Objects.requireNonNull(settlementDate, "settlementDate");
        Objects.requireNonNull(runType, "runType");
        Objects.requireNonNull(plannedRunDate, "plannedRunDate");
        Objects.requireNonNull(dataCutoff, "dataCutoff");
        if (!plannedRunDate.isAfter(settlementDate.date())) {
            throw new IllegalArgumentException("planned_run_date " + plannedRunDate + " of " + runType + " "
                    + settlementDate + " must be after the settlement date");
        }
        if (dataCutoff.isBefore(settlementDate.endUtc())) {
            throw new IllegalArgumentException("data_cutoff " + dataCutoff + " of " + runType + " " + settlementDate
                    + " is before the settlement date ends (" + settlementDate.endUtc() + ")");
        }
        Instant runDayEnd = SettlementDate.of(plannedRunDate).endUtc();
        if (dataCutoff.isAfter(runDayEnd)) {
            throw new IllegalArgumentException("data_cutoff " + dataCutoff + " of " + runType + " " + settlementDate
                    + " is after the planned run date " + plannedRunDate + " ends (" + runDayEnd + ")");
        }
    }

    /** The entry for the run of {@code runType} for {@code settlementDate}. */
    public static SettlementCalendarEntry of(
            SettlementDate settlementDate, RunType runType, LocalDate plannedRunDate, Instant dataCutoff) {
        return new SettlementCalendarEntry(settlementDate, runType, plannedRunDate, dataCutoff);
    }

    @Override
    public String toString() {
        return settlementDate + " " + runType + " on " + plannedRunDate + " (cut-off " + dataCutoff + ")";
    }
}
