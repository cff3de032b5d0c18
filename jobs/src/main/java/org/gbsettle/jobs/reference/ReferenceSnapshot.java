package org.gbsettle.jobs.reference;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.ReferenceData;
import org.jspecify.annotations.Nullable;

/**
 * The reference data a settlement run of one date (and optionally one GSP group) reads from the database, with the
 * load versions it came from per table, for the run's input fingerprint.
 *
 * @param settlementDate the settlement date read for
 * @param gspGroup the GSP group read for (registrations and profile coefficients), or null for all
 * @param referenceData the engine's reference data; its {@link ReferenceData#version()} names the load versions
 * @param meteringSystems the registrations effective on the date
 * @param loadVersions the load versions read per table, ascending; empty for a table with nothing loaded
 */
public record ReferenceSnapshot(
        LocalDate settlementDate,
        @Nullable GspGroup gspGroup,
        ReferenceData referenceData,
        MeteringSystems meteringSystems,
        Map<String, List<Long>> loadVersions) {

    public ReferenceSnapshot {
        Objects.requireNonNull(settlementDate, "settlementDate");
        Objects.requireNonNull(referenceData, "referenceData");
        Objects.requireNonNull(meteringSystems, "meteringSystems");
        loadVersions = Collections.unmodifiableMap(new LinkedHashMap<>(loadVersions));
    }
}
