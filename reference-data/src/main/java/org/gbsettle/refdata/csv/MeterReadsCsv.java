package org.gbsettle.refdata.csv;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.metering.ReadQuality;
import org.gbsettle.engine.run.QuarantineReason;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.engine.time.SettlementHalfHour;
import org.gbsettle.refdata.Fields;
import org.gbsettle.refdata.Problems;
import org.gbsettle.refdata.ReferenceFileException;

/**
 * Reader of half-hourly meter values in CSV, the project's meter-data contract in text form: {@code
 * mpan,settlement_date,settlement_period,measurement_quantity,kwh,quality,received_at}, or {@code utc_period_start}
 * (an ISO instant, mapped with {@link SettlementHalfHour#ofUtcStart}) in place of date and period. {@code received_at}
 * is optional (column or value): the caller's default receipt time is used instead.
 *
 * <p>Only the header can fail the file ({@link ReferenceFileException}). A row the reader cannot turn into a value is
 * rejected to quarantine and the rest load, row id = line number:
 *
 * <ul>
 *   <li>{@code BAD_MPAN}: the MPAN is not 13 digits (a wrong check digit is left to the calculation, same reason);
 *   <li>{@code WRONG_MQ}: the measurement quantity is not AI or AE;
 *   <li>{@code BAD_PERIOD}: date, period or UTC start unreadable, off a half hour, or of another settlement date than
 *       the one read for (a period number outside 1..N of the date is left to the calculation, same reason);
 *   <li>{@code BAD_VALUE}: kWh unparseable or with more than 3 decimal places, quality not A or E, receipt time
 *       unreadable.
 * </ul>
 *
 * <p>kWh is exact: 12.345 kWh is 12,345 Wh. Negative values load and are quarantined by the calculation ({@code
 * NEGATIVE}).
 */
public final class MeterReadsCsv {

    /** The conventional file name. */
    public static final String FILE_NAME = "meter_reads.csv";

    /** Columns always required. */
    public static final List<String> REQUIRED = List.of("mpan", "measurement_quantity", "kwh", "quality");

    /** Optional columns: date and period, or the UTC start; and the receipt time. */
    public static final List<String> OPTIONAL =
            List.of("settlement_date", "settlement_period", "utc_period_start", "received_at");

    private static final long MAX_WH = 999_999_999_999L;

    private MeterReadsCsv() {}

    /**
     * Reads a file for one settlement date.
     *
     * @param defaultReceivedAt receipt time of rows without one
     * @throws ReferenceFileException if the file cannot be read or its header is wrong
     */
    public static MeterReadsFile parse(Reader reader, String fileName, SettlementDate date, Instant defaultReceivedAt) {
        return Csv.orThrow(p -> read(reader, fileName, date, defaultReceivedAt, p));
    }

    /**
     * Reads a file on disk for one settlement date.
     *
     * @throws ReferenceFileException if the file cannot be read or its header is wrong
     */
    public static MeterReadsFile parse(Path path, SettlementDate date, Instant defaultReceivedAt) {
        return Csv.orThrow(p -> read(path, date, defaultReceivedAt, p));
    }

    /** Reads a file on disk, adding file-level problems to {@code problems}. */
    public static MeterReadsFile read(Path path, SettlementDate date, Instant defaultReceivedAt, Problems problems) {
        String name = path.getFileName().toString();
        return Csv.onPath(
                path,
                problems,
                new MeterReadsFile(name, MeterReads.empty(), List.of()),
                (r, n) -> read(r, n, date, defaultReceivedAt, problems));
    }

    /** Reads a file, adding file-level problems to {@code problems}. */
    public static MeterReadsFile read(
            Reader reader, String fileName, SettlementDate date, Instant defaultReceivedAt, Problems problems) {
        int before = problems.size();
        CsvTable t = CsvTable.read(reader, fileName, REQUIRED, OPTIONAL, problems);
        boolean byDate = t.has("settlement_date") || t.has("settlement_period");
        boolean byUtc = t.has("utc_period_start");
        if (problems.size() == before && byDate == byUtc) {
            problems.add(
                    fileName,
                    1,
                    null,
                    null,
                    "the header needs settlement_date and settlement_period, or utc_period_start (one of the two)");
        } else if (problems.size() == before && byDate && !(t.has("settlement_date") && t.has("settlement_period"))) {
            problems.add(
                    fileName,
                    1,
                    null,
                    t.has("settlement_date") ? "settlement_period" : "settlement_date",
                    "required column is missing from the header (settlement_date and settlement_period go together)");
        }
        if (problems.size() > before) {
            return new MeterReadsFile(fileName, MeterReads.empty(), List.of());
        }
        MeterReads.Builder reads = MeterReads.builder();
        List<RejectedRead> rejected = new ArrayList<>();
        long defaultMicros = micros(defaultReceivedAt);
        for (CsvTable.Row row : t.rows) {
            Line l = new Line(t, row, fileName, rejected);
            l.read(date, byUtc, defaultMicros, reads);
        }
        return new MeterReadsFile(fileName, reads.build(), rejected);
    }

