package org.gbsettle.engine.reference;

import java.util.Objects;

/**
 * A GSP group id: an underscore and a capital letter other than {@code I} and {@code O}; the unit of GSP group
 * correction and of parallelism. See {@link GspGroups} for the fourteen of today; which groups exist is reference data
 * ({@code gsp_groups.csv}).
 */
public record GspGroup(String id) implements Comparable<GspGroup> {

    public GspGroup {
        Objects.requireNonNull(id, "id");
        if (id.length() != 2
                || id.charAt(0) != '_'
                || id.charAt(1) < 'A'
                || id.charAt(1) > 'Z'
                || id.charAt(1) == 'I'
                || id.charAt(1) == 'O') {
            throw new IllegalArgumentException(
                    "GSP group '" + id + "' is not an underscore and a capital letter other than I and O (_A.._P)");
        }
    }

    /** The group with this id, e.g. {@code _A}. */
    public static GspGroup of(String id) {
        return new GspGroup(id.strip());
    }

    /** The group letter, as used in BM unit ids ({@code A} for {@code _A}). */
    public char letter() {
        return id.charAt(1);
    }

    @Override
    public int compareTo(GspGroup other) {
        return id.compareTo(other.id);
    }

    @Override
    public String toString() {
        return id;
    }
}
