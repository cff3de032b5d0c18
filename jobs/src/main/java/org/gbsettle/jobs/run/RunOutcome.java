package org.gbsettle.jobs.run;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A completed settlement run: its id and number, the data cut-off used, the input and output fingerprints (SHA-256
 * hex), the partitions in GSP group order, the rows quarantined that belong to no GSP group, and the timing of the job
 * execution that completed it (its steps by name, in order; empty when not known).
 */
public record RunOutcome(
        long runId,
        int runNumber,
        Instant dataCutoff,
        String inputFingerprint,
        String outputFingerprint,
        List<PartitionOutcome> partitions,
        int unassignedQuarantined,
        List<StepTime> timing) {

    /** How long one step of the job execution took ({@code job} for the whole execution). */
    public record StepTime(String step, java.time.Duration duration) {
        public StepTime {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(duration, "duration");
        }
    }

    public RunOutcome {
        Objects.requireNonNull(dataCutoff, "dataCutoff");
        Objects.requireNonNull(inputFingerprint, "inputFingerprint");
        Objects.requireNonNull(outputFingerprint, "outputFingerprint");
        partitions = List.copyOf(partitions);
        timing = List.copyOf(timing);
    }
}
