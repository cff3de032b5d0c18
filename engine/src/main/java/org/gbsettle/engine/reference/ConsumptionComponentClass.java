package org.gbsettle.engine.reference;

import java.util.Objects;
import java.util.Set;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.metering.MeasurementQuantity;

/**
 * A consumption component class (CCC): a category of volume and the key of aggregation and of GSP group correction
 * scaling weights. Its attributes map metering systems to it: measurement quantity, HH or NHH, metered or unmetered,
 * component, basis, and the measurement classes it covers (empty: all), e.g. CCC 1 is AI, HH, metered, consumption,
 * actual, class C (100 kW premises). The table comes from reference data ({@code ccc.csv}), never from code.
 */
public record ConsumptionComponentClass(
        int id,
        MeasurementQuantity measurementQuantity,
        boolean halfHourly,
        boolean metered,
        Component component,
        Basis basis,
        Set<MeasurementClass> measurementClasses,
        String description,
        EffectiveRange effective) {

    public ConsumptionComponentClass {
        if (id < 1 || id > 9999) {
            throw new IllegalArgumentException("CCC id " + id + " is outside 1..9999");
        }
        Objects.requireNonNull(measurementQuantity, "measurementQuantity");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(basis, "basis");
        measurementClasses = Set.copyOf(measurementClasses);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(effective, "effective");
        if (halfHourly != (basis == Basis.A || basis == Basis.E)) {
            throw new IllegalArgumentException(
                    "CCC " + id + ": basis " + basis + " does not fit " + (halfHourly ? "HH" : "NHH"));
        }
    }

    /** Whether this class applies to a metering system of the given attributes. */
    public boolean matches(
            MeasurementQuantity mq,
            boolean hh,
            boolean isMetered,
            Component comp,
            Basis b,
            MeasurementClass measurementClass) {
        return measurementQuantity == mq
                && halfHourly == hh
                && metered == isMetered
                && component == comp
                && basis == b
                && (measurementClasses.isEmpty() || measurementClasses.contains(measurementClass));
    }
}
