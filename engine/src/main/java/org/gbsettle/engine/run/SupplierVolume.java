package org.gbsettle.engine.run;

import java.math.BigDecimal;
import java.util.Objects;
import org.gbsettle.engine.reference.BmUnitId;
import org.gbsettle.engine.reference.MarketParticipantId;

/**
 * A supplier's volume in one BM unit, CCC and settlement period: uncorrected (exact), the scaling weight and the
 * factor {@code 1 + lambda x W} applied, corrected exact, and corrected as published (4 dp, rounding steps R3 and R4).
 * MWh, SVA sign (+ import, - export).
 */
public record SupplierVolume(
        MarketParticipantId supplier,
        BmUnitId bmUnit,
        int cccId,
        int period,
        BigDecimal uncorrectedMwh,
        BigDecimal weight,
        BigDecimal factor,
        BigDecimal correctedExactMwh,
        BigDecimal correctedMwh) {

    public SupplierVolume {
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(bmUnit, "bmUnit");
        Objects.requireNonNull(uncorrectedMwh, "uncorrectedMwh");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(correctedExactMwh, "correctedExactMwh");
        Objects.requireNonNull(correctedMwh, "correctedMwh");
    }
}
