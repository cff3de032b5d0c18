package org.gbsettle.engine.reference;

import java.util.List;

/**
 * Reference data that contradicts itself ({@code REFDATA_CONFLICT}): overlapping effective ranges for one key, or two
 * default BM units for one supplier and GSP group. Raised when the data is assembled, before any run uses it; the
 * message lists every conflict.
 */
public final class ReferenceDataConflictException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> conflicts;

    public ReferenceDataConflictException(List<String> conflicts) {
        super("REFDATA_CONFLICT: " + conflicts.size() + " conflict(s) in reference data:\n  - "
                + String.join("\n  - ", conflicts));
        this.conflicts = List.copyOf(conflicts);
    }

    /** Each conflict, one line each. */
    public List<String> conflicts() {
        return conflicts;
    }
}
