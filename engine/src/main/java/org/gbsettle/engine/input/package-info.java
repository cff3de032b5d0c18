/** The calculation's columnar inputs for one settlement date and GSP group: registrations ({@link org.gbsettle.engine.input.MeteringSystems}) and half-hourly values ({@link org.gbsettle.engine.input.MeterReads}), held in primitive arrays. */
@NullMarked
package org.gbsettle.engine.input;

import org.jspecify.annotations.NullMarked;
