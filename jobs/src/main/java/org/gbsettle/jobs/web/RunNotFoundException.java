package org.gbsettle.jobs.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No settlement run has the id asked for (404). */
public final class RunNotFoundException extends ErrorResponseException {

    private static final long serialVersionUID = 1L;

    public RunNotFoundException(long runId) {
        super(HttpStatus.NOT_FOUND, problem(runId), null);
    }

    private static ProblemDetail problem(long runId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "there is no run " + runId);
        problem.setTitle("No such run");
        problem.setProperty("runId", runId);
        return problem;
    }
}
