/**
 * Group slices: partitions finer than a GSP group, so that 14 groups of very different sizes spread evenly over many
 * workers. A slice is the group's metering systems whose MPAN core lies in one {@link
 * org.gbsettle.engine.slice.MpanRange}, calculated up to but not including the GSP group correction into a {@link
 * org.gbsettle.engine.slice.GroupSlice}: exact integer uncorrected volumes per (supplier, BM unit, CCC) row and
 * period, data-quality counters, value warnings, quarantine and the slice's load-shape sample. Slices that tile the
 * MPAN line combine, in any order, into a result equal (records, and tables byte for byte) to the whole group's
 * calculation.
 *
 * <h2>Two passes when load shapes are computed</h2>
 *
 * <p>Computed load shapes are means over the whole group's actual values; they default every missing HH value and set
 * the outlier bounds. A slice therefore cannot be finished from its own values alone: with {@code
 * SettlementCalculator.slicesNeedGroupSample(config)} (the default configuration) each slice first yields its {@link
 * org.gbsettle.engine.slice.ShapeSample} ({@code sampleSlice}: selection only, a few kB), the group's sample is their
 * sum ({@link org.gbsettle.engine.slice.ShapeSample#sum}), and then each slice is calculated against it ({@code
 * calculateSlice}). The combine recomputes the sum from the slices' own samples and refuses a slice that defaulted
 * against another (by digest). With published load shapes one pass suffices. The price of the first pass is a second
 * read and selection of the split groups' meter data; whole groups need neither.
 *
 * <h2>How the settlement job uses it</h2>
 *
 * <p>The {@code jobs} module's settlement run (its classes {@code RunSlices}, {@code PartitionCalculation}; its README,
 * "Finer partitions") does this:
 *
 * <ol>
 *   <li><b>Plan</b> (the run's first {@code prepare}): {@link org.gbsettle.engine.slice.SplitPlanner#plan} over each
 *       group's MPANs registered on the date (weight 1 per metering system), to {@code
 *       gbsettle.partitioning.target-partitions}; the cut groups' pieces stored in table {@code run_group_slice} (run,
 *       group, piece, pieces, range, weight) in the transaction that adds the run's partitions. Every restart reuses
 *       the plan, so every attempt cuts the same ranges. Whole groups keep the one-step path ({@code
 *       SettlementCalculator.calculate} and the one-transaction write).
 *   <li><b>Step {@code sample}</b> (a partition per slice, only when the group sample is needed): the slice's rows
 *       (only the row groups whose MPAN statistics meet the range) and the group's registrations give {@code
 *       sampleSlice}; its {@code toBytes()} is stored in one transaction.
 *   <li><b>Step {@code calculate}</b> (whole groups, and a partition per slice): the group's samples are summed (the
 *       same sum on every worker) and the slice calculated against it; {@code GroupSlice.toBytes()} is stored with the
 *       rows of the range the Parquet reader rejected or that are registered in no group. Nothing reaches the output
 *       tables.
 *   <li><b>Step {@code combine}</b> (a partition per cut group, light: a few hundred rows x periods): reads the group's
 *       slices, {@code SettlementCalculator.combineSlices} (which checks the tiling, the run, the configuration, the
 *       sample and the metering-system count), and writes the outputs, quarantine, data quality, manifest and the
 *       group's completion in one transaction, exactly as a whole group's partition does.
 * </ol>
 *
 * <p>Restart and idempotence: every write is one transaction keyed by (run, group, piece) or (run, group), so a worker
 * killed mid-slice leaves nothing and the retried partition, anywhere, writes the same bytes (a slice is a pure
 * function of the pinned inputs). A partition finds what is stored and parses ({@code parse} checks the CRC-32C and
 * the {@code FORMAT_VERSION}) and computes only what is missing or refused, whichever step it was due in (the combine
 * computes a missing slice itself), so a restart after a failure in any step completes the group. Only the combine
 * writes outputs, once per group, so no slice is counted twice; a combine (or a slice) that the engine refuses
 * (sample digest, tiling, count) clears the group's stored bytes and fails the group, and its next attempt repeats
 * both passes. The bytes are dropped once the run is complete (derived data: the outputs and fingerprints are the
 * record); the plan stays.
 */
@NullMarked
package org.gbsettle.engine.slice;

import org.jspecify.annotations.NullMarked;
