package org.gbsettle.engine.run;

/** Why a submitted value was rejected to quarantine (domain.md §8). */
public enum QuarantineReason {
    /** MPAN not 13 digits or bad check digit. */
    BAD_MPAN,
    /** MPAN not registered in the GSP group on the date (or registered NHH). */
    UNKNOWN_MPAN,
    /** Measurement quantity not matching the MPAN's energy direction, or unknown. */
    WRONG_MQ,
    /** Settlement period outside 1..N of the date. */
    BAD_PERIOD,
    /** Quality not A or E (kWh unparseable or with more than 3 dp is caught by the reader under the same code). */
    BAD_VALUE,
    /** A negative magnitude; the period is estimated instead. */
    NEGATIVE,
    /** Above the cap of the metering system's measurement class; the period is estimated instead. */
    OUT_OF_RANGE
}
