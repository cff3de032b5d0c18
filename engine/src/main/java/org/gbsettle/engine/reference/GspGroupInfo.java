package org.gbsettle.engine.reference;

import java.util.Objects;

/** A GSP group's MDD record: id, name (CHAR(30)), the host distributor's short code and MPID. */
public record GspGroupInfo(GspGroup id, String name, int distributorShortCode, MarketParticipantId dnoMpid) {

    public GspGroupInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dnoMpid, "dnoMpid");
        if (name.length() > 30) {
            throw new IllegalArgumentException("GSP group name '" + name + "' is longer than 30 characters");
        }
        if (distributorShortCode < 10 || distributorShortCode > 99) {
            throw new IllegalArgumentException("Distributor short code " + distributorShortCode + " is not 2 digits");
        }
    }
}
