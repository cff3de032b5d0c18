package org.gbsettle.engine.run;

import java.util.Locale;

/**
 * A settlement run type (CHAR(2)): one complete recomputation of a settlement date. Declared in rank order, so the
 * authoritative run of a date is the one of the highest rank, then the highest run number: II &lt; SF &lt; R1 &lt; R2
 * &lt; R3 &lt; RF &lt; DF. Ad-hoc dispute runs D and DR rank with DF.
 */
public enum RunType {
    /** Interim Information. */
    II,
    /** Initial Settlement. */
    SF,
    /** First reconciliation. */
    R1,
    /** Second reconciliation (legacy only). */
    R2,
    /** Third reconciliation (legacy only). */
    R3,
    /** Final reconciliation. */
    RF,
    /** Dispute final. */
    DF,
    /** Ad-hoc dispute run. */
    D,
    /** Ad-hoc dispute reconciliation run. */
    DR;

    /** Rank for supersession: higher ranks supersede lower ones; D and DR rank with DF. */
    public int rank() {
        return switch (this) {
            case D, DR -> DF.ordinal();
            default -> ordinal();
        };
    }

    /**
     * The run type with this code.
     *
     * @throws IllegalArgumentException for an unknown code, listing the known ones
     */
    public static RunType parse(String code) {
        try {
            return valueOf(code.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Run type '" + code + "' is not one of II, SF, R1, R2, R3, RF, DF, D, DR", e);
        }
    }
}
