package org.gbsettle.engine.run;

import java.util.List;
import java.util.Objects;

/**
 * The result of one calculation (settlement date, run, GSP group): supplier volumes, BM unit allocated volumes, the
 * correction per period, data-quality counts, warnings and quarantined rows. Every list is in a fixed key order, so
 * the same inputs give the same result, byte for byte, whatever the row order, chunking or thread count.
 */
public record RunResult(
        RunContext context,
        CalculationConfig config,
        List<SupplierVolume> supplierVolumes,
        List<BmUnitVolume> bmUnitVolumes,
        List<GspGroupCorrection> corrections,
        List<DataQualityCount> dataQuality,
        List<CalculationIssue> issues,
        List<QuarantinedRead> quarantine) {

    public RunResult {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(config, "config");
        supplierVolumes = List.copyOf(supplierVolumes);
        bmUnitVolumes = List.copyOf(bmUnitVolumes);
        corrections = List.copyOf(corrections);
        dataQuality = List.copyOf(dataQuality);
        issues = List.copyOf(issues);
        quarantine = List.copyOf(quarantine);
    }

    /** The issues with a code. */
    public List<CalculationIssue> issues(IssueCode code) {
        return issues.stream().filter(i -> i.code() == code).toList();
    }

    /** The canonical CSV tables of this result (see {@link ResultTables}). */
    public ResultTables tables() {
        return ResultTables.of(this);
    }
}
