package org.gbsettle.engine.metering;

/** MHHS market segment: smart, advanced or unmetered (codes A and U unverified). Legacy metering systems have none. */
public enum MarketSegment {
    /** Smart. */
    S,
    /** Advanced. */
    A,
    /** Unmetered. */
    U;

    /**
     * The segment with this code.
     *
     * @throws IllegalArgumentException for any other code
     */
    public static MarketSegment parse(String code) {
        try {
            return valueOf(code.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Market segment '" + code + "' is not S, A or U", e);
        }
    }
}
