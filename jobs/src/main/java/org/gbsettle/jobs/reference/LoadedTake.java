package org.gbsettle.jobs.reference;

import java.util.Objects;
import org.gbsettle.engine.input.GspGroupTake;
import org.gbsettle.engine.run.RunType;

/**
 * The GSP group take (MWh per settlement period) of a group and date as loaded from a CDCA-I029 file: the CDCA run it
 * came from and the load version that holds it.
 */
public record LoadedTake(GspGroupTake take, RunType cdcaRunType, long loadVersion) {

    public LoadedTake {
        Objects.requireNonNull(take, "take");
        Objects.requireNonNull(cdcaRunType, "cdcaRunType");
    }
}
