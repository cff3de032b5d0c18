package org.gbsettle.jobs.ingest;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gbsettle.engine.run.QuarantineReason;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.io.parquet.MeterDataFile;
import org.gbsettle.jobs.io.parquet.MeterDataLayout;
import org.gbsettle.jobs.io.parquet.MeterDataParquetReader;
import org.gbsettle.jobs.io.parquet.RejectedRow;
import org.jspecify.annotations.Nullable;

/**
 * A meter-data file read for every settlement date it holds: the reader reads one date at a time, so the file is read
 * for a first date, then for each other date its rows name. Each row is accepted in the read of its own date or
 * rejected once, with its own reason (not the "another date" of the reads of other dates).
 *
 * @param settlementDates dates with at least one accepted row, ascending
 * @param quarantined the rejected rows, by row number, each with the date it was read for when the row has a date
 */
record WholeFileRead(
        String sha256,
        long sizeBytes,
        MeterDataLayout layout,
        long rowsRead,
        long rowsAccepted,
        List<LocalDate> settlementDates,
        List<QuarantinedRow> quarantined) {

    private static final Pattern DATE_IN_NAME = Pattern.compile("(\\d{4})-?(\\d{2})-?(\\d{2})");

    /** A rejected row and the settlement date it belongs to (null when it has no usable date). */
    record QuarantinedRow(RejectedRow row, @Nullable LocalDate settlementDate) {}

    WholeFileRead {
        settlementDates = List.copyOf(settlementDates);
        quarantined = List.copyOf(quarantined);
        if (rowsRead != rowsAccepted + quarantined.size()) {
            throw new IllegalStateException("Rows do not reconcile: read " + rowsRead + " != accepted " + rowsAccepted
                    + " + quarantined " + quarantined.size());
        }
    }

    /**
     * Reads {@code file} for all its settlement dates.
     *
     * @throws org.gbsettle.jobs.io.parquet.MeterDataFileException if it is unreadable, corrupt or breaks the schema
     */
    static WholeFileRead of(Path file, Instant receivedAt) {
        SettlementDate first = SettlementDate.of(guessDate(file, receivedAt));
        MeterDataFile firstRead = MeterDataParquetReader.read(file, first, receivedAt);
        Map<LocalDate, MeterDataFile> reads = new TreeMap<>();
        reads.put(first.date(), firstRead);
        for (LocalDate other : firstRead.otherDates()) {
            reads.put(other, MeterDataParquetReader.read(file, SettlementDate.of(other), receivedAt));
        }
        String sha256 = firstRead.stats().sha256();
        long accepted = 0;
        List<LocalDate> dates = new ArrayList<>();
        Map<Long, QuarantinedRow> rejected = new TreeMap<>();
        for (Map.Entry<LocalDate, MeterDataFile> e : reads.entrySet()) {
            MeterDataFile read = e.getValue();
            if (!read.stats().sha256().equals(sha256)) {
                throw new IllegalStateException(file + " changed while it was being read: ingest it again");
            }
            accepted += read.stats().accepted();
            if (read.stats().accepted() > 0) {
                dates.add(e.getKey());
            }
            for (RejectedRow r : read.rejected()) {
                if (!read.ofOtherDate(r.row())) {
                    // a value rejected (BAD_VALUE) passed the date checks: the row is of this date. A row rejected
                    // before (MPAN, quantity, date or period) is rejected alike by every read: keep the first.
                    boolean dated = r.reason() == QuarantineReason.BAD_VALUE;
                    rejected.putIfAbsent(r.row(), new QuarantinedRow(r, dated ? e.getKey() : null));
                }
            }
        }
        List<QuarantinedRow> quarantined = new ArrayList<>(rejected.values());
        quarantined.sort(Comparator.comparingLong(q -> q.row().row()));
        return new WholeFileRead(
                sha256,
                firstRead.stats().fileBytes(),
                firstRead.stats().layout(),
                firstRead.stats().rowsRead(),
                accepted,
                new ArrayList<>(new TreeSet<>(dates)),
                quarantined);
    }

    /**
     * A first date to read for (most files hold one date, then one read is enough): the earliest in the footer's
     * statistics, else one in the file name, else the day before receipt. A wrong guess costs a read that rejects
     * every row as of another date.
     */
    private static LocalDate guessDate(Path file, Instant receivedAt) {
        java.util.Optional<LocalDate> fromStatistics = MeterDataParquetReader.firstSettlementDate(file);
        if (fromStatistics.isPresent()) {
            try {
                SettlementDate.of(fromStatistics.get());
                return fromStatistics.get();
            } catch (RuntimeException e) {
                // a date the calendar cannot settle: the rows of it are rejected whatever is read first
            }
        }
        Matcher m = DATE_IN_NAME.matcher(String.valueOf(file.getFileName()));
        while (m.find()) {
            try {
                return LocalDate.of(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            } catch (RuntimeException e) {
                // not a date: try the next match
            }
        }
        return receivedAt.atZone(SettlementDate.UK).toLocalDate().minusDays(1);
    }
}
