package org.gbsettle.jobs.diff;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One row of a run diff: the change in a supplier's corrected volume (MWh, 4 dp, SVA sign) in one GSP group, BM unit,
 * CCC and settlement period from the earlier run to the later, and its parts per cause. The parts are the exact parts
 * rounded to 4 dp (HALF_UP); {@code roundingMwh} is the total change less their sum, so that the parts and the
 * rounding add up to the total exactly. It holds the publication rounding of both runs' volumes (steps R3 and R4) and
 * the rounding of the parts.
 *
 * @param againstMwh the earlier run's published corrected volume (0 if it has no such row)
 * @param runMwh the later run's published corrected volume (0 if it has no such row)
 * @param totalChangeMwh {@code runMwh - againstMwh}
 * @param parts per cause, in {@link Cause#ALL} order
 * @param mainCause the cause with the largest part in magnitude (the first in order on a tie), null if all are 0
 */
public record RunDiffRow(
        String gspGroup,
        String supplierId,
        String bmUnitId,
        int cccId,
        int period,
        BigDecimal againstMwh,
        BigDecimal runMwh,
        BigDecimal totalChangeMwh,
        List<BigDecimal> parts,
        BigDecimal roundingMwh,
        @Nullable Cause mainCause) {

    public RunDiffRow {
        Objects.requireNonNull(gspGroup, "gspGroup");
        Objects.requireNonNull(supplierId, "supplierId");
        Objects.requireNonNull(bmUnitId, "bmUnitId");
        parts = List.copyOf(parts);
        if (parts.size() != Cause.ALL.size()) {
            throw new IllegalArgumentException(
                    "a run diff row has " + Cause.ALL.size() + " parts, not " + parts.size());
        }
        BigDecimal sum = roundingMwh;
        for (BigDecimal p : parts) {
            sum = sum.add(p);
        }
        if (sum.compareTo(totalChangeMwh) != 0) {
            throw new IllegalArgumentException("the parts of " + gspGroup + " " + bmUnitId + " CCC " + cccId + " SP"
                    + period + " add up to " + sum + ", not the total change " + totalChangeMwh);
        }
    }

    /** The part of a cause, MWh. */
    public BigDecimal part(Cause cause) {
        return parts.get(cause.ordinal());
    }

    /** The cause with the largest part in magnitude, the first in order on a tie; null if every part is 0. */
    public static @Nullable Cause mainCause(List<BigDecimal> parts) {
        Cause main = null;
        BigDecimal largest = BigDecimal.ZERO;
        for (Cause c : Cause.ALL) {
            BigDecimal p = parts.get(c.ordinal()).abs();
            if (p.compareTo(largest) > 0) {
                largest = p;
                main = c;
            }
        }
        return main;
    }
}
