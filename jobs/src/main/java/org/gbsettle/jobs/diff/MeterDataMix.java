package org.gbsettle.jobs.diff;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntBinaryOperator;
import org.gbsettle.engine.input.MeterReads;
import org.jspecify.annotations.Nullable;

/**
 * The meter rows of one GSP group in two runs, matched per value key (MPAN, measurement quantity, settlement period),
 * each key classified by how its rows changed, so that meter data can be swapped from the earlier run's to the later
 * run's one kind of change at a time.
 *
 * <p>A run's rows are those it read, less those received after its cut-off (which the engine would leave out). For a
 * key, the two runs' row sets are compared by content (kWh, quality, receipt time):
 *
 * <ul>
 *   <li>equal: unchanged (the later run's rows are used in every state; the choice is the same either way);
 *   <li>rows only in the later run: {@link Cause#METER_LATE} (the earlier run had no value and defaulted it);
 *   <li>the earlier run had only estimates and the later run has an actual: {@link Cause#METER_ACTUAL};
 *   <li>anything else (an estimate or actual re-submitted, rows only in the earlier run): {@link Cause#METER_OTHER}.
 * </ul>
 *
 * <p>A state takes, per key, all rows of one run: the later run's for unchanged keys and the classes swapped, the
 * earlier run's otherwise, so the engine's selection among a key's rows (actual beats estimate, latest wins, row id
 * breaks ties) is the one that run made. The classification is by rows, not by the engine's choice; it only decides
 * which step a key's change falls in, never whether the parts add up.
 */
final class MeterDataMix {

    private final MeterReads before;
    private final MeterReads after;
    private final int[] beforeRows;
    private final int[] afterRows;
    /** The classes of the keys in key order, as {@link #code}s; key k's rows are at [from[k], from[k + 1]). */
    private final byte[] causeOf;

    private final int[] beforeFrom;
    private final int[] afterFrom;
    private int segments;
    private final Map<Cause, Integer> keys = new EnumMap<>(Cause.class);

    /** The classes of meter-data change, by code (0: unchanged). */
    private static final List<Cause> CODES = List.of(Cause.METER_ACTUAL, Cause.METER_LATE, Cause.METER_OTHER);

    private MeterDataMix(MeterReads before, long beforeCutoff, MeterReads after, long afterCutoff) {
        this.before = before;
        this.after = after;
        this.beforeRows = sortedRows(before, beforeCutoff);
        this.afterRows = sortedRows(after, afterCutoff);
        int capacity = beforeRows.length + afterRows.length + 1;
        this.causeOf = new byte[capacity];
        this.beforeFrom = new int[capacity];
        this.afterFrom = new int[capacity];
        for (Cause c : CODES) {
            keys.put(c, 0);
        }
        int b = 0;
        int a = 0;
        while (b < beforeRows.length || a < afterRows.length) {
            int c;
            if (b == beforeRows.length) {
                c = 1;
            } else if (a == afterRows.length) {
                c = -1;
            } else {
                c = compareKey(before, beforeRows[b], after, afterRows[a]);
            }
            int bEnd = b;
            int aEnd = a;
            if (c <= 0) {
                bEnd = keyEnd(before, beforeRows, b);
            }
            if (c >= 0) {
                aEnd = keyEnd(after, afterRows, a);
            }
            Cause cause = classify(b, bEnd, a, aEnd);
            if (cause != null) {
                keys.merge(cause, 1, Integer::sum);
            }
            causeOf[segments] = code(cause);
            beforeFrom[segments] = b;
            afterFrom[segments] = a;
            segments++;
            b = bEnd;
            a = aEnd;
        }
        beforeFrom[segments] = b;
        afterFrom[segments] = a;
    }

    private static byte code(@Nullable Cause cause) {
        return (byte) (cause == null ? 0 : CODES.indexOf(cause) + 1);
    }

    /**
     * Matches two runs' rows of one group.
     *
     * @param beforeCutoff the earlier run's data cut-off, microseconds since the epoch
     * @param afterCutoff the later run's
     */
    static MeterDataMix of(MeterReads before, long beforeCutoff, MeterReads after, long afterCutoff) {
        return new MeterDataMix(before, beforeCutoff, after, afterCutoff);
    }

    /** The number of value keys of each meter-data class (unchanged keys not counted). */
    Map<Cause, Integer> changedKeys() {
        return Map.copyOf(keys);
    }

