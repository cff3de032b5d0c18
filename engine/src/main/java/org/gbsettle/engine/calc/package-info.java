/** The calculation steps behind {@link org.gbsettle.engine.SettlementCalculator}: value selection, estimation, line losses, aggregation and GSP group correction. Internal: may change without notice. */
@NullMarked
package org.gbsettle.engine.calc;

import org.jspecify.annotations.NullMarked;
