package org.gbsettle.jobs.web;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.gbsettle.jobs.run.RunStatus;
import org.jspecify.annotations.Nullable;

/**
 * One settlement run as {@code GET /runs/{id}} shows it: everything {@link RunView} lists (in the same JSON object),
 * then its attempts (job executions), failure message, engine version, the reference load version and meter-data
 * file id it pinned, its input manifest (JSON, as recorded at completion) and fingerprints (SHA-256 hex), and each
 * GSP group partition.
 */
public record RunDetailView(
        @JsonUnwrapped RunView run,
        int attempts,
        @Nullable String failureMessage,
        String engineVersion,
        long referenceLoadMax,
        long meterDataFileMax,
        @Nullable String inputFingerprint,
        @Nullable String outputFingerprint,
        @JsonRawValue @Nullable String inputManifest,
        List<PartitionView> partitions) {

    public RunDetailView {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(engineVersion, "engineVersion");
        partitions = List.copyOf(partitions);
    }

    /**
     * One GSP group partition of a run: its state and attempts, when it last started and completed and how long that
     * took (seconds), and once complete its metering systems, meter rows read (= accepted + quarantined), output rows
     * and output fingerprint; counts are null before it completes.
     */
    public record PartitionView(
            String gspGroup,
            RunStatus state,
            int attempts,
            @Nullable Instant startedAt,
            @Nullable Instant completedAt,
            @Nullable Double durationSeconds,
            @Nullable Integer meteringSystems,
            @Nullable Long rowsRead,
            @Nullable Long rowsAccepted,
            @Nullable Long rowsQuarantined,
            @Nullable Integer bmUnitVolumeRows,
            @Nullable Integer supplierVolumeRows,
            @Nullable Integer calculationIssueRows,
            @Nullable String outputFingerprint,
            @Nullable String failureMessage) {

        public PartitionView {
            Objects.requireNonNull(gspGroup, "gspGroup");
            Objects.requireNonNull(state, "state");
        }
    }
}
