package org.gbsettle.engine.run;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A data-quality issue found by a calculation, as data: its code, the MPAN and period it concerns (where it concerns
 * one) and a message naming the values and the rule.
 *
 * @param mpan MPAN core, or null for a group-level issue
 * @param period settlement period, or 0 for the whole date
 */
public record CalculationIssue(IssueCode code, @Nullable Long mpan, int period, String message) {

    public CalculationIssue {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
