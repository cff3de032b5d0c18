package org.gbsettle.engine.input;

import java.math.BigDecimal;
import java.util.Objects;
import org.gbsettle.engine.metering.ConnectionType;
import org.gbsettle.engine.metering.MarketSegment;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.metering.Mpan;
import org.gbsettle.engine.metering.SettlementRegime;
import org.gbsettle.engine.reference.BmUnitId;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.MarketParticipantId;
import org.jspecify.annotations.Nullable;

/**
 * One metering system's registration over one effective range: who supplies it, its BM unit, LLFC and GSP group, and
 * the attributes that select its rules. A change of supplier splits the ranges at a date boundary.
 *
 * @param mpan the MPAN core (13 digits, valid check digit)
 * @param bmUnit the registered BM unit, or null for the supplier's default unit
 * @param energised whether the metering system is energised ({@code E}) rather than de-energised ({@code D})
 * @param direction the measurement quantity it records: import ({@code AI}) or export ({@code AE})
 * @param annualConsumptionKwh the EAC or annual consumption, kWh/yr, 1 dp, may be negative; null if unknown
 * @param profileClass legacy profile class 1-8 for NHH metering systems; 0 for HH
 * @param ssc standard settlement configuration (NHH only), or null
 */
public record Registration(
        long mpan,
        MarketParticipantId supplier,
        @Nullable BmUnitId bmUnit,
        LineLossFactorClass llfc,
        GspGroup gspGroup,
        MeasurementClass measurementClass,
        @Nullable MarketSegment marketSegment,
        ConnectionType connectionType,
        boolean domestic,
        boolean energised,
        MeasurementQuantity direction,
        SettlementRegime regime,
        @Nullable BigDecimal annualConsumptionKwh,
        int profileClass,
        @Nullable String ssc,
        EffectiveRange effective) {

    public Registration {
        if (!Mpan.isValid(mpan)) {
            throw new IllegalArgumentException("Registration of MPAN " + Mpan.format(mpan)
                    + ": not a 13-digit MPAN core with a valid check digit (BAD_MPAN)");
        }
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(llfc, "llfc");
        Objects.requireNonNull(gspGroup, "gspGroup");
        Objects.requireNonNull(measurementClass, "measurementClass");
        Objects.requireNonNull(connectionType, "connectionType");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(regime, "regime");
        Objects.requireNonNull(effective, "effective");
        if (profileClass < 0 || profileClass > 8) {
            throw new IllegalArgumentException(
                    "Registration of MPAN " + Mpan.format(mpan) + ": profile class " + profileClass + " is not 0-8");
        }
        if (!measurementClass.halfHourly() && profileClass == 0) {
            throw new IllegalArgumentException("Registration of MPAN " + Mpan.format(mpan) + ": NHH measurement class "
                    + measurementClass + " needs a profile class 1-8");
        }
        if (annualConsumptionKwh != null
                && annualConsumptionKwh.scale() > 1
                && annualConsumptionKwh.stripTrailingZeros().scale() > 1) {
            throw new IllegalArgumentException("Registration of MPAN " + Mpan.format(mpan) + ": annual consumption "
                    + annualConsumptionKwh + " has more than 1 decimal place");
        }
    }

    /** Whether the metering system settles on half-hourly values (rather than an EAC shaped by a profile). */
    public boolean halfHourly() {
        return measurementClass.halfHourly();
    }

    /** A copy with another supplier and BM unit. */
    public Registration withSupplier(MarketParticipantId newSupplier, @Nullable BmUnitId unit) {
        return new Registration(
                mpan,
                newSupplier,
                unit,
                llfc,
                gspGroup,
                measurementClass,
                marketSegment,
                connectionType,
                domestic,
                energised,
                direction,
                regime,
                annualConsumptionKwh,
                profileClass,
                ssc,
                effective);
    }

    /** A copy with another effective range. */
    public Registration withEffective(EffectiveRange range) {
        return new Registration(
                mpan,
                supplier,
                bmUnit,
                llfc,
                gspGroup,
                measurementClass,
                marketSegment,
                connectionType,
                domestic,
                energised,
                direction,
                regime,
                annualConsumptionKwh,
                profileClass,
                ssc,
                range);
    }
}
