package org.gbsettle.jobs.run;

import java.util.List;
import org.gbsettle.engine.calc.LongIntMap;
import org.gbsettle.engine.input.MeterReads;

/**
 * Meter reads of several files split by GSP group in two passes over the rows and no object per row: the first finds
 * each row's group (through a primitive MPAN -> group index map) and counts the rows per group, the second copies
 * each row into its group's columns, in file and row order. Rows whose MPAN is in no group are left out and reported
 * by their file and row index.
 */
public final class GroupSplit {

    private GroupSplit() {}

    /** Receives a row registered in no group: its file (index in the list given) and row within that file. */
    @FunctionalInterface
    public interface Unassigned {
        void row(int file, int row);
    }

    /**
     * The rows of {@code files} per group.
     *
     * @param groupOfMpan MPAN core -> group index 0..groups-1 (missing: -1)
     * @return one {@link MeterReads} per group index, each in file and row order
     */
    public static MeterReads[] split(
            List<MeterReads> files, LongIntMap groupOfMpan, int groups, Unassigned unassigned) {
        int[][] groupOfRow = new int[files.size()][];
        int[] counts = new int[groups];
        for (int f = 0; f < files.size(); f++) {
            MeterReads r = files.get(f);
            long[] mpan = r.mpanColumn();
            int[] g = new int[r.size()];
            long last = Long.MIN_VALUE;
            int lastGroup = -1;
            for (int i = 0; i < g.length; i++) {
                long m = mpan[i];
                if (m != last) { // rows come in runs of one MPAN: one lookup per run
                    last = m;
                    lastGroup = groupOfMpan.get(m);
                }
                g[i] = lastGroup;
                if (lastGroup >= 0) {
                    counts[lastGroup]++;
                } else {
                    unassigned.row(f, i);
                }
            }
            groupOfRow[f] = g;
        }
        long[][] mpan = new long[groups][];
        byte[][] mq = new byte[groups][];
        int[][] period = new int[groups][];
        long[][] wh = new long[groups][];
        byte[][] quality = new byte[groups][];
        long[][] receivedAt = new long[groups][];
        long[][] rowId = new long[groups][];
        for (int g = 0; g < groups; g++) {
            int n = counts[g];
            mpan[g] = new long[n];
            mq[g] = new byte[n];
            period[g] = new int[n];
            wh[g] = new long[n];
            quality[g] = new byte[n];
            receivedAt[g] = new long[n];
            rowId[g] = new long[n];
        }
        int[] next = new int[groups];
        for (int f = 0; f < files.size(); f++) {
            MeterReads r = files.get(f);
            long[] m = r.mpanColumn();
            byte[] q = r.measurementQuantityColumn();
            int[] p = r.periodColumn();
            long[] w = r.whColumn();
            byte[] ql = r.qualityColumn();
            long[] at = r.receivedAtColumn();
            int[] gs = groupOfRow[f];
            for (int i = 0; i < gs.length; i++) {
                int g = gs[i];
                if (g >= 0) {
                    int k = next[g]++;
                    mpan[g][k] = m[i];
                    mq[g][k] = q[i];
                    period[g][k] = p[i];
                    wh[g][k] = w[i];
                    quality[g][k] = ql[i];
                    receivedAt[g][k] = at[i];
                    rowId[g][k] = r.rowId(i);
                }
            }
            groupOfRow[f] = new int[0]; // done with this file's groups
        }
        MeterReads[] out = new MeterReads[groups];
        for (int g = 0; g < groups; g++) {
            out[g] = MeterReads.wrap(counts[g], mpan[g], mq[g], period[g], wh[g], quality[g], receivedAt[g], rowId[g]);
        }
        return out;
    }
}
