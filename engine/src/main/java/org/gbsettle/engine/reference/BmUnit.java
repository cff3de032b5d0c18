package org.gbsettle.engine.reference;

import java.util.Objects;

/**
 * A BM unit as registered in MDD: the supplier it belongs to, its GSP group, type, the Default BM Unit Flag and when it
 * is in force. Each supplier has exactly one default unit per GSP group and date.
 */
public record BmUnit(
        BmUnitId id,
        MarketParticipantId supplier,
        GspGroup gspGroup,
        BmUnitType type,
        boolean defaultUnit,
        EffectiveRange effective) {

    public BmUnit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(gspGroup, "gspGroup");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(effective, "effective");
    }
}
