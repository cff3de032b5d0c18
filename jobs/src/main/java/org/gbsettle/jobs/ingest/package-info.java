/**
 * Meter-data ingest: registers delivered Parquet files (checksum, size, layout, settlement dates, row counts, receipt
 * time) in {@code meter_data_file} and quarantines their rejected rows; the files stay where they are and the
 * settlement runs read them in place.
 */
@NullMarked
package org.gbsettle.jobs.ingest;

import org.jspecify.annotations.NullMarked;
