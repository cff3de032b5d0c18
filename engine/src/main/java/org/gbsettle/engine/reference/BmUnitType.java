package org.gbsettle.engine.reference;

/** BM unit type. Only supplier units (G default, S additional) carry SVA volumes. */
public enum BmUnitType {
    /** A supplier's default unit in a GSP group. */
    G,
    /** An additional supplier unit. */
    S,
    /** Embedded. */
    E,
    /** Transmission-connected. */
    T,
    /** Interconnector. */
    I;

    /** Whether units of this type receive supplier volume allocation. */
    public boolean supplierUnit() {
        return this == G || this == S;
    }
}
