/**
 * The explained run-to-run diff: the change in corrected volume between two settlement runs of one date, per GSP group,
 * supplier, BM unit, CCC and settlement period, attributed exactly to its causes by recomputing each group with the
 * inputs swapped from one run's to the other's one kind at a time.
 */
@NullMarked
package org.gbsettle.jobs.diff;

import org.jspecify.annotations.NullMarked;
