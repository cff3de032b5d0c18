package org.gbsettle.jobs.web;

import java.util.concurrent.Semaphore;
import org.gbsettle.jobs.run.RunLauncher;
import org.gbsettle.jobs.run.RunRefusedException;
import org.gbsettle.jobs.run.RunRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The {@link RunStarter} of the HTTP API: {@link RunLauncher#start}, which takes the run lock of the date and type
 * (a run of them in progress anywhere is refused), refuses a final date without {@code force}, creates the run and
 * returns its id while the job runs in the background. At most {@code gbsettle.web.max-concurrent-runs} runs started
 * over HTTP run at once; a request beyond them gets 503. A refusal is a 409 naming the run in the way.
 */
@Component
@ConditionalOnWebApplication
final class LauncherRunStarter implements RunStarter {

    private static final Logger LOG = LoggerFactory.getLogger(LauncherRunStarter.class);

    private final RunLauncher launcher;
    private final Semaphore slots;
    private final int maxRuns;

    LauncherRunStarter(RunLauncher launcher, @Value("${gbsettle.web.max-concurrent-runs:2}") int maxRuns) {
        if (maxRuns < 1) {
            throw new IllegalArgumentException("gbsettle.web.max-concurrent-runs is " + maxRuns + ", not 1 or more");
        }
        this.launcher = launcher;
        this.maxRuns = maxRuns;
        this.slots = new Semaphore(maxRuns);
    }

    @Override
    public long start(RunRequest request, boolean force) {
        if (!slots.tryAcquire()) {
            throw new ResponseStatusException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    maxRuns + " run(s) started over HTTP are in progress, the most at once"
                            + " (gbsettle.web.max-concurrent-runs): try again later");
        }
        RunLauncher.Started started;
        try {
            started = launcher.start(request, force);
        } catch (RunRefusedException e) {
            slots.release();
            throw new RunConflictException(String.valueOf(e.getMessage()), e.blockingRunId());
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
        started.outcome().whenComplete((outcome, failure) -> {
            slots.release();
            if (failure != null) {
                LOG.warn(
                        "Run {} of {} {} started over HTTP by {} ended without completing: {}",
                        started.runId(),
                        request.settlementDate(),
                        request.runType(),
                        request.startedBy(),
                        failure.getMessage());
            }
        });
        return started.runId();
    }
}
