package org.gbsettle.engine.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gbsettle.engine.calendar.TestCalendars.ENGLAND_WALES;
import static org.gbsettle.engine.calendar.TestCalendars.M16;
import static org.gbsettle.engine.calendar.TestCalendars.OFFSETS;
import static org.gbsettle.engine.calendar.TimetableRulesTest.entry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.time.SettlementDate;
import org.junit.jupiter.api.Test;

class SettlementTimetableTest {

    private static final SettlementTimetable GENERATED = TimetableRules.of(ENGLAND_WALES, OFFSETS, RegimeSwitch.on(M16))
            .generate(SettlementDate.of(2027, 6, 30), SettlementDate.of(2027, 7, 3));

    @Test
    void loadedEntriesAreQueried() {
        SettlementTimetable loaded = SettlementTimetable.of(List.of(
                entry("2026-01-16", RunType.SF, "2026-02-09", "2026-02-07T00:00:00Z"),
                entry("2026-01-15", RunType.SF, "2026-02-06", "2026-02-06T00:00:00Z"),
                entry("2026-01-15", RunType.II, "2026-01-22", "2026-01-22T00:00:00Z")));

        assertThat(loaded.entry(SettlementDate.of(2026, 1, 15), RunType.SF))
                .contains(entry("2026-01-15", RunType.SF, "2026-02-06", "2026-02-06T00:00:00Z"));
        assertThat(loaded.entry(SettlementDate.of(2026, 1, 15), RunType.R1)).isEmpty();
        assertThat(loaded.entry(SettlementDate.of(2026, 1, 17), RunType.SF)).isEmpty();
        assertThat(loaded.entriesFor(SettlementDate.of(2026, 1, 15)))
                .extracting(SettlementCalendarEntry::runType)
                .containsExactly(RunType.II, RunType.SF);
        assertThat(loaded.entriesFor(SettlementDate.of(2026, 1, 17))).isEmpty();
        assertThat(loaded.entries())
                .extracting(e -> e.settlementDate() + " " + e.runType())
                .containsExactly("2026-01-15 II", "2026-01-15 SF", "2026-01-16 SF");
        assertThat(loaded.settlementDates())
                .containsExactly(SettlementDate.of(2026, 1, 15), SettlementDate.of(2026, 1, 16));
        assertThat(loaded.runsDueOn(LocalDate.of(2026, 2, 6))).hasSize(1);
    }

    @Test
    void twoEntriesForOneRunAreRejected() {
        List<SettlementCalendarEntry> entries = List.of(
                entry("2026-01-15", RunType.SF, "2026-02-06", "2026-02-06T00:00:00Z"),
                entry("2026-01-15", RunType.SF, "2026-02-09", "2026-02-07T00:00:00Z"));

        assertThatThrownBy(() -> SettlementTimetable.of(entries))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Two calendar entries for 2026-01-15 SF: 2026-01-15 SF on 2026-02-06 (cut-off"
                        + " 2026-02-06T00:00:00Z) and 2026-01-15 SF on 2026-02-09 (cut-off 2026-02-07T00:00:00Z)");
    }

