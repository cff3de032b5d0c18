package org.gbsettle.engine.calc;

/**
 * An aggregation cell: the metering systems whose values add up before line losses, because they share a BM unit,
 * consumption and loss CCCs, LLFC and sign. Losses are applied once per cell and period: {@code sum(v) x (LLF - 1)}
 * equals {@code sum(v x (LLF - 1))} exactly.
 *
 * @param bmUnit index into the group's supplier BM units
 * @param consumptionCcc CCC id of the consumption component
 * @param lossCcc CCC id of the loss component
 * @param llfc index into the plan's LLF table
 * @param sign +1 import, -1 export
 */
record Cell(int bmUnit, int consumptionCcc, int lossCcc, int llfc, int sign) {}
