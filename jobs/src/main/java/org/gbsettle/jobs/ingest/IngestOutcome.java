package org.gbsettle.jobs.ingest;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What ingesting one delivered meter-data file did: registered it (its rows accepted or quarantined), recognised it as
 * already registered (same SHA-256), or registered it as rejected (unreadable or a schema error, no row used).
 *
 * @param file the file's absolute path
 * @param fileId the {@code meter_data_file} row: the new one, or the earlier one for {@link Status#ALREADY_INGESTED}
 * @param sha256 SHA-256 of the file's bytes, lower-case hex
 * @param status ingested, already ingested, or rejected
 * @param settlementDates settlement dates of the accepted rows, ascending
 * @param rowsRead rows in the file (0 for a rejected file)
 * @param rowsAccepted rows that became values
 * @param rowsQuarantined rows quarantined ({@code rowsRead = rowsAccepted + rowsQuarantined})
 * @param receivedAt the receipt time on record
 * @param message why the file was rejected, now or at its earlier registration; null for a usable file
 */
public record IngestOutcome(
        Path file,
        long fileId,
        String sha256,
        Status status,
        List<LocalDate> settlementDates,
        long rowsRead,
        long rowsAccepted,
        long rowsQuarantined,
        Instant receivedAt,
        @Nullable String message) {

    /** What happened to a file. */
    public enum Status {
        /** Newly registered, its rows accepted or quarantined. */
        INGESTED,
        /** The same bytes were registered before: nothing changed. */
        ALREADY_INGESTED,
        /** Newly registered as unusable: unreadable, corrupt or a schema error; no row is used. */
        REJECTED
    }

    public IngestOutcome {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(receivedAt, "receivedAt");
        settlementDates = List.copyOf(settlementDates);
        if (rowsRead != rowsAccepted + rowsQuarantined) {
            throw new IllegalArgumentException("rows read " + rowsRead + " != accepted " + rowsAccepted
                    + " + quarantined " + rowsQuarantined + " for " + file);
        }
    }

    /** Whether the file's rows can be used by a run: ingested now or before, and not rejected. */
    public boolean usable() {
        return status == Status.INGESTED || (status == Status.ALREADY_INGESTED && message == null);
    }
}
