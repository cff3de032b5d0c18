package org.gbsettle.engine.calc;

/**
 * An aggregation cell: the metering systems whose values add up together, because they share a BM unit, consumption
 * and loss CCCs and sign. A cell holds, per period, the sum of values (Wh) and the sum of their losses (Wh x (LLF - 1)
 * in millionths), each exact. Few cells (BM units x CCC pairs), so the accumulators stay in cache.
 *
 * @param bmUnit index into the group's supplier BM units
 * @param consumptionCcc CCC id of the consumption component
 * @param lossCcc CCC id of the loss component
 * @param sign +1 import, -1 export
 */
record Cell(int bmUnit, int consumptionCcc, int lossCcc, int sign) {}
