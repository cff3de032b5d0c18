/**
 * The benchmark of issue 4 (item 2, {@code scripts/bench}): on one settlement-day folder, the core aggregation in
 * DuckDB ({@link org.gbsettle.jobs.bench.DuckDbAggregation}), the engine's core without a database ({@link
 * org.gbsettle.jobs.bench.EngineCore}) and the full settlement run through the executable jar, timed in separate
 * processes ({@link org.gbsettle.jobs.bench.Bench}), after checking that the first two agree.
 */
@NullMarked
package org.gbsettle.jobs.bench;

import org.jspecify.annotations.NullMarked;
