package org.gbsettle.refdata.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.gbsettle.engine.calendar.RegimeSwitch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegimeSwitchCsvTest {

    private static final String FILE = "timetable_regime_switch.csv";

    private static RegimeSwitch parse(String text) {
        return RegimeSwitchCsv.parse(new StringReader(text), FILE);
    }

    @Test
    void parsesBothBases() {
        assertThat(parse("milestone,switch_date,basis\nM16,2027-07-02,SETTLEMENT_DATE\n"))
                .isEqualTo(RegimeSwitch.of(LocalDate.of(2027, 7, 2), RegimeSwitch.Basis.SETTLEMENT_DATE));
        assertThat(parse("milestone,switch_date,basis\nM16,2027-07-02,FIRST_RUN_DATE"))
                .isEqualTo(RegimeSwitch.of(LocalDate.of(2027, 7, 2), RegimeSwitch.Basis.FIRST_RUN_DATE));
    }

    static Stream<Arguments> malformedFiles() {
        String header = "milestone,switch_date,basis\n";
        return Stream.of(
                arguments(
                        "bad date",
                        header + "M16,2027-07-32,SETTLEMENT_DATE\n",
                        FILE + " line 2, field switch_date: '2027-07-32' is not a date (YYYY-MM-DD)"),
                arguments(
                        "bad basis",
                        header + "M16,2027-07-02,RUN_DATE\n",
                        FILE + " line 2, field basis: 'RUN_DATE' is not one of SETTLEMENT_DATE, FIRST_RUN_DATE"),
                arguments(
                        "no milestone",
                        header + ",2027-07-02,SETTLEMENT_DATE\n",
                        FILE + " line 2, field milestone: '' must not be empty"),
                arguments(
                        "two rows",
                        header + "M16,2027-07-02,SETTLEMENT_DATE\nM17,2027-08-02,SETTLEMENT_DATE\n",
                        FILE + " line 3: a second switch row; the file must have exactly one"),
                arguments("no row", header, FILE + ": has no switch row (exactly one is needed)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void malformedFiles(String name, String text, String message) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(CalendarFileException.class)
                .hasMessage(message);
    }
}
