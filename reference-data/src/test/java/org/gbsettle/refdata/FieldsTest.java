package org.gbsettle.refdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldsTest {

    static Stream<Arguments> good() {
        return Stream.of(
                Arguments.of("decimal", (Function<String, ?>) Fields::decimal, "-0.5", new BigDecimal("-0.5")),
                Arguments.of(
                        "decimal without integer part",
                        (Function<String, ?>) Fields::decimal,
                        ".25",
                        new BigDecimal("0.25")),
                Arguments.of(
                        "4 dp with trailing zero is 3 dp",
                        (Function<String, ?>) s -> Fields.decimal(s, 3),
                        "1.2340",
                        new BigDecimal("1.2340")),
                Arguments.of("integer", (Function<String, ?>) Fields::integer, "+42", 42L),
                Arguments.of(
                        "ISO date", (Function<String, ?>) Fields::isoDate, "2028-02-29", LocalDate.of(2028, 2, 29)),
                Arguments.of(
                        "compact date",
                        (Function<String, ?>) Fields::compactDate,
                        "20210922",
                        LocalDate.of(2021, 9, 22)),
                Arguments.of(
                        "instant with offset",
                        (Function<String, ?>) Fields::instant,
                        "2026-03-29T02:30:00+01:00",
                        Instant.parse("2026-03-29T01:30:00Z")),
                Arguments.of("flag Y", (Function<String, ?>) Fields::flag, "y", true),
                Arguments.of("flag F", (Function<String, ?>) Fields::flag, "F", false),
                Arguments.of("yes/no TRUE", (Function<String, ?>) Fields::yesNo, "TRUE", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("good")
    void test_parses(String name, Function<String, ?> parser, String text, Object expected) {
        assertThat(parser.apply(text)).isEqualTo(expected);
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of((Function<String, ?>) Fields::decimal, "1e3", "'1e3' is not a decimal"),
                Arguments.of((Function<String, ?>) Fields::decimal, "1,000", "'1,000' is not a decimal"),
                Arguments.of(
                        (Function<String, ?>) s -> Fields.decimal(s, 3),
                        "1.0001",
                        "'1.0001' has more than 3 decimal places"),
                Arguments.of(
                        (Function<String, ?>) s -> Fields.nonNegativeDecimal(s, 3), "-0.001", "'-0.001' is negative"),
                Arguments.of((Function<String, ?>) Fields::integer, "1.0", "'1.0' is not a whole number"),
                Arguments.of((Function<String, ?>) s -> Fields.integer(s, 1, 50), "51", "'51' is outside 1..50"),
                Arguments.of(
                        (Function<String, ?>) Fields::isoDate,
                        "2027-02-29",
                        "'2027-02-29' is not a date" + " (YYYY-MM-DD)"),
                Arguments.of(
                        (Function<String, ?>) Fields::compactDate, "2021092", "'2021092' is not a date (YYYYMMDD)"),
                Arguments.of(
                        (Function<String, ?>) Fields::instant,
                        "2026-01-16T06:00:00",
                        "'2026-01-16T06:00:00' is not a timestamp with a UTC offset (e.g. 2026-01-16T09:00:00Z)"),
                Arguments.of((Function<String, ?>) Fields::flag, "yes", "'yes' is not true/false, Y/N or T/F"),
                Arguments.of((Function<String, ?>) Fields::yesNo, "T", "'T' is not true/false or Y/N"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("bad")
    void test_rejects_naming_value_and_rule(Function<String, ?> parser, String text, String message) {
        assertThatThrownBy(() -> parser.apply(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
