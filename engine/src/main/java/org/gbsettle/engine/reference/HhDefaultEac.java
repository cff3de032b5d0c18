package org.gbsettle.engine.reference;

import java.math.BigDecimal;
import java.util.Objects;
import org.gbsettle.engine.metering.MeasurementClass;

/** The MDD "HH Default EAC" of a measurement class, kWh per year: the annual consumption assumed for market defaults. */
public record HhDefaultEac(MeasurementClass measurementClass, BigDecimal eacKwh, EffectiveRange effective) {

    public HhDefaultEac {
        Objects.requireNonNull(measurementClass, "measurementClass");
        Objects.requireNonNull(eacKwh, "eacKwh");
        Objects.requireNonNull(effective, "effective");
    }
}
