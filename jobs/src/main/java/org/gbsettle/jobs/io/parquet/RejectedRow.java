package org.gbsettle.jobs.io.parquet;

import java.util.Objects;
import org.gbsettle.engine.run.QuarantineReason;
import org.gbsettle.engine.run.QuarantinedRead;

/**
 * A meter-data Parquet row the reader could not turn into a value, rejected to quarantine rather than failing the
 * file: its file and row number, the field at fault, the value as written and the reason ({@code BAD_MPAN}, {@code
 * WRONG_MQ}, {@code BAD_PERIOD} or {@code BAD_VALUE}); the same rules as the CSV reader's {@code RejectedRead}.
 *
 * @param row 1-based row number in the file (row groups counted in file order)
 * @param rowId the row id the accepted rows of the same read carry ({@code rowIdBase + row})
 * @param mpan the MPAN core if it was a number of at most 13 digits, else 0
 * @param period the settlement period as read, or 0 if it was missing, unreadable or of another date
 * @param value the value as written, as text; empty for a null
 * @param message the rule broken, for people
 * @param wh the value in Wh if kWh was a valid value with at most 3 dp, else 0 (for data-quality energy sums)
 */
public record RejectedRow(
        String file,
        long row,
        long rowId,
        long mpan,
        int period,
        String field,
        String value,
        QuarantineReason reason,
        String message,
        long wh) {

    public RejectedRow {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /** The row as the engine's quarantine row. */
    public QuarantinedRead toQuarantinedRead() {
        return new QuarantinedRead(rowId, mpan, period, field, value, reason);
    }

    @Override
    public String toString() {
        return file + " row " + row + ", field " + field + ": " + message + " (" + reason + ")";
    }
}
