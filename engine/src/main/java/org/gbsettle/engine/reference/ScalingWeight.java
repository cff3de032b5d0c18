package org.gbsettle.engine.reference;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A GSP group correction scaling weight (MDD "GSP Group Correction Scaling Factor") of a CCC: the share of correction
 * the class takes, 0 none, 1 full; effective-dated.
 */
public record ScalingWeight(int cccId, BigDecimal weight, EffectiveRange effective) {

    public ScalingWeight {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(effective, "effective");
        if (weight.signum() < 0) {
            throw new IllegalArgumentException("Scaling weight of CCC " + cccId + " is negative: " + weight);
        }
    }
}
