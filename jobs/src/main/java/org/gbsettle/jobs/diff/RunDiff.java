package org.gbsettle.jobs.diff;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gbsettle.jobs.run.RunDefinition;

/**
 * The explained diff of a settlement run against an earlier run of the same date: its rows (per GSP group, supplier,
 * BM unit, CCC and period) and their sums per GSP group and supplier, in MWh, and how many meter values changed per
 * kind of change.
 *
 * @param run the later run (A)
 * @param against the earlier run (B)
 * @param changedMeterValues the number of (MPAN, measurement quantity, period) values per meter-data cause, all groups
 */
public record RunDiff(
        RunDefinition run,
        RunDefinition against,
        List<RunDiffRow> rows,
        List<RunDiffSummary> summaries,
        Map<Cause, Integer> changedMeterValues) {

    public RunDiff {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(against, "against");
        rows = List.copyOf(rows);
        summaries = List.copyOf(summaries);
        changedMeterValues = Map.copyOf(changedMeterValues);
    }
}
