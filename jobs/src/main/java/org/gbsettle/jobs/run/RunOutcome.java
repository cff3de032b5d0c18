package org.gbsettle.jobs.run;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A completed settlement run: its id and number, the data cut-off used, the input and output fingerprints (SHA-256
 * hex), the partitions in GSP group order and the rows quarantined that belong to no GSP group.
 */
public record RunOutcome(
        long runId,
        int runNumber,
        Instant dataCutoff,
        String inputFingerprint,
        String outputFingerprint,
        List<PartitionOutcome> partitions,
        int unassignedQuarantined) {

    public RunOutcome {
        Objects.requireNonNull(dataCutoff, "dataCutoff");
        Objects.requireNonNull(inputFingerprint, "inputFingerprint");
        Objects.requireNonNull(outputFingerprint, "outputFingerprint");
        partitions = List.copyOf(partitions);
    }
}
