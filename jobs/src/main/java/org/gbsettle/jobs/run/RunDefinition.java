package org.gbsettle.jobs.run;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.gbsettle.engine.run.RunType;

/**
 * What a settlement run was created as, and all its job needs to (re)compute it: the settlement date, run type and
 * run number, the data cut-off, its status, and the highest reference load version and meter-data file id it reads
 * (pinned when the run was created, so that a restart reads exactly the inputs of the first attempt).
 */
public record RunDefinition(
        long runId,
        LocalDate settlementDate,
        RunType runType,
        int runNumber,
        Instant dataCutoff,
        RunStatus status,
        long referenceLoadMax,
        long meterDataFileMax,
        int attempts) {

    public RunDefinition {
        Objects.requireNonNull(settlementDate, "settlementDate");
        Objects.requireNonNull(runType, "runType");
        Objects.requireNonNull(dataCutoff, "dataCutoff");
        Objects.requireNonNull(status, "status");
    }
}
