package org.gbsettle.jobs.run;

import org.gbsettle.jobs.GbSettleException;
import org.jspecify.annotations.Nullable;

/**
 * A run refused before it was created: a run of the same settlement date and run type is in progress (its run lock is
 * held), or the date is final (a complete run of rank RF or higher) and the run was not forced. The message says
 * which run stands in the way and what to do.
 */
public final class RunRefusedException extends GbSettleException {

    private static final long serialVersionUID = 1L;

    private final @Nullable Long blockingRunId;

    public RunRefusedException(String message, @Nullable Long blockingRunId) {
        super(message);
        this.blockingRunId = blockingRunId;
    }

    /** The run in progress, or the final run, that the refused run would have conflicted with, if known. */
    public @Nullable Long blockingRunId() {
        return blockingRunId;
    }
}
