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
 * <h2>How the settlement job should use it</h2>
 *
 * <ol>
 *   <li><b>Plan</b> (in {@code prepare}, once per run): {@link org.gbsettle.engine.slice.SplitPlanner#forWorkers} over
 *       each group's MPANs in force (weights: 1 per metering system, or meter-data rows per MPAN). Store the plan in a
 *       table {@code run_group_slice (run_id, gsp_group, piece, pieces, mpan_from, mpan_to, weight, sample bytea,
 *       sample_crc, slice bytea, slice_crc, format_version, calculated_by, calculated_at)}, primary key {@code (run_id,
 *       gsp_group, piece)}, referencing {@code run_partition}. A restart reuses the stored plan (never re-plans), so
 *       every attempt cuts the same ranges. Whole groups keep today's path ({@code SettlementCalculator.calculate} and
 *       the one-transaction write).
 *   <li><b>Sample step</b> (partitioned over the slices of split groups, only when the group sample is needed): each
 *       partition reads the rows of its range (MPAN-sorted Parquet lets it skip row groups by their statistics) and the
 *       group's registrations in the range, and writes {@code sample} = {@code ShapeSample.toBytes()} and its CRC in
 *       one transaction.
 *   <li><b>Slice step</b> (partitioned over the same slices, after the sample step): each partition reads every
 *       sample of its group, sums them (the same sum on every worker), calculates its slice, and writes {@code slice}
 *       = {@code GroupSlice.toBytes()} and {@code GroupSlice.checksum} in one transaction. Nothing reaches the output
 *       tables here.
 *   <li><b>Combine step</b> (one partition per split group, light: a few hundred rows x periods): reads the group's
 *       slices, checks each CRC and that all {@code pieces} are present, {@code SettlementCalculator.combineSlices}
 *       (which checks the tiling, the run, the configuration, the sample and the metering-system count), and writes
 *       the outputs, quarantine, data quality, manifest and the group's completion in one transaction, deleting
 *       whatever an earlier attempt wrote, exactly as a whole group's partition does today.
 * </ol>
 *
 * <p>Restart and idempotence: every write is one transaction keyed by (run, group, piece) or (run, group), so a worker
 * killed mid-slice leaves nothing and the retried partition, anywhere, writes the same bytes (a slice is a pure
 * function of the pinned inputs); a retry overwrites its row rather than adding one. A step skips slices whose bytes
 * are present with a matching CRC and format version. Only the combine writes outputs, once per group, so no slice is
 * counted twice; a combine that refuses its slices (sample digest, tiling, count) marks the group failed, and a rerun
 * clears that group's slice bytes and repeats both passes. Slice rows may be deleted once the run is complete (they are
 * derived data; the outputs and fingerprints are the record). A reader refuses bytes of another {@code
 * FORMAT_VERSION}, so an engine upgrade between passes fails loudly instead of mixing formats.
 */
@NullMarked
package org.gbsettle.engine.slice;

import org.jspecify.annotations.NullMarked;
