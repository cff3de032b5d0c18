package org.gbsettle.jobs.ingest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.gbsettle.jobs.io.parquet.RejectedRow;

/**
 * The row rules of the meter-data ingest, applied to a meter-data Parquet file without registering it: the rows that
 * an ingest of the file would quarantine, each with its field, value and rule, read exactly as {@link MeterDataIngest}
 * reads a delivered file (every settlement date it holds). Used to judge values that arrive by other ways than a file
 * (messages), so that there is one rule set.
 */
public final class MeterRowRules {

    private MeterRowRules() {}

    /**
     * The rows of {@code file} that an ingest would quarantine, by row number.
     *
     * @param receivedAt the receipt time for rows without one
     * @throws org.gbsettle.jobs.io.parquet.MeterDataFileException if the file is unreadable or breaks the schema
     */
    public static List<RejectedRow> rejectedRows(Path file, Instant receivedAt) {
        return WholeFileRead.of(file, receivedAt).quarantined().stream()
                .map(WholeFileRead.QuarantinedRow::row)
                .toList();
    }
}
