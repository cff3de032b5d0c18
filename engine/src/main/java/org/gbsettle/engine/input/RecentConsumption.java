package org.gbsettle.engine.input;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A metering system's recent history for {@code LOAD_SHAPE_RECENT} defaulting: the sum of its actual kWh over its
 * last complete days and the sum of its category's load shape over the same periods.
 *
 * @param actualKwh sum of actual values over {@code completeDays} complete days
 * @param loadShapeSum sum of the load shape over the same periods
 * @param completeDays how many complete days the sums cover
 */
public record RecentConsumption(long mpan, BigDecimal actualKwh, BigDecimal loadShapeSum, int completeDays) {

    public RecentConsumption {
        Objects.requireNonNull(actualKwh, "actualKwh");
        Objects.requireNonNull(loadShapeSum, "loadShapeSum");
    }
}
