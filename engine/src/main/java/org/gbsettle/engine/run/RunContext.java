package org.gbsettle.engine.run;

import java.time.Instant;
import java.util.Objects;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.time.SettlementDate;

/**
 * What one calculation is for: a settlement date, run type and number, GSP group, and the data cut-off (values
 * received after it are not used).
 *
 * @param runNumber SVA run number, 1 upwards
 */
public record RunContext(
        SettlementDate settlementDate, RunType runType, int runNumber, GspGroup gspGroup, Instant dataCutoff) {

    public RunContext {
        Objects.requireNonNull(settlementDate, "settlementDate");
        Objects.requireNonNull(runType, "runType");
        Objects.requireNonNull(gspGroup, "gspGroup");
        Objects.requireNonNull(dataCutoff, "dataCutoff");
        if (runNumber < 1) {
            throw new IllegalArgumentException("Run number " + runNumber + " is not 1 or more");
        }
    }

    /** The data cut-off in microseconds since the epoch, as held in the received-at column. */
    public long dataCutoffMicros() {
        return Math.addExact(Math.multiplyExact(dataCutoff.getEpochSecond(), 1_000_000L), dataCutoff.getNano() / 1000);
    }
}