    /** The rows of the state where the keys of the {@code swapped} classes (and unchanged keys) are the later run's. */
    MeterReads state(Set<Cause> swapped) {
        MeterReads.Builder out = MeterReads.builder();
        boolean[] later = new boolean[CODES.size() + 1];
        later[0] = true;
        for (int c = 0; c < CODES.size(); c++) {
            later[c + 1] = swapped.contains(CODES.get(c));
        }
        for (int k = 0; k < segments; k++) {
            if (later[causeOf[k]]) {
                copy(after, afterRows, afterFrom[k], afterFrom[k + 1], out);
            } else {
                copy(before, beforeRows, beforeFrom[k], beforeFrom[k + 1], out);
            }
        }
        return out.build();
    }

    private @Nullable Cause classify(int b, int bEnd, int a, int aEnd) {
        if (b == bEnd) {
            return Cause.METER_LATE;
        }
        if (a == aEnd) {
            return Cause.METER_OTHER;
        }
        if (bEnd - b == aEnd - a) {
            boolean same = true;
            for (int k = 0; k < bEnd - b && same; k++) {
                same = compareContent(before, beforeRows[b + k], after, afterRows[a + k]) == 0;
            }
            if (same) {
                return null;
            }
        }
        boolean actualBefore = false;
        for (int k = b; k < bEnd; k++) {
            actualBefore |= before.quality(beforeRows[k]) == 'A';
        }
        boolean actualAfter = false;
        for (int k = a; k < aEnd; k++) {
            actualAfter |= after.quality(afterRows[k]) == 'A';
        }
        return !actualBefore && actualAfter ? Cause.METER_ACTUAL : Cause.METER_OTHER;
    }

    private static void copy(MeterReads from, int[] rows, int start, int end, MeterReads.Builder out) {
        for (int k = start; k < end; k++) {
            int r = rows[k];
            out.add(
                    from.mpan(r),
                    from.measurementQuantity(r),
                    from.period(r),
                    from.wh(r),
                    from.quality(r),
                    from.receivedAt(r),
                    from.rowId(r));
        }
    }

    /** The first position after {@code start} whose row has another key. */
    private static int keyEnd(MeterReads reads, int[] rows, int start) {
        int k = start + 1;
        while (k < rows.length && compareKey(reads, rows[start], reads, rows[k]) == 0) {
            k++;
        }
        return k;
    }

    /** The rows received by the cut-off, by key, then content, then row id. */
    private static int[] sortedRows(MeterReads reads, long cutoffMicros) {
        int[] rows = new int[reads.size()];
        int n = 0;
        for (int r = 0; r < reads.size(); r++) {
            if (reads.receivedAt(r) <= cutoffMicros) {
                rows[n++] = r;
            }
        }
        rows = Arrays.copyOf(rows, n);
        IntBinaryOperator order = (x, y) -> {
            int c = compareKey(reads, x, reads, y);
            if (c == 0) {
                c = compareContent(reads, x, reads, y);
            }
            return c != 0 ? c : Long.compare(reads.rowId(x), reads.rowId(y));
        };
        if (!sorted(rows, order)) {
            mergeSort(rows, new int[n], 0, n, order);
        }
        return rows;
    }

    private static boolean sorted(int[] rows, IntBinaryOperator order) {
        for (int k = 1; k < rows.length; k++) {
            if (order.applyAsInt(rows[k - 1], rows[k]) > 0) {
                return false;
            }
        }
        return true;
    }

    /** Sorts {@code a[from, to)} by {@code order}, with {@code tmp} as scratch: primitive, no object per row. */
    private static void mergeSort(int[] a, int[] tmp, int from, int to, IntBinaryOperator order) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, order);
        mergeSort(a, tmp, mid, to, order);
        if (order.applyAsInt(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && order.applyAsInt(tmp[i], tmp[j]) <= 0)) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    private static int compareKey(MeterReads a, int x, MeterReads b, int y) {
        int c = Long.compare(a.mpan(x), b.mpan(y));
        if (c == 0) {
            c = Byte.compare(a.measurementQuantity(x), b.measurementQuantity(y));
        }
        return c != 0 ? c : Integer.compare(a.period(x), b.period(y));
    }

    private static int compareContent(MeterReads a, int x, MeterReads b, int y) {
        int c = Long.compare(a.wh(x), b.wh(y));
        if (c == 0) {
            c = Byte.compare(a.quality(x), b.quality(y));
        }
        return c != 0 ? c : Long.compare(a.receivedAt(x), b.receivedAt(y));
    }
}
