package org.gbsettle.jobs.run;

import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One GSP group of a completed settlement run: metering systems registered, meter rows read for the group ({@code
 * values}: accepted + quarantined), rows quarantined, the range of the correction factor over the periods (null with no period) and the partition's output
 * fingerprint (SHA-256 hex of its result tables).
 */
public record PartitionOutcome(
        String gspGroup,
        int meteringSystems,
        long values,
        long quarantined,
        @Nullable BigDecimal cfMin,
        @Nullable BigDecimal cfMax,
        String fingerprint) {

    public PartitionOutcome {
        Objects.requireNonNull(gspGroup, "gspGroup");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
