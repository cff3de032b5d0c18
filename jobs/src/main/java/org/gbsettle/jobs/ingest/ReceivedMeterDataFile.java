package org.gbsettle.jobs.ingest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A registered meter-data file as a settlement run sees it: where to read it, its fingerprint and when it was
 * received (the time compared with the run's data cut-off).
 *
 * @param fileId the {@code meter_data_file} row
 * @param path absolute path of the file, read in place
 * @param sha256 SHA-256 of the file's bytes as registered, lower-case hex (the run checks the file still matches)
 * @param receivedAt receipt time of the delivery, for rows without their own {@code received_at}
 */
public record ReceivedMeterDataFile(long fileId, Path path, String sha256, Instant receivedAt) {

    public ReceivedMeterDataFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
