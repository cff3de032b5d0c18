package org.gbsettle.refdata.csv;

import java.util.Objects;
import org.gbsettle.engine.run.QuarantineReason;
import org.gbsettle.engine.run.QuarantinedRead;

/**
 * A meter-read row the reader could not turn into a value, rejected to quarantine rather than failing the file: its
 * file and line (the row id), the field at fault, the value as written and the reason ({@code BAD_MPAN}, {@code
 * WRONG_MQ}, {@code BAD_PERIOD} or {@code BAD_VALUE}).
 *
 * @param mpan the MPAN core if it was 13 digits, else 0
 * @param period the settlement period as read, or 0 if it was unreadable or of another date (a period outside 1..N of
 *     the date counts in the day's data-quality total only)
 * @param wh the value in Wh if it was a valid kWh value with at most 3 dp, else 0 (for data-quality energy sums)
 * @param message the rule broken, for people
 */
public record RejectedRead(
        String file,
        long line,
        long mpan,
        int period,
        String field,
        String value,
        QuarantineReason reason,
        String message,
        long wh) {

    public RejectedRead {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /** The row as the engine's quarantine row, row id = line number. */
    public QuarantinedRead toQuarantinedRead() {
        return new QuarantinedRead(line, mpan, period, field, value, reason);
    }

    @Override
    public String toString() {
        return file + " line " + line + ", field " + field + ": " + message + " (" + reason + ")";
    }
}
