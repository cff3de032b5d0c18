/**
 * The settlement engine: a pure function from one settlement date, run and GSP group's inputs plus reference data to
 * the run's volumes. Entry point: {@link org.gbsettle.engine.SettlementCalculator}.
 */
@NullMarked
package org.gbsettle.engine;

import org.jspecify.annotations.NullMarked;
