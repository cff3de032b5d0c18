package org.gbsettle.engine.run;

/**
 * A method of defaulting a missing half-hourly value (domain.md §5); {@code estimation.methods} orders them and the
 * first that applies gives the value, quality {@code E}, rounded by R1 to whole Wh. A data service's own estimate
 * ({@code SUBMITTED_ESTIMATE}) is not here: it is a submitted value, chosen in step 1.
 */
public enum EstimationMethod {
    /** {@code (sum of actual kWh over the last complete days / sum of the load shape over them) x LS_j}. */
    LOAD_SHAPE_RECENT,
    /** {@code AC x LS_j / annual load shape total}, AC the metering system's annual consumption. */
    LOAD_SHAPE_ANNUAL,
    /** {@code EAC x PPC_j} (legacy profile coefficients). */
    PROFILE_COEFFICIENT,
    /** The measurement class's HH default EAC x {@code LS_j / annual total}. */
    MARKET_DEFAULT
}
