package org.gbsettle.engine.reference;

import java.util.Objects;

/**
 * A line loss factor class (LLFC): a CHAR(3) code unique only within its distributor (LDSO), identified here by the
 * distributor's market participant id plus the code.
 */
public record LineLossFactorClass(MarketParticipantId distributor, String code)
        implements Comparable<LineLossFactorClass> {

    public LineLossFactorClass {
        Objects.requireNonNull(distributor, "distributor");
        Objects.requireNonNull(code, "code");
        if (code.isEmpty() || code.length() > 3) {
            throw new IllegalArgumentException("LLFC '" + code + "' is not 1-3 characters");
        }
    }

    /** The class with this distributor id and code. */
    public static LineLossFactorClass of(String distributor, String code) {
        return new LineLossFactorClass(MarketParticipantId.of(distributor), code.strip());
    }

    @Override
    public int compareTo(LineLossFactorClass other) {
        int c = distributor.compareTo(other.distributor);
        return c != 0 ? c : code.compareTo(other.code);
    }

    @Override
    public String toString() {
        return distributor + "/" + code;
    }
}
