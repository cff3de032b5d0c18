package org.gbsettle.engine.run;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A run cannot be calculated: mandatory reference data or inputs are missing. Thrown before anything is calculated;
 * the message lists every problem found, not only the first.
 */
public final class MissingReferenceDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<CalculationIssue> problems;

    public MissingReferenceDataException(String what, List<CalculationIssue> problems) {
        super(what + ": " + problems.size() + " problem(s) found before calculating:\n  - "
                + problems.stream().map(p -> p.code() + ": " + p.message()).collect(Collectors.joining("\n  - ")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found. */
    public List<CalculationIssue> problems() {
        return problems;
    }
}
