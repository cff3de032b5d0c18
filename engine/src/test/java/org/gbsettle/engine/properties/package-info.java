/**
 * Property tests of the engine's invariants over random scenarios: correction to the take within the rounding bound,
 * conservation of energy before correction against an independent per-value recomputation ({@link
 * org.gbsettle.engine.properties.Oracle}), and byte-identical results whatever the row order, registration order,
 * chunking and thread count. Entry point: {@link org.gbsettle.engine.properties.EngineInvariantsTest}.
 */
@NullMarked
package org.gbsettle.engine.properties;

import org.jspecify.annotations.NullMarked;
