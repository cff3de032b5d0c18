package org.gbsettle.engine.run;

import java.util.Objects;

/**
 * A submitted row rejected by the calculation: its row id (the caller maps it to file and row), the field at fault,
 * the value and the reason.
 */
public record QuarantinedRead(long rowId, long mpan, int period, String field, String value, QuarantineReason reason) {

    public QuarantinedRead {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
    }
}
