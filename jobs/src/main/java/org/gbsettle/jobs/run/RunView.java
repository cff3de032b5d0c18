package org.gbsettle.jobs.run;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gbsettle.engine.run.RunType;
import org.jspecify.annotations.Nullable;

/**
 * One settlement run as operators see it ({@code status}, the REST API's {@code GET /runs}): its identity, derived
 * {@link RunState}, who started it, why and whether forced, when it started and ended (UTC) and how long it took,
 * partitions complete over planned, meter rows read = accepted + quarantined by its complete partitions, output rows
 * written (BM unit and supplier volumes), the data-quality counts of the day (period 0, by measure, over its complete
 * groups), its fingerprints, and in detail its input manifest (JSON text) and partitions. A plain record, served as
 * JSON as it is.
 *
 * @param status the stored status the state is derived from
 * @param endedAt when it completed, or when its last job execution ended (failed); null while running
 * @param duration from start to end, or to now while running
 * @param outputRows BM unit volume plus supplier volume rows written by its complete partitions
 * @param dataQuality day totals (period 0) by data-quality measure, counts summed over its complete GSP groups
 * @param groupsAuthoritative GSP groups of its date it is the authoritative run for now
 * @param wasAuthoritative whether it was authoritative for some group when it completed (its outputs are kept)
 * @param inputManifest the input manifest (JSON text) once complete; null in lists
 * @param partitions its GSP group partitions in detail; empty in lists
 */
public record RunView(
        long runId,
        LocalDate settlementDate,
        RunType runType,
        int runNumber,
        RunState state,
        RunStatus status,
        Instant dataCutoff,
        String startedBy,
        String reason,
        boolean forced,
        Instant startedAt,
        @Nullable Instant endedAt,
        Duration duration,
        int attempts,
        int partitionsDone,
        int partitionsTotal,
        long rowsRead,
        long rowsAccepted,
        long rowsQuarantined,
        long outputRows,
        Map<String, Long> dataQuality,
        int groupsAuthoritative,
        boolean wasAuthoritative,
        @Nullable String failureMessage,
        @Nullable String inputFingerprint,
        @Nullable String outputFingerprint,
        @Nullable String inputManifest,
        List<RunDetail.Partition> partitions) {

    public RunView {
        Objects.requireNonNull(settlementDate, "settlementDate");
        Objects.requireNonNull(runType, "runType");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(dataCutoff, "dataCutoff");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        dataQuality = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(dataQuality));
        partitions = List.copyOf(partitions);
    }
}
