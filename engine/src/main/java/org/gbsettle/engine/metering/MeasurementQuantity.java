package org.gbsettle.engine.metering;

/** The measurement quantity of a half-hourly value: active import or active export. */
public enum MeasurementQuantity {
    /** Active import: consumption, signed + in SVA. */
    AI,
    /** Active export: generation, signed - in SVA. */
    AE;

    /** The sign SVA gives a magnitude of this quantity: +1 for import, -1 for export. */
    public int sign() {
        return this == AI ? 1 : -1;
    }

    /**
     * The quantity with this code ({@code AI} or {@code AE}), or of an energy direction ({@code I} or {@code E}).
     *
     * @throws IllegalArgumentException for any other code
     */
    public static MeasurementQuantity parse(String code) {
        return switch (code.strip()) {
            case "AI", "I" -> AI;
            case "AE", "E" -> AE;
            default ->
                throw new IllegalArgumentException(
                        "Measurement quantity '" + code + "' is not AI or AE (or energy direction I or E)");
        };
    }
}
