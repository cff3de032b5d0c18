package org.gbsettle.engine.run;

import java.math.BigDecimal;
import java.util.Objects;
import org.gbsettle.engine.reference.BmUnitId;
import org.gbsettle.engine.reference.MarketParticipantId;

/**
 * BM Unit Allocated Demand Volume (BMUADV) of a supplier BM unit in one period: the sum of its corrected volumes over
 * CCCs, exact and as published (4 dp), MWh, SVA sign. Every supplier BM unit in force in the group has a row, zero if
 * it has no volume.
 */
public record BmUnitVolume(
        MarketParticipantId supplier, BmUnitId bmUnit, int period, BigDecimal exactMwh, BigDecimal bmuadvMwh) {

    public BmUnitVolume {
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(bmUnit, "bmUnit");
        Objects.requireNonNull(exactMwh, "exactMwh");
        Objects.requireNonNull(bmuadvMwh, "bmuadvMwh");
    }
}