    /** One row being read. */
    private static final class Line {
        private final CsvTable table;
        private final CsvTable.Row row;
        private final String file;
        private final List<RejectedRead> rejected;
        private long mpan;
        private int period;
        private long wh;

        Line(CsvTable table, CsvTable.Row row, String file, List<RejectedRead> rejected) {
            this.table = table;
            this.row = row;
            this.file = file;
            this.rejected = rejected;
        }

        void read(SettlementDate date, boolean byUtc, long defaultMicros, MeterReads.Builder reads) {
            String mpanText = table.value(row, "mpan").replace(" ", "");
            boolean mpanOk = mpanText.length() == 13 && mpanText.chars().allMatch(c -> c >= '0' && c <= '9');
            if (mpanOk) {
                mpan = Long.parseLong(mpanText);
            }
            String kwhText = table.value(row, "kwh");
            BigDecimal kwh = null;
            String kwhProblem = null;
            try {
                kwh = Fields.decimal(kwhText, 3);
                BigDecimal whValue = kwh.movePointRight(3);
                if (whValue.abs().compareTo(BigDecimal.valueOf(MAX_WH)) > 0) {
                    kwhProblem = "'" + kwhText + "' is too large for a half-hourly value";
                    kwh = null;
                } else {
                    wh = whValue.longValueExact();
                }
            } catch (IllegalArgumentException | ArithmeticException e) {
                kwhProblem = kwhText.isEmpty() ? "is empty" : Csv.message(e);
                kwh = null;
            }
            if (!mpanOk) {
                reject("mpan", QuarantineReason.BAD_MPAN, "'" + table.value(row, "mpan") + "' is not 13 digits");
                return;
            }
            String mqText = table.value(row, "measurement_quantity");
            byte mq;
            switch (mqText) {
                case "AI" -> mq = MeterReads.AI;
                case "AE" -> mq = MeterReads.AE;
                default -> {
                    reject("measurement_quantity", QuarantineReason.WRONG_MQ, "'" + mqText + "' is not AI or AE");
                    return;
                }
            }
            if (!period(date, byUtc)) {
                return;
            }
            String qualityText = table.value(row, "quality");
            ReadQuality quality;
            try {
                quality = ReadQuality.parse(qualityText);
            } catch (IllegalArgumentException e) {
                reject("quality", QuarantineReason.BAD_VALUE, Csv.message(e));
                return;
            }
            if (kwh == null) {
                reject("kwh", QuarantineReason.BAD_VALUE, kwhProblem == null ? "is not valid" : kwhProblem);
                return;
            }
            long received = defaultMicros;
            String receivedText = table.value(row, "received_at");
            if (!receivedText.isEmpty()) {
                try {
                    received = micros(Fields.instant(receivedText));
                } catch (IllegalArgumentException | ArithmeticException e) {
                    reject("received_at", QuarantineReason.BAD_VALUE, Csv.message(e));
                    return;
                }
            }
            reads.add(mpan, mq, period, wh, quality.code(), received, row.line);
        }

        /** Reads date and period (or the UTC start) into {@link #period}; false if the row was rejected. */
        private boolean period(SettlementDate date, boolean byUtc) {
            if (byUtc) {
                String text = table.value(row, "utc_period_start");
                SettlementHalfHour hh;
                try {
                    hh = SettlementHalfHour.ofUtcStart(Fields.instant(text));
                } catch (IllegalArgumentException e) {
                    reject("utc_period_start", QuarantineReason.BAD_PERIOD, Csv.message(e));
                    return false;
                }
                if (!hh.date().equals(date)) {
                    reject(
                            "utc_period_start",
                            QuarantineReason.BAD_PERIOD,
                            "'" + text + "' starts " + hh + ", not a period of " + date);
                    return false;
                }
                period = hh.period();
                return true;
            }
            String dateText = table.value(row, "settlement_date");
            LocalDate d;
            try {
                d = Fields.isoDate(dateText);
            } catch (IllegalArgumentException e) {
                reject("settlement_date", QuarantineReason.BAD_PERIOD, Csv.message(e));
                return false;
            }
            String periodText = table.value(row, "settlement_period");
            int p;
            try {
                p = Fields.integer(periodText, Integer.MIN_VALUE, Integer.MAX_VALUE);
            } catch (IllegalArgumentException e) {
                reject("settlement_period", QuarantineReason.BAD_PERIOD, Csv.message(e));
                return false;
            }
            if (!d.equals(date.date())) {
                reject(
                        "settlement_date",
                        QuarantineReason.BAD_PERIOD,
                        "'" + dateText + "' is not the settlement date " + date + " being read");
                return false;
            }
            period = p;
            return true;
        }

        private void reject(String field, QuarantineReason reason, String message) {
            rejected.add(new RejectedRead(
                    file, row.line, mpan, period, field, table.value(row, field), reason, message, wh));
        }
    }

    private static long micros(Instant t) {
        if (t.getNano() % 1000 != 0) {
            throw new IllegalArgumentException("'" + t + "' is finer than a microsecond");
        }
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }
}
