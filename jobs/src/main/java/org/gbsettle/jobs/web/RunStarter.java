package org.gbsettle.jobs.web;

import org.gbsettle.jobs.run.RunRequest;

/**
 * Starts an operator's settlement run for the HTTP API: the one way {@code POST /runs} reaches the run service, so
 * that the guard against running a (date, type) twice at once and against rerunning a final date without
 * confirmation sits behind it.
 */
public interface RunStarter {

    /**
     * Creates the run and starts its job in the background; returns once the run exists (its {@code settlement_run}
     * row is written), with its id, while the job may still be running.
     *
     * @param force the operator's confirmation that a date already at RF or DF is to be run again
     * @throws RunConflictException if a run of the same date and type is in progress, or the date is at RF or DF and
     *     {@code force} is false
     * @throws org.springframework.web.server.ResponseStatusException 503 if no more runs can start now
     */
    long start(RunRequest request, boolean force);
}
