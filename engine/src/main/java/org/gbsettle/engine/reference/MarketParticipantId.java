package org.gbsettle.engine.reference;

import java.util.Objects;

/** A market participant id (MPID), CHAR(4), e.g. a supplier {@code AMSL} or a distributor {@code EELC}. */
public record MarketParticipantId(String code) implements Comparable<MarketParticipantId> {

    public MarketParticipantId {
        Objects.requireNonNull(code, "code");
        if (code.isEmpty() || code.length() > 4 || !code.chars().allMatch(Character::isLetterOrDigit)) {
            throw new IllegalArgumentException("Market participant id '" + code + "' is not 1-4 letters or digits");
        }
    }

    /** The participant with this id. */
    public static MarketParticipantId of(String code) {
        return new MarketParticipantId(code.strip());
    }

    @Override
    public int compareTo(MarketParticipantId other) {
        return code.compareTo(other.code);
    }

    @Override
    public String toString() {
        return code;
    }
}
