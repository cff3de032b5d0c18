package org.gbsettle.jobs.run;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.gbsettle.engine.run.RunType;
import org.jspecify.annotations.Nullable;

/**
 * One settlement run as the {@code status} command lists it: its id, settlement date, run type and SVA run number
 * (from 1 per date and type), status, how many of its GSP group partitions are complete, and when it was started and
 * completed (instants, shown in UTC).
 *
 * @param gspGroups the run's GSP group partitions (0 before the run has planned them)
 * @param gspGroupsComplete the partitions whose outputs are written
 * @param completedAt when the completion marker was written; null unless the run is complete
 */
public record SettlementRunSummary(
        long runId,
        LocalDate settlementDate,
        RunType runType,
        int runNumber,
        RunStatus status,
        int gspGroups,
        int gspGroupsComplete,
        Instant startedAt,
        @Nullable Instant completedAt) {

    public SettlementRunSummary {
        Objects.requireNonNull(settlementDate, "settlementDate");
        Objects.requireNonNull(runType, "runType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        if (runNumber < 1) {
            throw new IllegalArgumentException("Run number " + runNumber + " is not at least 1");
        }
        if (gspGroupsComplete < 0 || gspGroupsComplete > gspGroups) {
            throw new IllegalArgumentException(
                    "Complete GSP groups " + gspGroupsComplete + " is not between 0 and " + gspGroups);
        }
    }
}
