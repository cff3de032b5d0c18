package org.gbsettle.engine.slice;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.CalculationIssue;
import org.gbsettle.engine.run.DataQualityMeasure;
import org.gbsettle.engine.run.IssueCode;
import org.gbsettle.engine.run.QuarantineReason;
import org.gbsettle.engine.run.QuarantinedRead;
import org.gbsettle.engine.run.RunContext;

/**
 * The partial result of one slice of a GSP group's calculation: the metering systems whose MPAN core lies in one
 * {@link MpanRange}, calculated up to but not including the GSP group correction. Holds the exact uncorrected volume
 * per (supplier, BM unit, CCC) row and period in 10^-12 MWh (integers: nothing is rounded before the combine), the
 * slice's data-quality counts, value warnings and quarantined rows, and the slice's own load-shape sample.
 *
 * <p>The slices of a group that tile the MPAN line combine, in any order, into exactly the whole group's result
 * ({@code SettlementCalculator.combineSlices}). {@link #toBytes()} is a compact, versioned, checksummed form for a
 * worker to store (PostgreSQL {@code bytea}, a file) and the manager to read back with {@link #parse(byte[])}.
 *
 * @param context the run the slice belongs to ({@link #contextKey(RunContext)})
 * @param configDigest the calculation configuration it was calculated with ({@link #configDigest(CalculationConfig)})
 * @param range the MPAN cores it covers
 * @param periods the settlement periods of the date
 * @param meteringSystems the metering systems of the group in force on the date within the range
 * @param readRows the meter-data rows within the range (for sizing and logs)
 * @param rows uncorrected volumes per row, ordered by supplier, BM unit, CCC
 * @param dataQuality the non-zero data-quality counters, period 0 for rows whose period is outside the date
 * @param issues warnings about values (outliers, no estimate, de-energised consumption), not the group's own
 * @param quarantine rejected meter-data rows, by row id
 * @param sample the slice's load-shape sample (its chosen actual values)
 * @param groupSampleDigest digest of the group's load-shape sample the slice defaulted against, or {@code ""} when load
 *     shapes are published (do not depend on the group's values)
 */
