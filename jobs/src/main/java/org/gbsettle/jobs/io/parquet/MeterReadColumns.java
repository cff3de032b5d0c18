package org.gbsettle.jobs.io.parquet;

import java.util.Arrays;
import java.util.function.IntPredicate;
import org.gbsettle.engine.input.MeterReads;

/**
 * Growable columns of meter reads that {@link MeterDataParquetReader} appends the accepted rows of a file to, so that
 * the rows of several files (a GSP group's) are decoded straight into one set of arrays for the engine, without a copy
 * per file. Not thread-safe: one reader appends at a time.
 */
public final class MeterReadColumns {

    long[] mpan;
    byte[] mq;
    int[] period;
    long[] wh;
    byte[] quality;
    long[] receivedAt;
    long[] rowId;
    int size;

    /** Empty columns with room for {@code capacity} rows (more are made room for as needed). */
    public MeterReadColumns(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity " + capacity + " < 0");
        }
        mpan = new long[capacity];
        mq = new byte[capacity];
        period = new int[capacity];
        wh = new long[capacity];
        quality = new byte[capacity];
        receivedAt = new long[capacity];
        rowId = new long[capacity];
    }

    /** The number of rows. */
    public int size() {
        return size;
    }

    /** Makes room for {@code rows} rows in all. */
    void ensure(long rows) {
        if (rows <= mpan.length) {
            return;
        }
        if (rows > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException(rows + " meter rows are more than one set of columns can hold");
        }
        int n = (int) Math.min(Math.max(rows, (long) mpan.length * 3 / 2 + 16), Integer.MAX_VALUE - 16);
        mpan = Arrays.copyOf(mpan, n);
        mq = Arrays.copyOf(mq, n);
        period = Arrays.copyOf(period, n);
        wh = Arrays.copyOf(wh, n);
        quality = Arrays.copyOf(quality, n);
        receivedAt = Arrays.copyOf(receivedAt, n);
        rowId = Arrays.copyOf(rowId, n);
    }

    /** The MPAN of row {@code i}. */
    public long mpan(int i) {
        return mpan[i];
    }

    /** The settlement period of row {@code i}. */
    public int period(int i) {
        return period[i];
    }

    /** The row id of row {@code i}. */
    public long rowId(int i) {
        return rowId[i];
    }

    /**
     * Keeps, of the rows from {@code from} on, those {@code keep} accepts (asked once per row, in order), in their
     * order; the rows before {@code from} stay.
     */
    public void retain(int from, IntPredicate keep) {
        int w = from;
        for (int i = from; i < size; i++) {
            if (keep.test(i)) {
                if (w != i) {
                    mpan[w] = mpan[i];
                    mq[w] = mq[i];
                    period[w] = period[i];
                    wh[w] = wh[i];
                    quality[w] = quality[i];
                    receivedAt[w] = receivedAt[i];
                    rowId[w] = rowId[i];
                }
                w++;
            }
        }
        size = w;
    }

    /** The rows as the engine's meter reads (sharing these arrays: append no more afterwards). */
    public MeterReads reads() {
        return MeterReads.wrap(size, mpan, mq, period, wh, quality, receivedAt, rowId);
    }
}