    /**
     * An Elexon calendar re-aligns 1 Jul 2027 to an interim timetable (II, SF, R1 as generated, RF at a made-up date
     * replacing R2, R3 and the legacy RF): the loaded date loses its generated R2 and R3; other dates keep theirs.
     */
    @Test
    void loadedEntriesReplaceAllGeneratedEntriesOfTheirDate() {
        SettlementTimetable loaded = SettlementTimetable.of(List.of(
                entry("2027-07-01", RunType.II, "2027-07-08", "2027-07-07T23:00:00Z"),
                entry("2027-07-01", RunType.SF, "2027-07-23", "2027-07-22T23:00:00Z"),
                entry("2027-07-01", RunType.R1, "2027-08-25", "2027-08-24T23:00:00Z"),
                entry("2027-07-01", RunType.RF, "2028-02-01", "2028-02-01T00:00:00Z")));

        SettlementTimetable merged = GENERATED.overriddenBy(loaded);

        assertThat(merged.entriesFor(SettlementDate.of(2027, 7, 1)))
                .isEqualTo(loaded.entriesFor(SettlementDate.of(2027, 7, 1)));
        assertThat(merged.entry(SettlementDate.of(2027, 7, 1), RunType.R3)).isEmpty();
        assertThat(merged.entriesFor(SettlementDate.of(2027, 6, 30)))
                .isEqualTo(GENERATED.entriesFor(SettlementDate.of(2027, 6, 30)))
                .hasSize(6);
        assertThat(merged.entries()).hasSize(6 + 4 + 4 + 4);
        // The generated legacy RF of 1 Jul 2027 (WD+292, Thu 24 Aug 2028) is gone from its run day.
        assertThat(GENERATED.runsDueOn(LocalDate.of(2028, 8, 24))).hasSize(1);
        assertThat(merged.runsDueOn(LocalDate.of(2028, 8, 24))).isEmpty();
        assertThat(merged.runsDueOn(LocalDate.of(2028, 2, 1)))
                .containsExactly(entry("2027-07-01", RunType.RF, "2028-02-01", "2028-02-01T00:00:00Z"));
        // The originals are unchanged.
        assertThat(GENERATED.entry(SettlementDate.of(2027, 7, 1), RunType.R3)).isPresent();
    }

    @Test
    void loadedEntriesForNewDatesAreAdded() {
        SettlementTimetable loaded =
                SettlementTimetable.of(List.of(entry("2027-07-04", RunType.II, "2027-07-08", "2027-07-07T23:00:00Z")));

        SettlementTimetable merged = GENERATED.overriddenBy(loaded);

        assertThat(merged.runsDueOn(LocalDate.of(2027, 7, 8)))
                .extracting(e -> e.settlementDate() + " " + e.runType())
                .containsExactly("2027-07-01 II", "2027-07-02 II", "2027-07-03 II", "2027-07-04 II");
    }

    @Test
    void valueSemantics() {
        SettlementTimetable again = SettlementTimetable.of(GENERATED.entries());

        assertThat(again).isEqualTo(GENERATED).hasSameHashCodeAs(GENERATED);
        // Run days: 6 legacy ones each for 30 Jun and 1 Jul; the MHHS runs of 2 and 3 Jul share Thu 8 Jul (also the
        // legacy II of 1 Jul), Tue 13 Jul, Fri 13 Aug and Fri 29 Oct: 6 + 6 + 3 = 15.
        assertThat(GENERATED).hasToString("SettlementTimetable[4 settlement dates, 15 run days]");
    }

    @Test
    void entryInvariants() {
        SettlementDate d = SettlementDate.of(2026, 1, 15);

        assertThatThrownBy(() ->
                        SettlementCalendarEntry.of(d, RunType.SF, d.date(), Instant.parse("2026-01-16T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("planned_run_date 2026-01-15 of SF 2026-01-15 must be after the settlement date");
        // The date ends at 2026-01-16T00:00Z; one second earlier is too early.
        assertThatThrownBy(() -> SettlementCalendarEntry.of(
                        d, RunType.SF, LocalDate.of(2026, 2, 6), Instant.parse("2026-01-15T23:59:59Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data_cutoff 2026-01-15T23:59:59Z of SF 2026-01-15 is before the settlement date ends"
                        + " (2026-01-16T00:00:00Z)");
        // Run on Fri 6 Feb, which ends 2026-02-07T00:00Z.
        assertThatThrownBy(() -> SettlementCalendarEntry.of(
                        d, RunType.SF, LocalDate.of(2026, 2, 6), Instant.parse("2026-02-07T00:00:01Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data_cutoff 2026-02-07T00:00:01Z of SF 2026-01-15 is after the planned run date"
                        + " 2026-02-06 ends (2026-02-07T00:00:00Z)");
        // Both bounds are inclusive.
        assertThat(SettlementCalendarEntry.of(
                        d, RunType.II, LocalDate.of(2026, 1, 16), Instant.parse("2026-01-16T00:00:00Z")))
                .hasToString("2026-01-15 II on 2026-01-16 (cut-off 2026-01-16T00:00:00Z)");
        assertThat(SettlementCalendarEntry.of(
                        d, RunType.II, LocalDate.of(2026, 1, 16), Instant.parse("2026-01-17T00:00:00Z")))
                .isNotNull();
    }
}
