package org.gbsettle.engine.input;

import java.util.Arrays;
import java.util.Objects;

/**
 * Half-hourly values for one settlement date in columnar form: one row per submission, primitive arrays, no object
 * per value. Rows hold what the data service sent; validation and selection are the calculation's.
 *
 * <p>Columns, all of length {@link #size()}:
 *
 * <ul>
 *   <li>{@code mpan}: MPAN core as a number (may be invalid: {@code BAD_MPAN});
 *   <li>{@code measurementQuantity}: {@link #AI}, {@link #AE}, or anything else for an unknown code;
 *   <li>{@code period}: settlement period number as submitted (may be out of range: {@code BAD_PERIOD});
 *   <li>{@code wh}: magnitude in Wh, i.e. kWh with 3 dp times 1000 (negative: {@code NEGATIVE});
 *   <li>{@code quality}: ASCII {@code 'A'} or {@code 'E'} (anything else: {@code BAD_VALUE});
 *   <li>{@code receivedAt}: receipt time in microseconds since the epoch (UTC);
 *   <li>{@code rowId}: the caller's identity of the row (e.g. file and row number), reported back with issues and
 *       quarantined rows, and the last tie-break between submissions received at the same instant.
 * </ul>
 */
public final class MeterReads {

    /** Column code of active import. */
    public static final byte AI = 0;
    /** Column code of active export. */
    public static final byte AE = 1;

    private final int size;
    private final long[] mpan;
    private final byte[] measurementQuantity;
    private final int[] period;
    private final long[] wh;
    private final byte[] quality;
    private final long[] receivedAt;
    private final long[] rowId;

    private MeterReads(
            int size,
            long[] mpan,
            byte[] measurementQuantity,
            int[] period,
            long[] wh,
            byte[] quality,
            long[] receivedAt,
            long[] rowId) {
        this.size = size;
        this.mpan = mpan;
        this.measurementQuantity = measurementQuantity;
        this.period = period;
        this.wh = wh;
        this.quality = quality;
        this.receivedAt = receivedAt;
        this.rowId = rowId;
    }

    /**
     * Wraps existing columns without copying; the caller must not change them afterwards.
     *
     * @throws IllegalArgumentException if a column is shorter than {@code size}
     */
    public static MeterReads wrap(
            int size,
            long[] mpan,
            byte[] measurementQuantity,
            int[] period,
            long[] wh,
            byte[] quality,
            long[] receivedAt,
            long[] rowId) {
        int[] lengths = {
            mpan.length,
            measurementQuantity.length,
            period.length,
            wh.length,
            quality.length,
            receivedAt.length,
            rowId.length
        };
        for (int length : lengths) {
            if (length < size) {
                throw new IllegalArgumentException("A meter-read column has " + length + " rows, fewer than " + size);
            }
        }
        return new MeterReads(size, mpan, measurementQuantity, period, wh, quality, receivedAt, rowId);
    }

    /** No rows. */
    public static MeterReads empty() {
        return builder().build();
    }

    /** A builder that grows its columns as rows are added. */
    public static Builder builder() {
        return new Builder(1024);
    }

    /** Number of rows. */
    public int size() {
        return size;
    }

    public long mpan(int row) {
        return mpan[row];
    }

    public byte measurementQuantity(int row) {
        return measurementQuantity[row];
    }

    public int period(int row) {
        return period[row];
    }

    public long wh(int row) {
        return wh[row];
    }

    public byte quality(int row) {
        return quality[row];
    }

    public long receivedAt(int row) {
        return receivedAt[row];
    }

    public long rowId(int row) {
        return rowId[row];
    }

    /** The MPAN column (length may exceed {@link #size()}); read-only by contract. */
    public long[] mpanColumn() {
        return mpan;
    }

    /** The period column; read-only by contract. */
    public int[] periodColumn() {
        return period;
    }

    /** The Wh column; read-only by contract. */
    public long[] whColumn() {
        return wh;
    }

    /** The quality column; read-only by contract. */
    public byte[] qualityColumn() {
        return quality;
    }

    /** The measurement-quantity column; read-only by contract. */
    public byte[] measurementQuantityColumn() {
        return measurementQuantity;
    }

    /** The received-at column; read-only by contract. */
    public long[] receivedAtColumn() {
        return receivedAt;
    }

    /** Builds {@link MeterReads}. Not thread-safe. */
    public static final class Builder {
        private int size;
        private long[] mpan;
        private byte[] mq;
        private int[] period;
        private long[] wh;
        private byte[] quality;
        private long[] receivedAt;
        private long[] rowId;

        private Builder(int capacity) {
            mpan = new long[capacity];
            mq = new byte[capacity];
            period = new int[capacity];
            wh = new long[capacity];
            quality = new byte[capacity];
            receivedAt = new long[capacity];
            rowId = new long[capacity];
        }

        /** Adds a row; {@code rowId} defaults to the row's position. */
        public Builder add(
                long mpanCore,
                byte measurementQuantity,
                int settlementPeriod,
                long valueWh,
                byte qualityCode,
                long receivedAtMicros) {
            return add(mpanCore, measurementQuantity, settlementPeriod, valueWh, qualityCode, receivedAtMicros, size);
        }

        /** Adds a row. */
        public Builder add(
                long mpanCore,
                byte measurementQuantity,
                int settlementPeriod,
                long valueWh,
                byte qualityCode,
                long receivedAtMicros,
                long id) {
            if (size == mpan.length) {
                grow();
            }
            mpan[size] = mpanCore;
            mq[size] = measurementQuantity;
            period[size] = settlementPeriod;
            wh[size] = valueWh;
            quality[size] = qualityCode;
            receivedAt[size] = receivedAtMicros;
            rowId[size] = id;
            size++;
            return this;
        }

        private void grow() {
            int n = Math.max(16, mpan.length * 2);
            mpan = Arrays.copyOf(mpan, n);
            mq = Arrays.copyOf(mq, n);
            period = Arrays.copyOf(period, n);
            wh = Arrays.copyOf(wh, n);
            quality = Arrays.copyOf(quality, n);
            receivedAt = Arrays.copyOf(receivedAt, n);
            rowId = Arrays.copyOf(rowId, n);
        }

        /** Number of rows so far. */
        public int size() {
            return size;
        }

        /** The reads; the builder must not be used afterwards. */
        public MeterReads build() {
            return new MeterReads(size, mpan, mq, period, wh, quality, receivedAt, rowId);
        }
    }

    @Override
    public String toString() {
        return "MeterReads[" + size + " rows]";
    }

    /** Checks two columns objects for the same rows (for tests). */
    public boolean sameRows(MeterReads other) {
        Objects.requireNonNull(other);
        if (size != other.size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (mpan[i] != other.mpan[i]
                    || measurementQuantity[i] != other.measurementQuantity[i]
                    || period[i] != other.period[i]
                    || wh[i] != other.wh[i]
                    || quality[i] != other.quality[i]
                    || receivedAt[i] != other.receivedAt[i]
                    || rowId[i] != other.rowId[i]) {
                return false;
            }
        }
        return true;
    }
}
