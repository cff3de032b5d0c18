package org.gbsettle.jobs.web;

import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request refused as bad (400): its problem detail says what is wrong with each field in {@code detail} and lists
 * them in {@code invalid-params} ({@link InvalidParam}: field, value, reason).
 */
public final class InvalidRequestException extends ErrorResponseException {

    private static final long serialVersionUID = 1L;

    /** The problem detail property listing the invalid fields. */
    public static final String INVALID_PARAMS = "invalid-params";

    /** A bad request for the given fields, at least one. */
    public InvalidRequestException(List<InvalidParam> invalid) {
        super(HttpStatus.BAD_REQUEST, problem(invalid), null);
    }

    /** A bad request for one field. */
    public InvalidRequestException(String field, @Nullable String value, String reason) {
        this(List.of(new InvalidParam(field, value, reason)));
    }

    /** The problem detail of a bad request with these invalid fields. */
    static ProblemDetail problem(List<InvalidParam> invalid) {
        if (invalid.isEmpty()) {
            throw new IllegalArgumentException("no invalid field");
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                invalid.stream().map(p -> p.field() + ": " + p.reason()).collect(Collectors.joining("; ")));
        problem.setTitle("Invalid request");
        problem.setProperty(INVALID_PARAMS, List.copyOf(invalid));
        return problem;
    }
}
