package org.gbsettle.engine.metering;

/** Connection type of a metering system: whole current or CT-connected ({@code C} unverified); an LSS category key. */
public enum ConnectionType {
    /** Whole current. */
    W,
    /** Current-transformer connected. */
    C;

    /**
     * The connection type with this code.
     *
     * @throws IllegalArgumentException for any other code
     */
    public static ConnectionType parse(String code) {
        try {
            return valueOf(code.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Connection type '" + code + "' is not W or C", e);
        }
    }
}
