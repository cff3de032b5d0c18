/**
 * Meter data arriving as messages: half-hourly consumption messages in a DIP-like JSON envelope
 * ({@code schemas/hh-consumption-message.schema.json} on the classpath) received over HTTP ({@code POST /meter-data/messages}) or
 * from a drop directory, judged by the meter-data ingest's own row rules, acknowledged or refused one by one, staged in
 * PostgreSQL, and flushed to the meter-data store as Parquet files in bounded batches, registered like any delivered
 * file.
 */
@NullMarked
package org.gbsettle.jobs.inbound;

import org.jspecify.annotations.NullMarked;
