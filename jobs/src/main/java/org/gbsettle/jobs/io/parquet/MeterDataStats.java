package org.gbsettle.jobs.io.parquet;

import java.util.Objects;

/**
 * What reading one meter-data Parquet file found: row counts ({@code rowsRead = accepted + rejected}), the SHA-256 of
 * the file's bytes (lower-case hex, the file's fingerprint for run audit), the layout and the file's structure.
 *
 * @param createdBy the writer named in the footer ({@code created_by}), or empty
 */
public record MeterDataStats(
        long rowsRead,
        long accepted,
        long rejected,
        String sha256,
        MeterDataLayout layout,
        int rowGroups,
        long fileBytes,
        String createdBy) {

    public MeterDataStats {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(createdBy, "createdBy");
        if (rowsRead != accepted + rejected) {
            throw new IllegalArgumentException(
                    "rows read " + rowsRead + " != accepted " + accepted + " + rejected " + rejected);
        }
    }
}
