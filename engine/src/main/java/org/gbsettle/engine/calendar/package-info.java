/**
 * Working days and settlement run timetables: the England &amp; Wales working-day calendar, the run offsets of the
 * legacy and MHHS timetables, the switch between them, and the settlement calendar (planned run date and data cut-off
 * per settlement date and run type), generated or loaded. Entry point:
 * {@link org.gbsettle.engine.calendar.SettlementTimetable}.
 */
@NullMarked
package org.gbsettle.engine.calendar;

import org.jspecify.annotations.NullMarked;
