package org.gbsettle.engine.metering;

/**
 * Measurement class of a metering system (MDD): selects half-hourly or non-half-hourly settlement, metered or
 * unmetered, and the site-size split that some consumption component classes need. Letters F and G are unverified.
 */
public enum MeasurementClass {
    /** NHH metered. */
    A(false, true),
    /** NHH unmetered. */
    B(false, false),
    /** HH metered, 100 kW premises. */
    C(true, true),
    /** HH unmetered. */
    D(true, false),
    /** HH metered, below 100 kW, CT connected. */
    E(true, true),
    /** HH metered, below 100 kW, domestic. */
    F(true, true),
    /** HH metered, below 100 kW, whole current non-domestic. */
    G(true, true);

    private final boolean halfHourly;
    private final boolean metered;

    MeasurementClass(boolean halfHourly, boolean metered) {
        this.halfHourly = halfHourly;
        this.metered = metered;
    }

    /** Whether metering systems of this class settle on half-hourly values. */
    public boolean halfHourly() {
        return halfHourly;
    }

    /** Whether metering systems of this class are metered (not unmetered supplies). */
    public boolean metered() {
        return metered;
    }

    /**
     * The class with this letter.
     *
     * @throws IllegalArgumentException for any other letter
     */
    public static MeasurementClass parse(String code) {
        try {
            return valueOf(code.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Measurement class '" + code + "' is not one of A-G", e);
        }
    }
}
