package org.gbsettle.engine.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The MPAN core and its check digit, domain.md §6.7: {@code c = (sum d_i x p_i mod 11) mod 10}. */
class MpanTest {

    /** MPAN core, weighted sum of the first 12 digits (worked by hand), expected check digit, valid. */
    static Stream<Arguments> checkDigitExamples() {
        return Stream.of(
                // 2x3 + 0x5 + 0x7 + 0x13 + 0x17 + 2x19 + 4x23 + 5x29 + 1x31 + 2x37 + 3x41 + 6x43
                // = 6 + 38 + 92 + 145 + 31 + 74 + 123 + 258 = 767; 767 mod 11 = 8; 8 mod 10 = 8 = 13th digit
                Arguments.of(2000024512368L, 767, 8, true),
                // 1x3 + 2x5 + 2x19 + 3x23 + 3x29 + 0x31 + 5x37 + 9x41 + 6x43
                // = 3 + 10 + 38 + 69 + 87 + 185 + 369 + 258 = 1019; 1019 - 92x11 = 7
                Arguments.of(1200023305967L, 1019, 7, true),
                // 1x3 + 7x5 + 1x7 + 2x43 = 3 + 35 + 7 + 86 = 131; 131 - 11x11 = 10; 10 mod 10 = 0
                Arguments.of(1710000000020L, 131, 0, true),
                // 1x3 + 3x5 + 1x7 + 5x13 + 1x23 + 1x29 + 6x31 + 5x37 + 1x41 + 2x43
                // = 3 + 15 + 7 + 65 + 23 + 29 + 186 + 185 + 41 + 86 = 640; 640 - 58x11 = 2; found 3: invalid
                Arguments.of(1315001165123L, 640, 2, false),
                // 1x3 + 1x7 + 1x43 = 53; 53 - 4x11 = 9 (the first MPAN of domain.md §10.1)
                Arguments.of(1010000000019L, 53, 9, true),
                // leading zero: 1x5 = 5; 5 mod 11 = 5
                Arguments.of(100000000005L, 5, 5, true),
                // leading zeros: 1x31 + 2x37 + 3x41 + 4x43 = 31 + 74 + 123 + 172 = 400; 400 - 36x11 = 4; found 5
                Arguments.of(12345L, 400, 4, false));
    }

    @ParameterizedTest(name = "{0}: sum {1}, check digit {2}")
    @MethodSource("checkDigitExamples")
    void test_check_digit(long core, int weightedSum, int checkDigit, boolean valid) {
        assertThat(Mpan.checkDigit(core)).isEqualTo(checkDigit);
        assertThat(Mpan.isValid(core)).isEqualTo(valid);
    }

    @Test
    void test_invalid_check_digit_is_rejected_naming_the_expected_digit() {
        // 1315001165123: expected 2 (sum 640), found 3
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Mpan.of(1315001165123L))
                .withMessageContaining("1315001165123")
                .withMessageContaining("2");
        assertThatIllegalArgumentException().isThrownBy(() -> Mpan.parse("1315001165123"));
    }

    @Test
    void test_not_13_digits_is_invalid() {
        // 14 digits and negative numbers are not MPAN cores, whatever their last digit
        assertThat(Mpan.isValid(10_000_000_000_000L)).isFalse();
        assertThat(Mpan.isValid(20_000_245_123_680L)).isFalse();
        assertThat(Mpan.isValid(-2000024512368L)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> Mpan.of(10_000_000_000_000L));
        assertThatIllegalArgumentException().isThrownBy(() -> Mpan.of(-1L));
    }

    static Stream<Arguments> parsable() {
        return Stream.of(
                Arguments.of("2000024512368", 2000024512368L),
                Arguments.of("20 0002 4512 368", 2000024512368L),
                Arguments.of(" 2000024512368 ", 2000024512368L),
                // full 21-digit MPAN: profile class 00 + MTC 801 + LLFC 500 + the 13-digit core
                Arguments.of("008015002000024512368", 2000024512368L),
                Arguments.of("00 801 500 20 0002 4512 368", 2000024512368L),
                Arguments.of("0380150012 0002 3305 967", 1200023305967L),
                // leading zero kept as a number
                Arguments.of("0100000000005", 100000000005L));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("parsable")
    void test_parse(String text, long core) {
        assertThat(Mpan.parse(text).core()).isEqualTo(core);
    }

    static Stream<String> unparsable() {
        return Stream.of(
                "200002451236", // 12 digits
                "20000245123680", // 14 digits
                "2000024512369", // check digit should be 8
                "20000245123A8", // a letter
                "-200002451236", // a sign
                "0080150020000245123681", // 22 digits
                "00801500200002451236", // 20 digits
                "008015002000024512369", // 21 digits, core with a bad check digit
                "",
                "   ");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("unparsable")
    void test_parse_errors(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Mpan.parse(text));
    }

    @Test
    void test_format_and_distributor() {
        assertThat(Mpan.format(100000000005L)).isEqualTo("0100000000005");
        assertThat(Mpan.of(100000000005L).toString()).isEqualTo("0100000000005");
        assertThat(Mpan.of(2000024512368L).distributorShortCode()).isEqualTo(20);
        assertThat(Mpan.of(1200023305967L).distributorShortCode()).isEqualTo(12);
        assertThat(Mpan.of(100000000005L).distributorShortCode()).isEqualTo(1);
    }

    @Test
    void test_order_by_core() {
        assertThat(Mpan.of(1200023305967L)).isLessThan(Mpan.of(2000024512368L));
    }
}
