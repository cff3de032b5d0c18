package org.gbsettle.jobs.run;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One settlement run as {@code status --run ID} shows it: what it was created as (with who started it, why, and the
 * inputs it pinned), how many attempts it took, its fingerprints or failure, and each GSP group partition's state and
 * counts.
 */
public record RunDetail(
        RunDefinition run,
        String startedBy,
        String reason,
        Instant createdAt,
        @Nullable Instant completedAt,
        @Nullable String failureMessage,
        @Nullable String inputFingerprint,
        @Nullable String outputFingerprint,
        List<Partition> partitions) {

    public RunDetail {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdAt, "createdAt");
        partitions = List.copyOf(partitions);
    }

    /**
     * A GSP group partition of a run: its state, attempts (calculations started), and once complete its counts of
     * metering systems and meter rows (read = accepted + quarantined); null counts before it completes.
     */
    public record Partition(
            String gspGroup,
            RunStatus status,
            int attempts,
            @Nullable Integer meteringSystems,
            @Nullable Long rowsRead,
            @Nullable Long rowsAccepted,
            @Nullable Long rowsQuarantined,
            @Nullable Instant completedAt,
            @Nullable String failureMessage) {

        public Partition {
            Objects.requireNonNull(gspGroup, "gspGroup");
            Objects.requireNonNull(status, "status");
        }
    }
}
