package org.gbsettle.jobs.io.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.gbsettle.refdata.csv.RegistrationsCsv.Rules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The typed checks of {@link RegistrationCopy}: the MPAN core rule and the binary {@code numeric} decoding. */
class RegistrationCopyTest {

    /**
     * The typed MPAN check accepts exactly what {@link Rules#MPAN_CORE} accepts of PostgreSQL's text of the bigint.
     * 1000000001150: digits 1,0,...,0,1,1,5 times primes 3,...,37,41,43: 3 + 37 + 41 + 215 = 296, 296 % 11 % 10 = 0.
     */
    @ParameterizedTest
    @CsvSource({
        "1000000001150, true",
        "1000000001151, false",
        "999999999999, false", // 12 digits
        "100000000115, false",
        "10000000000000, false", // 14 digits
        "-1000000001150, false",
        "0, false",
        "9999999999999, false",
    })
    void the_mpan_check_is_the_text_rule(long core, boolean accepted) {
        boolean byRule;
        try {
            Rules.MPAN_CORE.apply(Long.toString(core));
            byRule = true;
        } catch (IllegalArgumentException e) {
            byRule = false;
        }
        assertThat(byRule).isEqualTo(accepted);
        assertThat(RegistrationCopy.mpanAccepted(core)).isEqualTo(accepted);
    }

    /**
     * PostgreSQL's binary numeric: base-10000 digits, the first of weight {@code weight}, sign 0x0000 or 0x4000
     * (negative), {@code dscale} decimals; the expected text is worked out by hand from the digits.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1 6795 9000     | 1  | 0     | 1 | 16795.9",
                "1000            | -1 | 0     | 1 | 0.1",
                "5               | 0  | 16384 | 1 | -5.0",
                "1200            | 0  | 0     | 1 | 1200.0",
                "1               | 1  | 0     | 1 | 10000.0",
                "12 3000         | 0  | 16384 | 1 | -12.3",
                "9 9999 9999 9999 9000 | 3 | 0 | 1 | 9999999999999.9",
                "''              | 0  | 0     | 1 | 0.0",
                "7               | 0  | 0     | 0 | 7",
                "1 2345 6700     | 0  | 0     | 6 | 1.234567",
            })
    void binary_numerics_decode_to_the_decimal_of_their_text(
            String digits, int weight, int sign, int dscale, String text) {
        String[] d = digits.isBlank() ? new String[0] : digits.trim().split(" +");
        byte[] b = new byte[2 * d.length];
        for (int i = 0; i < d.length; i++) {
            int v = Integer.parseInt(d[i]);
            b[2 * i] = (byte) (v >> 8);
            b[2 * i + 1] = (byte) v;
        }
        BigDecimal decoded = RegistrationCopy.numeric(b, 0, d.length, weight, sign, dscale);
        // equals: the same unscaled value and scale, as new BigDecimal(text) reads PostgreSQL's text
        assertThat(decoded).isEqualTo(new BigDecimal(text));
    }

    @ParameterizedTest
    @CsvSource({"49152", "53248", "61440"}) // NaN, Infinity, -Infinity
    void special_numerics_are_no_decimal(int sign) {
        assertThat(RegistrationCopy.numeric(new byte[0], 0, 0, 0, sign, 0)).isNull();
    }
}
