package org.gbsettle.jobs.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.gbsettle.engine.run.RunType;
import org.jspecify.annotations.Nullable;

/**
 * A timetabled run as the scheduler recorded it ({@code scheduled_run}): its settlement date and run type, the planned
 * run date and data cut-off, its state and why, the run launched or found for it, how many ticks checked it, and when
 * it was first seen and last checked.
 */
public record ScheduledRun(
        LocalDate settlementDate,
        RunType runType,
        LocalDate plannedRunDate,
        Instant dataCutoff,
        ScheduleState state,
        String reason,
        @Nullable Long runId,
        int attempts,
        Instant firstSeen,
        Instant lastChecked) {

    public ScheduledRun {
        Objects.requireNonNull(settlementDate, "settlementDate");
        Objects.requireNonNull(runType, "runType");
        Objects.requireNonNull(plannedRunDate, "plannedRunDate");
        Objects.requireNonNull(dataCutoff, "dataCutoff");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastChecked, "lastChecked");
    }
}
