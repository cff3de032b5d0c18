package org.gbsettle.jobs.schedule;

import java.util.List;
import org.gbsettle.jobs.run.RunRecovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What {@code serve} recovers at start: the runs a killed process left running, or a shutdown left stopped at a
 * partition boundary, restarted from their finished partitions ({@link RunRecovery#recoverAbandoned()}), before the
 * schedule's first tick. A run another live process holds is left alone; a run that fails again stays FAILED and is
 * logged, without stopping {@code serve}.
 */
@Component
public final class AbandonedRunRecovery implements StartupRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(AbandonedRunRecovery.class);

    private final RunRecovery recovery;

    public AbandonedRunRecovery(RunRecovery recovery) {
        this.recovery = recovery;
    }

    @Override
    public void recover() {
        List<RunRecovery.Result> results = recovery.recoverAbandoned();
        if (results.isEmpty()) {
            LOG.info("Startup recovery: no abandoned run");
        }
        for (RunRecovery.Result r : results) {
            if (r.action() == RunRecovery.Action.FAILED) {
                LOG.warn("Startup recovery: run {} failed again: {}", r.runId(), r.message());
            } else {
                LOG.info("Startup recovery: run {} {}", r.runId(), r.action());
            }
        }
    }
}
