package org.gbsettle.refdata.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BankHolidayCsvTest {

    private static final String FILE = "bank_holidays_england_wales.csv";

    private static List<BankHoliday> parse(String text) {
        return BankHolidayCsv.parse(new StringReader(text), FILE);
    }

    @Test
    void parsesRowsWithQuotingCrlfAndEmptyLines() {
        List<BankHoliday> holidays =
                parse("date,name\r\n2026-01-01,New Year's Day\r\n\r\n" + "2026-12-28,\"Boxing Day, substitute\"\r\n");

        assertThat(holidays)
                .containsExactly(
                        new BankHoliday(LocalDate.of(2026, 1, 1), "New Year's Day"),
                        new BankHoliday(LocalDate.of(2026, 12, 28), "Boxing Day, substitute"));
    }

    @Test
    void aBadDateNamesFileLineFieldAndRule() {
        String text = """
                date,name
                2026-01-01,New Year's Day
                2026-01-02,a
                2026-01-05,b
                2026-01-06,c
                2026-01-07,d
                2026-02-30,e
                """;

        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(CalendarFileException.class)
                .hasMessage(
                        "bank_holidays_england_wales.csv line 7, field date: '2026-02-30' is not a date (YYYY-MM-DD)")
                .satisfies(e -> {
                    CalendarFileException c = (CalendarFileException) e;
                    assertThat(c.file()).isEqualTo(FILE);
                    assertThat(c.line()).isEqualTo(7);
                    assertThat(c.field()).isEqualTo("date");
                });
    }

    static Stream<Arguments> malformedFiles() {
        String prefix = FILE + " line ";
        return Stream.of(
                arguments(
                        "not ISO",
                        "date,name\n15/01/2026,x\n",
                        prefix + "2, field date: '15/01/2026' is not a date (YYYY-MM-DD)"),
                arguments(
                        "compact",
                        "date,name\n20260115,x\n",
                        prefix + "2, field date: '20260115' is not a date (YYYY-MM-DD)"),
                arguments(
                        "leading space",
                        "date,name\n 2026-01-15,x\n",
                        prefix + "2, field date: ' 2026-01-15' is not a date (YYYY-MM-DD)"),
                arguments(
                        "weekend",
                        "date,name\n2026-12-26,Boxing Day\n",
                        prefix + "2, field date: '2026-12-26' is a Saturday; bank holidays fall on Monday to Friday"
                                + " (list the substitute day)"),
                arguments(
                        "descending",
                        "date,name\n2026-04-06,a\n2026-04-03,b\n",
                        prefix + "3, field date: '2026-04-03' is not after '2026-04-06' on line 2 (dates must ascend,"
                                + " without repeats)"),
                arguments(
                        "repeat after an empty line",
                        "date,name\n2026-04-06,a\n\n2026-04-06,b\n",
                        prefix + "4, field date: '2026-04-06' is not after '2026-04-06' on line 2 (dates must ascend,"
                                + " without repeats)"),
                arguments("empty name", "date,name\n2026-04-06,\n", prefix + "2, field name: '' must not be empty"),
                arguments("blank name", "date,name\n2026-04-06, \n", prefix + "2, field name: ' ' must not be empty"),
                arguments(
                        "too many fields",
                        "date,name\n2026-04-06,a,b\n",
                        prefix + "2: 3 fields but the header 'date,name' has 2"),
                arguments(
                        "too few fields",
                        "date,name\n2026-04-01,a\n2026-04-06\n",
                        prefix + "3: 1 fields but the header 'date,name' has 2"),
                arguments(
                        "wrong header",
                        "day,name\n2026-04-06,a\n",
                        prefix + "1: header is 'day,name' but must be 'date,name'"),
                arguments(
                        "header out of order",
                        "name,date\n",
                        prefix + "1: header is 'name,date' but must be 'date,name'"),
                arguments("header only", "date,name\n", FILE + ": lists no bank holidays"),
                arguments("unterminated quote", "date,name\n2026-04-06,\"Easter\n", FILE + ": is not valid CSV: "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void malformedFiles(String name, String text, String message) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(CalendarFileException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void anEmptyFile() {
        assertThatThrownBy(() -> parse(""))
                .isInstanceOf(CalendarFileException.class)
                .hasMessage("bank_holidays_england_wales.csv: file is empty (expected header 'date,name')");
    }

    @Test
    void aByteOrderMark() {
        assertThatThrownBy(() -> parse("\uFEFFdate,name\n2026-01-01,x\n"))
                .isInstanceOf(CalendarFileException.class)
                .hasMessage("bank_holidays_england_wales.csv line 1: starts with a byte-order mark; save the file as"
                        + " UTF-8 without BOM");
    }
}
