package org.gbsettle.engine.input;

import java.util.Objects;
import org.gbsettle.engine.metering.ConnectionType;
import org.gbsettle.engine.metering.MarketSegment;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.jspecify.annotations.Nullable;

/**
 * An MHHS Load Shaping Service category within one GSP group: connection type, market segment, domestic premise
 * indicator and measurement quantity. A load shape is the simple mean of actual period values per category.
 *
 * @param marketSegment null for legacy metering systems, which form their own categories
 */
public record LoadShapeCategory(
        ConnectionType connectionType,
        @Nullable MarketSegment marketSegment,
        boolean domestic,
        MeasurementQuantity measurementQuantity) {

    public LoadShapeCategory {
        Objects.requireNonNull(connectionType, "connectionType");
        Objects.requireNonNull(measurementQuantity, "measurementQuantity");
    }

    /** The category of a registration. */
    public static LoadShapeCategory of(Registration r) {
        return new LoadShapeCategory(r.connectionType(), r.marketSegment(), r.domestic(), r.direction());
    }

    @Override
    public String toString() {
        return connectionType + "/" + (marketSegment == null ? "-" : marketSegment.name()) + "/"
                + (domestic ? "D" : "N") + "/" + measurementQuantity;
    }
}
