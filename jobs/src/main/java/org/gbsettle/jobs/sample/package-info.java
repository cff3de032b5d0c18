/**
 * The sample settlement days: the days shipped in the jar (from the repository's {@code sample-data/}) and their
 * extraction, a day's run parameters, and the comparison of a run's outputs with a day's expected outputs.
 */
@NullMarked
package org.gbsettle.jobs.sample;

import org.jspecify.annotations.NullMarked;
