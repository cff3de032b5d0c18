package org.gbsettle.jobs.diff;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A supplier's total change in corrected volume (MWh, 4 dp) in one GSP group over the settlement date, and its parts
 * per cause: the sums of its {@link RunDiffRow}s (over BM units, CCCs and periods), so the parts and the rounding add
 * up to the total exactly.
 *
 * @param parts per cause, in {@link Cause#ALL} order
 */
public record RunDiffSummary(
        String gspGroup,
        String supplierId,
        BigDecimal againstMwh,
        BigDecimal runMwh,
        BigDecimal totalChangeMwh,
        List<BigDecimal> parts,
        BigDecimal roundingMwh,
        @Nullable Cause mainCause) {

    public RunDiffSummary {
        Objects.requireNonNull(gspGroup, "gspGroup");
        Objects.requireNonNull(supplierId, "supplierId");
        parts = List.copyOf(parts);
    }

    /** The part of a cause, MWh. */
    public BigDecimal part(Cause cause) {
        return parts.get(cause.ordinal());
    }

    /** The summaries of rows, per GSP group and supplier, in that order. */
    static List<RunDiffSummary> of(List<RunDiffRow> rows) {
        record Group(String gspGroup, String supplierId) {}
        java.util.Map<Group, List<RunDiffRow>> by = new java.util.TreeMap<>(
                java.util.Comparator.comparing(Group::gspGroup).thenComparing(Group::supplierId));
        for (RunDiffRow r : rows) {
            by.computeIfAbsent(new Group(r.gspGroup(), r.supplierId()), g -> new java.util.ArrayList<>())
                    .add(r);
        }
        List<RunDiffSummary> out = new java.util.ArrayList<>();
        by.forEach((g, list) -> {
            BigDecimal against = BigDecimal.ZERO;
            BigDecimal run = BigDecimal.ZERO;
            BigDecimal total = BigDecimal.ZERO;
            BigDecimal rounding = BigDecimal.ZERO;
            BigDecimal[] parts = new BigDecimal[Cause.ALL.size()];
            java.util.Arrays.fill(parts, BigDecimal.ZERO);
            for (RunDiffRow r : list) {
                against = against.add(r.againstMwh());
                run = run.add(r.runMwh());
                total = total.add(r.totalChangeMwh());
                rounding = rounding.add(r.roundingMwh());
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = parts[i].add(r.parts().get(i));
                }
            }
            List<BigDecimal> p = List.of(parts);
            out.add(new RunDiffSummary(
                    g.gspGroup(), g.supplierId(), against, run, total, p, rounding, RunDiffRow.mainCause(p)));
        });
        return out;
    }
}
