package org.gbsettle.engine.reference;

import java.util.Objects;

/**
 * A BSC party in one market role: BSC Party Id text(8) (e.g. {@code BRITGAS}), the market participant id it acts as
 * in that role, and when the role is in force.
 */
public record BscParty(
        String partyId, MarketParticipantId participantId, MarketRole role, String name, EffectiveRange effective) {

    public BscParty {
        Objects.requireNonNull(partyId, "partyId");
        if (partyId.isEmpty() || partyId.length() > 8) {
            throw new IllegalArgumentException("BSC party id '" + partyId + "' is not 1-8 characters");
        }
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(effective, "effective");
    }
}
