package org.gbsettle.refdata.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.StringReader;
import java.util.stream.Stream;
import org.gbsettle.engine.calendar.RunOffset;
import org.gbsettle.engine.calendar.RunOffsetTable;
import org.gbsettle.engine.calendar.TimetableRegime;
import org.gbsettle.engine.run.RunType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunOffsetCsvTest {

    private static final String FILE = "run_timetable_offsets.csv";

    private static RunOffsetTable parse(String text) {
        return RunOffsetCsv.parse(new StringReader(text), FILE);
    }

    @Test
    void parsesInAnyRowOrder() {
        RunOffsetTable table = parse("regime,run_type,working_days\nMHHS,SF,7\nMHHS,II,4\nLEGACY,RF,292\n");

        assertThat(table.offsets(TimetableRegime.MHHS))
                .containsExactly(
                        RunOffset.of(TimetableRegime.MHHS, RunType.II, 4),
                        RunOffset.of(TimetableRegime.MHHS, RunType.SF, 7));
        assertThat(table.offset(TimetableRegime.LEGACY, RunType.RF))
                .contains(RunOffset.of(TimetableRegime.LEGACY, RunType.RF, 292));
    }

    static Stream<Arguments> malformedFiles() {
        String header = "regime,run_type,working_days\n";
        String prefix = FILE + " line ";
        return Stream.of(
                arguments(
                        "unknown regime",
                        header + "LEGASY,II,5\n",
                        prefix + "2, field regime: 'LEGASY' is not one of LEGACY, MHHS"),
                arguments(
                        "lower-case regime",
                        header + "mhhs,II,4\n",
                        prefix + "2, field regime: 'mhhs' is not one of LEGACY, MHHS"),
                arguments(
                        "unknown run type",
                        header + "MHHS,R4,40\n",
                        prefix + "2, field run_type: 'R4' is not one of II, SF, R1, R2, R3, RF, DF, D, DR"),
                arguments(
                        "ad-hoc run",
                        header + "MHHS,DR,400\n",
                        prefix + "2, field run_type: 'DR' is an ad-hoc dispute run and has no timetable offset"),
                arguments(
                        "not a number",
                        header + "MHHS,II,four\n",
                        prefix + "2, field working_days: 'four' is not a whole number"),
                arguments(
                        "decimal",
                        header + "MHHS,II,4.0\n",
                        prefix + "2, field working_days: '4.0' is not a whole number"),
                arguments("empty", header + "MHHS,II,\n", prefix + "2, field working_days: '' is not a whole number"),
                arguments("zero", header + "MHHS,II,0\n", prefix + "2, field working_days: '0' must be at least 1"),
                arguments(
                        "negative", header + "MHHS,II,-4\n", prefix + "2, field working_days: '-4' must be at least 1"),
                arguments(
                        "too large",
                        header + "MHHS,II,99999999999\n",
                        prefix + "2, field working_days: '99999999999' is not a whole number"),
                arguments("repeat", header + "MHHS,II,4\nMHHS,SF,7\nMHHS,II,5\n", prefix + "4: MHHS II repeats line 2"),
                arguments(
                        "not increasing",
                        header + "MHHS,II,4\nMHHS,SF,7\nMHHS,R1,7\n",
                        prefix + "4, field working_days: '7' of R1 must be greater than SF's 7 on line 3 (a later run"
                                + " type runs later)"),
                arguments(
                        "earlier rank later in file",
                        header + "LEGACY,RF,292\nLEGACY,II,300\n",
                        prefix + "2, field working_days: '292' of RF must be greater than II's 300 on line 3 (a later"
                                + " run type runs later)"),
                arguments(
                        "wrong header",
                        "regime,run,working_days\nMHHS,II,4\n",
                        prefix + "1: header is 'regime,run,working_days' but must be 'regime,run_type,working_days'"),
                arguments("header only", header, FILE + ": lists no run offsets"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void malformedFiles(String name, String text, String message) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(CalendarFileException.class)
                .hasMessage(message);
    }
}
