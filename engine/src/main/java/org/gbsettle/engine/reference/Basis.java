package org.gbsettle.engine.reference;

/**
 * What a consumption component class's volume rests on: actual or estimated half-hourly values, or a non-half-hourly
 * EAC or annualised advance shaped by profile coefficients.
 */
public enum Basis {
    /** Actual half-hourly values. */
    A,
    /** Estimated half-hourly values (submitted estimates and central defaults). */
    E,
    /** NHH: estimated annual consumption times profile coefficients. */
    EAC,
    /** NHH: annualised advance times profile coefficients. */
    AA;

    /**
     * The basis with this code.
     *
     * @throws IllegalArgumentException for any other code
     */
    public static Basis parse(String code) {
        try {
            return valueOf(code.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Basis '" + code + "' is not A, E, EAC or AA", e);
        }
    }
}
