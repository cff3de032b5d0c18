package org.gbsettle.jobs.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.run.RunState;
import org.jspecify.annotations.Nullable;

/**
 * A settlement run as {@code GET /runs} lists it: its identity (id, settlement date, run type, SVA run number), data
 * cut-off, state, who started it and why, when it was created and completed and how long that took (seconds, null
 * until complete), its GSP group partitions done (complete) over planned, the meter rows it read, the output rows it
 * wrote and its data-quality counts for the whole date (period 0) summed over its groups, by measure.
 *
 * @param meterRows totals of its complete partitions, and the rows registered in no GSP group it quarantined
 * @param outputRows rows written by its complete partitions, per output table
 * @param dataQuality the engine's data-quality measure (e.g. {@code ACTUAL}, {@code QUARANTINED_BAD_MPAN}) to its
 *     count (metering systems, or rows for quarantine, superseded and after-cut-off measures), measures in name order
 */
public record RunView(
        long runId,
        LocalDate settlementDate,
        RunType runType,
        int runNumber,
        Instant dataCutoff,
        RunState state,
        String startedBy,
        String reason,
        Instant createdAt,
        @Nullable Instant completedAt,
        @Nullable Double durationSeconds,
        int partitionsDone,
        int partitionsTotal,
        MeterRows meterRows,
        OutputRows outputRows,
        Map<String, Long> dataQuality) {

    public RunView {
        Objects.requireNonNull(settlementDate, "settlementDate");
        Objects.requireNonNull(runType, "runType");
        Objects.requireNonNull(dataCutoff, "dataCutoff");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(meterRows, "meterRows");
        Objects.requireNonNull(outputRows, "outputRows");
        dataQuality = Collections.unmodifiableMap(new TreeMap<>(dataQuality));
    }

    /**
     * Meter rows read (= accepted + quarantined) by GSP group partitions, and quarantined rows registered in no GSP
     * group ({@code quarantinedInNoGroup}, not in {@code read}).
     */
    public record MeterRows(long read, long accepted, long quarantined, long quarantinedInNoGroup) {}

    /** Output rows written: BM unit volumes, supplier volumes and calculation issues. */
    public record OutputRows(long bmUnitVolume, long supplierVolume, long calculationIssue) {}
}
