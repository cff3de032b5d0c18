package org.gbsettle.engine.metering;

/** Quality of a period value: measured, or estimated (by the data service or defaulted centrally). */
public enum ReadQuality {
    /** Measured. */
    A,
    /** Estimated. */
    E;

    /** The code as a byte, as held in columnar data. */
    public byte code() {
        return (byte) name().charAt(0);
    }

    /**
     * The quality with this code.
     *
     * @throws IllegalArgumentException if the code is not {@code A} or {@code E}
     */
    public static ReadQuality parse(String code) {
        return switch (code.strip()) {
            case "A" -> A;
            case "E" -> E;
            default -> throw new IllegalArgumentException("Quality '" + code + "' is not A or E");
        };
    }
}
