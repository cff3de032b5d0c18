/**
 * Exports of a settlement run's output tables as files an analyst or another party opens directly: Parquet (read by
 * DuckDB, pandas/pyarrow and Spark) or RFC 4180 CSV, one file per table, optionally one folder per supplier with only
 * that supplier's rows, and a {@code manifest.json} naming the run, its fingerprints and every file with its row
 * count and SHA-256.
 *
 * <p>The file schema (column names, order and types) is the contract documented in sql/README.md ("Exports"): each
 * table's key and value columns as in the database, with the run id and, except for the quarantine, the run's
 * settlement date. Types: {@code STRING} (UTF-8), {@code DATE}, {@code INT32}, {@code INT64}, {@code BOOLEAN} and
 * {@code DECIMAL(p,s)}: the table's precision and scale where the column has them, {@code DECIMAL(38,s)} for the exact
 * (unconstrained) columns, {@code s} being 18 or the most decimal places a value of the column in the run needs
 * when that is more, so that no value is ever rounded.
 */
@NullMarked
package org.gbsettle.jobs.export;

import org.jspecify.annotations.NullMarked;
