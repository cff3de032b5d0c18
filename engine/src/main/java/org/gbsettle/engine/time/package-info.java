/** The settlement time model: settlement dates in Europe/London and their 46, 48 or 50 half-hour settlement periods, with the mapping to and from UTC half hours. Entry point: {@link org.gbsettle.engine.time.SettlementDate}. */
@NullMarked
package org.gbsettle.engine.time;

import org.jspecify.annotations.NullMarked;
