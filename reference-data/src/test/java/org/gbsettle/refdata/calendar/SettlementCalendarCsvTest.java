package org.gbsettle.refdata.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.gbsettle.engine.calendar.SettlementCalendarEntry;
import org.gbsettle.engine.calendar.SettlementTimetable;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.time.SettlementDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettlementCalendarCsvTest {

    private static final String FILE = "svaa_calendar_2026.csv";
    private static final String HEADER = "settlement_date,run_type,planned_run_date,data_cutoff\n";

    private static SettlementTimetable parse(String text) {
        return SettlementCalendarCsv.parse(new StringReader(text), FILE);
    }

    @Test
    void parsesEntries() {
        // Thu 2026-01-15: MHHS SF on Mon 26 Jan, cut-off at the end of Fri 23 Jan (GMT).
        SettlementTimetable timetable = parse(HEADER
                + "2026-01-15,SF,2026-01-26,2026-01-24T00:00:00Z\n"
                + "2026-01-15,II,2026-01-21,2026-01-21T00:00:00Z\n");

        assertThat(timetable.entry(SettlementDate.of(2026, 1, 15), RunType.SF))
                .contains(SettlementCalendarEntry.of(
                        SettlementDate.of(2026, 1, 15),
                        RunType.SF,
                        LocalDate.of(2026, 1, 26),
                        Instant.parse("2026-01-24T00:00:00Z")));
        assertThat(timetable.runsDueOn(LocalDate.of(2026, 1, 21))).hasSize(1);
    }

    static Stream<Arguments> malformedFiles() {
        String prefix = FILE + " line 2, field ";
        return Stream.of(
                arguments(
                        "bad settlement date",
                        HEADER + "2026-1-15,SF,2026-01-26,2026-01-24T00:00:00Z\n",
                        prefix + "settlement_date: '2026-1-15' is not a date (YYYY-MM-DD)"),
                arguments(
                        "bad run type",
                        HEADER + "2026-01-15,S1,2026-01-26,2026-01-24T00:00:00Z\n",
                        prefix + "run_type: 'S1' is not one of II, SF, R1, R2, R3, RF, DF, D, DR"),
                arguments(
                        "bad run date",
                        HEADER + "2026-01-15,SF,2026-01-32,2026-01-24T00:00:00Z\n",
                        prefix + "planned_run_date: '2026-01-32' is not a date (YYYY-MM-DD)"),
                arguments(
                        "local time cut-off",
                        HEADER + "2026-01-15,SF,2026-01-26,2026-01-24T00:00:00\n",
                        prefix + "data_cutoff: '2026-01-24T00:00:00' is not a UTC instant (YYYY-MM-DDThh:mm:ssZ)"),
                arguments(
                        "run on the settlement date",
                        HEADER + "2026-01-15,SF,2026-01-15,2026-01-16T00:00:00Z\n",
                        prefix + "planned_run_date: '2026-01-15' must be after the settlement date 2026-01-15"),
                arguments(
                        // 2026-01-15 ends at 2026-01-16T00:00Z (GMT).
                        "cut-off inside the settlement date",
                        HEADER + "2026-01-15,SF,2026-01-26,2026-01-15T23:30:00Z\n",
                        prefix + "data_cutoff: '2026-01-15T23:30:00Z' is before the settlement date 2026-01-15 ends"
                                + " (2026-01-16T00:00:00Z)"),
                arguments(
                        // Mon 26 Jan 2026 ends at 2026-01-27T00:00Z.
                        "cut-off after the run date",
                        HEADER + "2026-01-15,SF,2026-01-26,2026-01-27T00:30:00Z\n",
                        prefix + "data_cutoff: '2026-01-27T00:30:00Z' is after the planned run date 2026-01-26 ends"
                                + " (2026-01-27T00:00:00Z)"),
                arguments(
                        "repeat",
                        HEADER + "2026-01-15,SF,2026-01-26,2026-01-24T00:00:00Z\n"
                                + "2026-01-15,II,2026-01-21,2026-01-21T00:00:00Z\n"
                                + "2026-01-15,SF,2026-01-27,2026-01-27T00:00:00Z\n",
                        FILE + " line 4: 2026-01-15 SF repeats line 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void malformedFiles(String name, String text, String message) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(CalendarFileException.class)
                .hasMessage(message);
    }
}
