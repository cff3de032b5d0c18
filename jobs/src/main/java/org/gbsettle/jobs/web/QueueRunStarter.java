package org.gbsettle.jobs.web;

import org.gbsettle.jobs.queue.QueuedRun;
import org.gbsettle.jobs.queue.RunQueue;
import org.gbsettle.jobs.run.RunRefusedException;
import org.gbsettle.jobs.run.RunRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The {@link RunStarter} of the HTTP API: {@link RunQueue#enqueue}, which refuses a request of a date and type already
 * queued or running (exactly one runs) and a final date without {@code force}; a refusal is a 409 naming what is in
 * the way. The queue workers ({@code gbsettle.queue.workers} per process) run the queued requests.
 */
@Component
@ConditionalOnWebApplication
final class QueueRunStarter implements RunStarter {

    private final RunQueue queue;

    QueueRunStarter(RunQueue queue) {
        this.queue = queue;
    }

    @Override
    public QueuedRun start(RunRequest request, boolean force) {
        try {
            return queue.enqueue(request, force);
        } catch (RunRefusedException e) {
            throw new RunConflictException(String.valueOf(e.getMessage()), e.blockingRunId());
        }
    }
}
