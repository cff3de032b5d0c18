package org.gbsettle.refdata.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A bank holiday: a date (Monday to Friday; weekend holidays have substitute days) on which the region's banks close,
 * and so not a settlement working day, with its published name (gov.uk).
 */
public record BankHoliday(LocalDate date, String name) {

    public BankHoliday {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(name, "name");
    }
}
