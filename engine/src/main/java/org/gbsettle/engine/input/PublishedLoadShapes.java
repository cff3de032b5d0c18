package org.gbsettle.engine.input;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Load shapes published by the Load Shaping Service for one GSP group and date (IF-022 period values, kWh per period
 * per average MPAN, and the IF-023 rolling annual total), used when {@code loadShape.source = PUBLISHED}.
 */
public final class PublishedLoadShapes {

    private final Map<LoadShapeCategory, BigDecimal[]> periodValues;
    private final Map<LoadShapeCategory, BigDecimal> annualTotals;

    private PublishedLoadShapes(
            Map<LoadShapeCategory, BigDecimal[]> periodValues, Map<LoadShapeCategory, BigDecimal> annualTotals) {
        this.periodValues = periodValues;
        this.annualTotals = annualTotals;
    }

    /** None published. */
    public static PublishedLoadShapes none() {
        return new PublishedLoadShapes(Map.of(), Map.of());
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The published value of a category and period, or null. */
    public @Nullable BigDecimal value(LoadShapeCategory category, int period) {
        BigDecimal[] values = periodValues.get(category);
        return values == null ? null : values[period - 1];
    }

    /** The rolling annual total of a category, or null. */
    public @Nullable BigDecimal annualTotal(LoadShapeCategory category) {
        return annualTotals.get(category);
    }

    /** Builds {@link PublishedLoadShapes}. */
    public static final class Builder {
        private final Map<LoadShapeCategory, BigDecimal[]> periodValues = new HashMap<>();
        private final Map<LoadShapeCategory, BigDecimal> annualTotals = new HashMap<>();

        private Builder() {}

        public Builder periodValue(LoadShapeCategory category, int period, BigDecimal value) {
            Objects.requireNonNull(value, "value");
            periodValues.computeIfAbsent(category, c -> new BigDecimal[50])[period - 1] = value;
            return this;
        }

        public Builder annualTotal(LoadShapeCategory category, BigDecimal total) {
            annualTotals.put(category, Objects.requireNonNull(total, "total"));
            return this;
        }

        public PublishedLoadShapes build() {
            Map<LoadShapeCategory, BigDecimal[]> copy = new HashMap<>();
            periodValues.forEach((k, v) -> copy.put(k, v.clone()));
            return new PublishedLoadShapes(Map.copyOf(copy), Map.copyOf(annualTotals));
        }
    }
}
