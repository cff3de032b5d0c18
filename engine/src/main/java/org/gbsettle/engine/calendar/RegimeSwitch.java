package org.gbsettle.engine.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The switch from the legacy to the MHHS settlement timetable: the date (M16, the Settlement Timetable Transition,
 * planned for 2 July 2027) and the rule that decides which settlement dates follow the MHHS timetable.
 *
 * <p>Assumption: the BSC text on which dates around M16 follow which timetable is not known here (domain.md §3 leaves
 * it to the calendar data), so the rule is explicit and chosen in data. The default, {@link Basis#SETTLEMENT_DATE},
 * puts a settlement date on the MHHS timetable if it is on or after the switch date. Any transitional arrangement
 * (such as the interim RF at about 7 months from 1 April 2027, replacing R3) is expressed by loading explicit
 * calendar entries, which win over generated ones ({@link SettlementTimetable#overriddenBy}).
 */
public record RegimeSwitch(LocalDate switchDate, Basis basis) {

    /** Which date of a settlement date is compared with the switch date. */
    public enum Basis {
        /** MHHS if the settlement date itself is on or after the switch date. */
        SETTLEMENT_DATE,
        /**
         * MHHS if the settlement date's first MHHS run (the smallest MHHS offset, II at WD+4) would fall on or after
         * the switch date, so no date gets an MHHS run before the switch.
         */
        FIRST_RUN_DATE
    }

    public RegimeSwitch {
        Objects.requireNonNull(switchDate, "switchDate");
        Objects.requireNonNull(basis, "basis");
    }

    /** The switch on {@code switchDate} by the given rule. */
    public static RegimeSwitch of(LocalDate switchDate, Basis basis) {
        return new RegimeSwitch(switchDate, basis);
    }

    /** The switch on {@code switchDate} by the default rule, {@link Basis#SETTLEMENT_DATE}. */
    public static RegimeSwitch on(LocalDate switchDate) {
        return new RegimeSwitch(switchDate, Basis.SETTLEMENT_DATE);
    }

    @Override
    public String toString() {
        return "MHHS from " + switchDate + " by " + basis;
    }
}
