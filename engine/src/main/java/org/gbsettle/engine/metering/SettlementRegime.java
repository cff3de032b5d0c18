package org.gbsettle.engine.metering;

/** Whether a metering system settles under the legacy arrangements or has migrated to MHHS. */
public enum SettlementRegime {
    LEGACY,
    MHHS;

    /**
     * The regime with this name.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static SettlementRegime parse(String code) {
        try {
            return valueOf(code.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Settlement regime '" + code + "' is not LEGACY or MHHS", e);
        }
    }
}
