package org.gbsettle.jobs.io.parquet;

import java.time.LocalDate;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.gbsettle.engine.input.MeterReads;

/**
 * One meter-data Parquet file as read for one settlement date: the rows that became values (in file order, row id =
 * the caller's base + the 1-based row number), the rows rejected to quarantine, and the file's statistics.
 *
 * @param otherDates the settlement dates of rows rejected only because they belong to another date than the one read
 *     for (a date and period of another date, or a UTC start in another settlement date)
 * @param otherDateRows the 1-based row numbers of those rows
 */
public record MeterDataFile(
        String fileName,
        MeterReads reads,
        List<RejectedRow> rejected,
        MeterDataStats stats,
        SortedSet<LocalDate> otherDates,
        BitSet otherDateRows) {

    public MeterDataFile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(reads, "reads");
        Objects.requireNonNull(stats, "stats");
        rejected = List.copyOf(rejected);
        otherDates = Collections.unmodifiableSortedSet(new TreeSet<>(otherDates));
        otherDateRows = (BitSet) otherDateRows.clone();
    }

    /** A read of a file holding one settlement date only. */
    public MeterDataFile(String fileName, MeterReads reads, List<RejectedRow> rejected, MeterDataStats stats) {
        this(fileName, reads, rejected, stats, new TreeSet<>(), new BitSet());
    }

    /** A copy of the row numbers of rows of another settlement date. */
    @Override
    public BitSet otherDateRows() {
        return (BitSet) otherDateRows.clone();
    }

    /** Whether the 1-based {@code row} was rejected only because it belongs to another settlement date. */
    public boolean ofOtherDate(long row) {
        return row >= 1 && row <= Integer.MAX_VALUE && otherDateRows.get((int) row);
    }
}
