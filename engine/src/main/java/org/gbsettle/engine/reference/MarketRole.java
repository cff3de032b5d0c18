package org.gbsettle.engine.reference;

/** A BSC market role code. */
public enum MarketRole {
    /** HH data aggregator. */
    A,
    /** NHH data aggregator. */
    B,
    /** HH data collector. */
    C,
    /** NHH data collector. */
    D,
    /** Meter operator. */
    M,
    /** Supplier meter registration agent. */
    P,
    /** Licensed distribution system operator (LDSO). */
    R,
    /** Supplier. */
    X,
    /** Non-core. */
    Z;

    /**
     * The role with this code.
     *
     * @throws IllegalArgumentException for any other code
     */
    public static MarketRole parse(String code) {
        try {
            return valueOf(code.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Market role '" + code + "' is not one of A B C D M P R X Z", e);
        }
    }
}
