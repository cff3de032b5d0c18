package org.gbsettle.engine.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.gbsettle.engine.run.RunType;

/** Test fixtures: the England &amp; Wales bank holidays of domain.md §3 and the offset table of its run table. */
final class TestCalendars {

    /** England &amp; Wales bank holidays 2025-2028, domain.md §3. */
    static final List<LocalDate> BANK_HOLIDAYS_2025_2028 = Stream.of(
                    "2025-01-01",
                    "2025-04-18",
                    "2025-04-21",
                    "2025-05-05",
                    "2025-05-26",
                    "2025-08-25",
                    "2025-12-25",
                    "2025-12-26",
                    "2026-01-01",
                    "2026-04-03",
                    "2026-04-06",
                    "2026-05-04",
                    "2026-05-25",
                    "2026-08-31",
                    "2026-12-25",
                    "2026-12-28",
                    "2027-01-01",
                    "2027-03-26",
                    "2027-03-29",
                    "2027-05-03",
                    "2027-05-31",
                    "2027-08-30",
                    "2027-12-27",
                    "2027-12-28",
                    "2028-01-03",
                    "2028-04-14",
                    "2028-04-17",
                    "2028-05-01",
                    "2028-05-29",
                    "2028-08-28",
                    "2028-12-25",
                    "2028-12-26")
            .map(LocalDate::parse)
            .toList();

    /** Working days 2025-01-01 to 2028-12-31. */
    static final WorkingDayCalendar ENGLAND_WALES = WorkingDayCalendar.ofWholeYears(BANK_HOLIDAYS_2025_2028);

    /** The run table of domain.md §3. */
    static final RunOffsetTable OFFSETS = RunOffsetTable.of(List.of(
            RunOffset.of(TimetableRegime.LEGACY, RunType.II, 5),
            RunOffset.of(TimetableRegime.LEGACY, RunType.SF, 16),
            RunOffset.of(TimetableRegime.LEGACY, RunType.R1, 39),
            RunOffset.of(TimetableRegime.LEGACY, RunType.R2, 84),
            RunOffset.of(TimetableRegime.LEGACY, RunType.R3, 154),
            RunOffset.of(TimetableRegime.LEGACY, RunType.RF, 292),
            RunOffset.of(TimetableRegime.MHHS, RunType.II, 4),
            RunOffset.of(TimetableRegime.MHHS, RunType.SF, 7),
            RunOffset.of(TimetableRegime.MHHS, RunType.R1, 30),
            RunOffset.of(TimetableRegime.MHHS, RunType.RF, 84)));

    /** M16 as planned. */
    static final LocalDate M16 = LocalDate.of(2027, 7, 2);

    private TestCalendars() {}
}
