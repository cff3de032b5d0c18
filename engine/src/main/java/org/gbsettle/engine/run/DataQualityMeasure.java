package org.gbsettle.engine.run;

/** What a data-quality count counts: how each metering system's value in a period came about. */
public enum DataQualityMeasure {
    /** A measured value was used. */
    ACTUAL,
    /** The data service's estimate was used. */
    SUBMITTED_ESTIMATE,
    /** Defaulted from the metering system's recent history and the load shape. */
    DEFAULTED_LOAD_SHAPE_RECENT,
    /** Defaulted from annual consumption and the load shape. */
    DEFAULTED_LOAD_SHAPE_ANNUAL,
    /** Defaulted from the EAC and profile coefficients. */
    DEFAULTED_PROFILE_COEFFICIENT,
    /** Defaulted from the market default EAC. */
    DEFAULTED_MARKET_DEFAULT,
    /** Missing and no method applied: zero used ({@code NO_ESTIMATE}). */
    NO_ESTIMATE,
    /** Missing and de-energised: zero. */
    DEENERGISED_ZERO,
    /** An NHH metering system shaped from its EAC with profile coefficients. */
    NHH_PROFILED,
    /** Energised HH metering systems with no usable value before defaulting (the sum of the defaulted measures). */
    MISSING,
    /** Used values far from annual consumption x load shape ({@code OUTLIER} warnings). */
    OUTLIER,
    /** Submissions not chosen because another value for the same MPAN and period won ({@code SUPERSEDED}). */
    SUPERSEDED,
    /** Submissions received after the run's data cut-off, not used. */
    AFTER_CUTOFF,
    /**
     * Metering systems whose BM unit was defaulted, counted in every period with the energy of their value there (the
     * day total counts metering-system periods).
     */
    BM_UNIT_DEFAULTED,
    QUARANTINED_BAD_MPAN,
    QUARANTINED_UNKNOWN_MPAN,
    QUARANTINED_WRONG_MQ,
    QUARANTINED_BAD_PERIOD,
    QUARANTINED_BAD_VALUE,
    QUARANTINED_NEGATIVE,
    QUARANTINED_OUT_OF_RANGE;

    /** The measure counting quarantined rows of a reason. */
    public static DataQualityMeasure quarantined(QuarantineReason reason) {
        return valueOf("QUARANTINED_" + reason.name());
    }
}
