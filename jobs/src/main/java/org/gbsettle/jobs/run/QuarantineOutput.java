package org.gbsettle.jobs.run;

import java.util.Objects;

/**
 * One meter-data row a settlement run quarantined, as written to {@code quarantine}: the file and 1-based row it came
 * from, the MPAN core (0 if unreadable), the settlement period (0 if unreadable), the field at fault, the value as
 * written, the reason code and a detail for people.
 */
public record QuarantineOutput(
        long fileId,
        String filePath,
        long rowNumber,
        long mpan,
        int period,
        String field,
        String value,
        String reason,
        String detail) {

    public QuarantineOutput {
        Objects.requireNonNull(filePath, "filePath");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
