package org.gbsettle.engine.run;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A data-quality count for one period (or the whole date, period 0): how many metering systems (or rows, for
 * quarantine, superseded and after-cut-off measures) and how much energy at the meter, MWh magnitude.
 */
public record DataQualityCount(int period, DataQualityMeasure measure, long count, BigDecimal mwh) {

    public DataQualityCount {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(mwh, "mwh");
    }
}
