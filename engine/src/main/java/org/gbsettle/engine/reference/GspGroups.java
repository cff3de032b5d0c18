package org.gbsettle.engine.reference;

import java.util.List;

/** The fourteen GSP groups of Great Britain (no {@code _I} or {@code _O}). Names come from MDD reference data. */
public final class GspGroups {
    public static final GspGroup A = GspGroup.of("_A");
    public static final GspGroup B = GspGroup.of("_B");
    public static final GspGroup C = GspGroup.of("_C");
    public static final GspGroup D = GspGroup.of("_D");
    public static final GspGroup E = GspGroup.of("_E");
    public static final GspGroup F = GspGroup.of("_F");
    public static final GspGroup G = GspGroup.of("_G");
    public static final GspGroup H = GspGroup.of("_H");
    public static final GspGroup J = GspGroup.of("_J");
    public static final GspGroup K = GspGroup.of("_K");
    public static final GspGroup L = GspGroup.of("_L");
    public static final GspGroup M = GspGroup.of("_M");
    public static final GspGroup N = GspGroup.of("_N");
    public static final GspGroup P = GspGroup.of("_P");

    /** All fourteen, in id order. */
    public static final List<GspGroup> ALL = List.of(A, B, C, D, E, F, G, H, J, K, L, M, N, P);

    private GspGroups() {}
}
