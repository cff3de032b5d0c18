/**
 * Benchmarks of the engine (not tests, so not run by the build): {@link
 * org.gbsettle.engine.bench.AggregationBenchmark} (JMH) and {@link org.gbsettle.engine.bench.EngineBench} (a plain
 * main class), both on a GSP group of a million HH metering systems generated in memory by {@link
 * org.gbsettle.engine.testing.ScenarioGenerator#large(long, int)}. Run them with {@code scripts/bench-engine}.
 */
@NullMarked
package org.gbsettle.engine.bench;

import org.jspecify.annotations.NullMarked;
