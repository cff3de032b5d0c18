/**
 * Parsers of the MDD-style CSV files (UTF-8, comma-separated, header row, {@code effective_from}/{@code effective_to}
 * ISO dates with an empty {@code effective_to} for open-ended) into the engine's reference records, and of meter-read
 * CSVs into columnar {@link org.gbsettle.engine.input.MeterReads}. Each parser reads a {@link java.io.Reader} plus a
 * file name for messages, collects every problem of a file and throws them together as one {@link
 * org.gbsettle.refdata.ReferenceFileException}.
 */
@NullMarked
package org.gbsettle.refdata.csv;

import org.jspecify.annotations.NullMarked;
