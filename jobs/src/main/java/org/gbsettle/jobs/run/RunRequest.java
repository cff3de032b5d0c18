package org.gbsettle.jobs.run;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.gbsettle.engine.run.RunType;
import org.jspecify.annotations.Nullable;

/**
 * What an operator asks for when starting a settlement run: the settlement date and run type, the run number (null:
 * the next for the date and type), the data cut-off (null: now), who starts it and why.
 */
public record RunRequest(
        LocalDate settlementDate,
        RunType runType,
        @Nullable Integer runNumber,
        @Nullable Instant dataCutoff,
        String startedBy,
        String reason) {

    public RunRequest {
        Objects.requireNonNull(settlementDate, "settlementDate");
        Objects.requireNonNull(runType, "runType");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(reason, "reason");
        if (startedBy.isBlank()) {
            throw new IllegalArgumentException("started by is blank");
        }
        if (runNumber != null && runNumber < 1) {
            throw new IllegalArgumentException("Run number " + runNumber + " is not 1 or more");
        }
    }
}
