package org.gbsettle.engine.reference;

/** The component of a consumption component class: consumption, or the losses on it. */
public enum Component {
    /** Consumption (energy at the meter). */
    C,
    /** Metering-system-specific losses (site-specific LLF). */
    M,
    /** Non-specific losses. */
    L
}
