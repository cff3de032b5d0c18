package org.gbsettle.jobs.web;

import java.util.List;
import org.gbsettle.jobs.ingest.IngestOutcome;
import org.jspecify.annotations.Nullable;

/**
 * A meter-data file as {@code POST /meter-data-files} registered it: its register row, content hash, what became of
 * it ({@code INGESTED}, {@code ALREADY_INGESTED} or {@code REJECTED}) and its rows (read = accepted + quarantined).
 *
 * @param fileId the {@code meter_data_file} row
 * @param path the file's real path
 * @param sha256 SHA-256 of its bytes, lower-case hex
 * @param status what became of it
 * @param settlementDates the settlement dates of its accepted rows (ISO dates), ascending
 * @param rowsRead rows in the file
 * @param rowsAccepted rows that became values
 * @param rowsQuarantined rows quarantined
 * @param receivedAt the receipt time on record, an ISO-8601 instant
 * @param message why it was rejected; null for a usable file
 */
public record MeterDataFileView(
        long fileId,
        String path,
        String sha256,
        String status,
        List<String> settlementDates,
        long rowsRead,
        long rowsAccepted,
        long rowsQuarantined,
        String receivedAt,
        @Nullable String message) {

    /** The view of an ingest's outcome. */
    static MeterDataFileView of(IngestOutcome o) {
        return new MeterDataFileView(
                o.fileId(),
                o.file().toString(),
                o.sha256(),
                o.status().name(),
                o.settlementDates().stream().map(Object::toString).toList(),
                o.rowsRead(),
                o.rowsAccepted(),
                o.rowsQuarantined(),
                o.receivedAt().toString(),
                o.message());
    }
}
