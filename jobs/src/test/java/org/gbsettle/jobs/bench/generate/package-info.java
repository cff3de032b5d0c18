/**
 * Synthetic GB-scale settlement days for benchmarks and scale tests: {@link
 * org.gbsettle.jobs.bench.generate.GbDayGenerator} writes a day (reference files, registrations, meter data, takes)
 * in the layout of a sample day, deterministically from a seed; {@code scripts/generate} runs it.
 */
@NullMarked
package org.gbsettle.jobs.bench.generate;

import org.jspecify.annotations.NullMarked;
