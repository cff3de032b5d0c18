package org.gbsettle.jobs.export;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The identity of an exported settlement run: id, settlement date, run type and number, data cut-off, completion,
 * engine version, the input and output fingerprints (SHA-256, hex) and each GSP group partition's output fingerprint.
 */
public record ExportedRun(
        long runId,
        LocalDate settlementDate,
        String runType,
        int runNumber,
        Instant dataCutoff,
        Instant completedAt,
        String engineVersion,
        @Nullable String inputFingerprint,
        String outputFingerprint,
        Map<String, String> partitionFingerprints) {

    public ExportedRun {
        Objects.requireNonNull(settlementDate, "settlementDate");
        Objects.requireNonNull(runType, "runType");
        Objects.requireNonNull(dataCutoff, "dataCutoff");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(engineVersion, "engineVersion");
        Objects.requireNonNull(outputFingerprint, "outputFingerprint");
        partitionFingerprints = Collections.unmodifiableMap(new TreeMap<>(partitionFingerprints));
    }

    /** {@code 2026-01-15 SF 1}: the run as operators name it. */
    public String label() {
        return settlementDate + " " + runType + " " + runNumber;
    }
}
