package org.gbsettle.engine.reference;

import java.util.Objects;

/**
 * A BM unit id, text(11). A supplier unit is {@code 2__<group letter><supplier id><nnn>}, {@code 000} for the
 * supplier's default unit in the group, e.g. {@code 2__ABGAS000}.
 */
public record BmUnitId(String id) implements Comparable<BmUnitId> {

    public BmUnitId {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.length() > 11) {
            throw new IllegalArgumentException("BM unit id '" + id + "' is not 1-11 characters");
        }
    }

    /** The unit with this id. */
    public static BmUnitId of(String id) {
        return new BmUnitId(id.strip());
    }

    /** The conventional id of a supplier's default BM unit in a group: {@code 2__} + letter + supplier + {@code 000}. */
    public static BmUnitId defaultFor(MarketParticipantId supplier, GspGroup group) {
        return of("2__" + group.letter() + supplier.code() + "000");
    }

    @Override
    public int compareTo(BmUnitId other) {
        return id.compareTo(other.id);
    }

    @Override
    public String toString() {
        return id;
    }
}
