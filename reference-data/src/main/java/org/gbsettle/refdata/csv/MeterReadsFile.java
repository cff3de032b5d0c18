package org.gbsettle.refdata.csv;

import java.util.List;
import java.util.Objects;
import org.gbsettle.engine.input.MeterReads;

/**
 * A meter-read CSV as read for one settlement date: the rows that became values (row id = line number) and the rows
 * rejected to quarantine by the reader.
 */
public record MeterReadsFile(String fileName, MeterReads reads, List<RejectedRead> rejected) {

    public MeterReadsFile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(reads, "reads");
        rejected = List.copyOf(rejected);
    }
}
