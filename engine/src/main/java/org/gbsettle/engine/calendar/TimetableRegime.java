package org.gbsettle.engine.calendar;

/**
 * A settlement timetable regime: which set of run offsets (in working days after the settlement date) a settlement
 * date follows. The legacy "14-month" timetable runs II, SF, R1, R2, R3, RF; the MHHS "4-month" timetable, from the
 * Settlement Timetable Transition (M16), runs II, SF, R1, RF. The offsets themselves are data: {@link RunOffsetTable}.
 */
public enum TimetableRegime {
    /** The legacy ("14-month") timetable: RF about 14 months after the settlement date. */
    LEGACY,
    /** The MHHS ("4-month") timetable, from M16: RF about 4 months after the settlement date. */
    MHHS
}