public record GroupSlice(
        String context,
        String configDigest,
        MpanRange range,
        int periods,
        int meteringSystems,
        long readRows,
        List<UncorrectedRow> rows,
        List<DataQualityTotal> dataQuality,
        List<CalculationIssue> issues,
        List<QuarantinedRead> quarantine,
        ShapeSample sample,
        String groupSampleDigest) {

    private static final byte[] MAGIC = "GBSL".getBytes(StandardCharsets.US_ASCII);

    /** The format version of {@link #toBytes()}; a reader refuses any other. */
    public static final int FORMAT_VERSION = 1;

    public GroupSlice {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(configDigest, "configDigest");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(groupSampleDigest, "groupSampleDigest");
        if (periods < 1 || sample.periods() != periods) {
            throw new IllegalArgumentException("periods " + periods + " (sample " + sample.periods() + ")");
        }
        if (meteringSystems < 0 || readRows < 0) {
            throw new IllegalArgumentException("negative size " + meteringSystems + "/" + readRows);
        }
        rows = List.copyOf(rows);
        for (UncorrectedRow r : rows) {
            if (r.uncorrected().length != periods) {
                throw new IllegalArgumentException("row " + r + " has not " + periods + " periods");
            }
        }
        dataQuality = List.copyOf(dataQuality);
        issues = List.copyOf(issues);
        quarantine = List.copyOf(quarantine);
    }

    /**
     * One (supplier, BM unit, CCC) row's uncorrected volume per period (index {@code period - 1}), 10^-12 MWh: value x
     * LLF summed over the slice's metering systems, signed (export negative).
     */
    public record UncorrectedRow(String supplier, String bmUnit, int ccc, long[] uncorrected) {
        public UncorrectedRow {
            Objects.requireNonNull(supplier, "supplier");
            Objects.requireNonNull(bmUnit, "bmUnit");
            uncorrected = uncorrected.clone();
        }

        @Override
        public long[] uncorrected() {
            return uncorrected.clone();
        }

        /** The uncorrected volume in a period (1-based), 10^-12 MWh. */
        public long uncorrected(int period) {
            return uncorrected[period - 1];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof UncorrectedRow r
                    && supplier.equals(r.supplier)
                    && bmUnit.equals(r.bmUnit)
                    && ccc == r.ccc
                    && Arrays.equals(uncorrected, r.uncorrected);
        }

        @Override
        public int hashCode() {
            return Objects.hash(supplier, bmUnit, ccc, Arrays.hashCode(uncorrected));
        }

        @Override
        public String toString() {
            return supplier + "/" + bmUnit + "/CCC " + ccc + " " + Arrays.toString(uncorrected);
        }
    }

    /**
     * A data-quality counter: how many items and their magnitude in Wh, of one measure in one period (0 for rows whose
     * period is outside the date).
     */
    public record DataQualityTotal(DataQualityMeasure measure, int period, long count, long wh) {
        public DataQualityTotal {
            Objects.requireNonNull(measure, "measure");
        }
    }

    /** The key of a run in a slice: settlement date, run type and number, GSP group and data cut-off. */
    public static String contextKey(RunContext c) {
        return c.settlementDate().date() + "/" + c.runType() + "/" + c.runNumber() + "/" + c.gspGroup() + "/"
                + c.dataCutoffMicros();
    }

    /** A digest of a calculation configuration (SHA-256 of its canonical text), to check slices agree on it. */
    public static String configDigest(CalculationConfig config) {
        return Codec.sha256(config.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The stored form: magic {@code GBSL}, {@link #FORMAT_VERSION}, deflated payload, CRC-32C of all that. */
    public byte[] toBytes() {
        return Codec.frame(MAGIC, FORMAT_VERSION, payload());
    }

    /** The CRC-32C that {@link #toBytes()} ends with, unsigned; to store beside the bytes and compare on reading. */
    public static long checksum(byte[] stored) {
        return Codec.storedChecksum(stored);
    }

    private byte[] payload() {
        Codec.Writer w = new Codec.Writer();
        w.string(context).string(configDigest);
        w.varLong(range.from()).varLong(range.to());
        w.varInt(periods).varInt(meteringSystems).varLong(readRows);
        w.varInt(rows.size());
        for (UncorrectedRow r : rows) {
            w.string(r.supplier).string(r.bmUnit).varInt(r.ccc);
            for (long v : r.uncorrected) {
                w.varLong(v);
            }
        }
        w.varInt(dataQuality.size());
        for (DataQualityTotal d : dataQuality) {
            w.string(d.measure().name()).varInt(d.period()).varLong(d.count()).varLong(d.wh());
        }
        w.varInt(issues.size());
        for (CalculationIssue i : issues) {
            Long mpan = i.mpan();
            w.string(i.code().name()).bool(mpan != null);
            if (mpan != null) {
                w.varLong(mpan);
            }
            w.varInt(i.period()).string(i.message());
        }
        w.varInt(quarantine.size());
        for (QuarantinedRead q : quarantine) {
            w.varLong(q.rowId())
                    .varLong(q.mpan())
                    .varInt(q.period())
                    .string(q.field())
                    .string(q.value())
                    .string(q.reason().name());
        }
        sample.write(w);
        w.string(groupSampleDigest);
        return w.bytes();
    }

    /**
     * Reads {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if the bytes are corrupt, truncated or of another format version
     */
    public static GroupSlice parse(byte[] bytes) {
        Codec.Reader r = new Codec.Reader(Codec.unframe(MAGIC, FORMAT_VERSION, bytes, "group slice"));
        String context = r.string();
        String configDigest = r.string();
        MpanRange range = new MpanRange(r.varLong(), r.varLong());
        int periods = r.varInt();
        int systems = r.varInt();
        long readRows = r.varLong();
        int n = r.count();
        List<UncorrectedRow> rows = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            String supplier = r.string();
            String bmUnit = r.string();
            int ccc = r.varInt();
            long[] uc = new long[periods];
            for (int p = 0; p < periods; p++) {
                uc[p] = r.varLong();
            }
            rows.add(new UncorrectedRow(supplier, bmUnit, ccc, uc));
        }
        n = r.count();
        List<DataQualityTotal> dq = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            dq.add(new DataQualityTotal(DataQualityMeasure.valueOf(r.string()), r.varInt(), r.varLong(), r.varLong()));
        }
        n = r.count();
        List<CalculationIssue> issues = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            IssueCode code = IssueCode.valueOf(r.string());
            Long mpan = r.bool() ? r.varLong() : null;
            issues.add(new CalculationIssue(code, mpan, r.varInt(), r.string()));
        }
        n = r.count();
        List<QuarantinedRead> quarantine = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            quarantine.add(new QuarantinedRead(
                    r.varLong(),
                    r.varLong(),
                    r.varInt(),
                    r.string(),
                    r.string(),
                    QuarantineReason.valueOf(r.string())));
        }
        ShapeSample sample = ShapeSample.read(r);
        String groupSampleDigest = r.string();
        r.end();
        return new GroupSlice(
                context,
                configDigest,
                range,
                periods,
                systems,
                readRows,
                rows,
                dq,
                issues,
                quarantine,
                sample,
                groupSampleDigest);
    }

    @Override
    public String toString() {
        return "GroupSlice[" + context + " " + range + ": " + meteringSystems + " systems, " + readRows + " rows, "
                + rows.size() + " volume rows, " + issues.size() + " issues, " + quarantine.size() + " quarantined]";
    }
}
