/**
 * Reader of delivered meter-data Parquet files (architecture.md §4: {@code mpan, settlement_date, settlement_period,
 * measurement_quantity, kwh, quality, received_at}, or {@code utc_period_start} in place of date and period) into the
 * engine's columnar {@link org.gbsettle.engine.input.MeterReads}, read in place, column chunk by column chunk.
 *
 * <p>How: the footer is parsed with parquet-java's {@code ParquetMetadataConverter}, each needed column chunk is read
 * from the file in one piece and its pages are parsed and decompressed here ({@code ChunkPageReader}, {@link
 * org.gbsettle.jobs.io.parquet.ParquetCodecs}), and parquet-column's {@code ColumnReaderImpl} decodes levels and values
 * (every encoding, v1 and v2 data pages) into primitive arrays. parquet-hadoop's {@code ParquetFileReader} is not used:
 * every way of building its {@code ParquetReadOptions} in 1.18.1 creates a Hadoop codec factory, and Hadoop is not on
 * the class path (the tests check it is absent).
 *
 * <p>Guarantees of {@link org.gbsettle.jobs.io.parquet.MeterDataParquetReader}:
 *
 * <ul>
 *   <li>every row is either accepted or rejected with its file, row number, field, value and reason: rows read =
 *       accepted + rejected, and a null in a mandatory field is a rejected row, never a zero;
 *   <li>kWh is exact: a decimal of any scale becomes Wh as a {@code long} (12.345 kWh = 12,345 Wh), a value with
 *       more than 3 significant decimal places is rejected; binary floating point is refused as a schema error;
 *   <li>a file that is not Parquet, is truncated or corrupt, or breaks the schema fails as a whole with a {@link
 *       org.gbsettle.jobs.io.parquet.MeterDataFileException} naming the file (and the column and expected type);
 *   <li>no object per row on the path of valid rows: values decode into primitive arrays, dictionary-encoded strings
 *       and decimals are decoded once per dictionary entry.
 * </ul>
 */
@NullMarked
package org.gbsettle.jobs.io.parquet;

import org.jspecify.annotations.NullMarked;
