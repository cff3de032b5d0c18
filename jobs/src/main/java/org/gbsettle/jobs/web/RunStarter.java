package org.gbsettle.jobs.web;

import org.gbsettle.jobs.queue.QueuedRun;
import org.gbsettle.jobs.run.RunRequest;

/**
 * Queues an operator's settlement run for the HTTP API: the one way {@code POST /runs} reaches the run queue, so that
 * the guard against running a (date, type) twice at once and against rerunning a final date without confirmation
 * sits behind it.
 */
public interface RunStarter {

    /**
     * Queues the run; a queue worker of a {@code serve} process takes it in timetable order.
     *
     * @param force the operator's confirmation that a date already at RF or DF is to be run again
     * @return the queued request, with its position
     * @throws RunConflictException if a request of the same date and type is queued or running, a run of them is in
     *     progress, or the date is at RF or DF and {@code force} is false
     */
    QueuedRun start(RunRequest request, boolean force);
}
