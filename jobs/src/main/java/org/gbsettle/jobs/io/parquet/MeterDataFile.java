package org.gbsettle.jobs.io.parquet;

import java.util.List;
import java.util.Objects;
import org.gbsettle.engine.input.MeterReads;

/**
 * One meter-data Parquet file as read for one settlement date: the rows that became values (in file order, row id =
 * the caller's base + the 1-based row number), the rows rejected to quarantine, and the file's statistics.
 */
public record MeterDataFile(String fileName, MeterReads reads, List<RejectedRow> rejected, MeterDataStats stats) {

    public MeterDataFile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(reads, "reads");
        Objects.requireNonNull(stats, "stats");
        rejected = List.copyOf(rejected);
    }
}
