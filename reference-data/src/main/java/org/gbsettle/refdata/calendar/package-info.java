/**
 * The shipped calendar files and their parsers: England &amp; Wales bank holidays, the run offset table of the legacy
 * and MHHS settlement timetables, the timetable switch (M16), and loaded settlement calendars. Entry point:
 * {@link org.gbsettle.refdata.calendar.ShippedCalendars}; formats in {@code reference-data/CALENDAR.md}.
 */
@NullMarked
package org.gbsettle.refdata.calendar;

import org.jspecify.annotations.NullMarked;
