/**
 * GSP group take files: {@link org.gbsettle.refdata.take.CdcaI029Parser} reads the CDCA-I029 flow ({@code AGV} and
 * {@code AGP} records) into the engine's {@link org.gbsettle.engine.input.GspGroupTake}, one per GSP group and
 * settlement date, in a {@link org.gbsettle.refdata.take.TakeFile}.
 */
@NullMarked
package org.gbsettle.refdata.take;

import org.jspecify.annotations.NullMarked;
