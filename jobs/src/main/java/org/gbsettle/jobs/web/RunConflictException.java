package org.gbsettle.jobs.web;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A run that may not start now (409): a run of the same settlement date and type is in progress, or the date has a
 * final run (RF, DF) and the request did not say {@code force}. The detail says which run is in the way.
 */
public final class RunConflictException extends ErrorResponseException {

    private static final long serialVersionUID = 1L;

    /**
     * @param detail the operator's message: what is in the way and what to do
     * @param runId the run in the way, if one is
     */
    public RunConflictException(String detail, @Nullable Long runId) {
        super(HttpStatus.CONFLICT, problem(detail, runId), null);
    }

    private static ProblemDetail problem(String detail, @Nullable Long runId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Run conflict");
        if (runId != null) {
            problem.setProperty("runId", runId);
        }
        return problem;
    }
}
