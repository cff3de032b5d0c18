package org.gbsettle.engine.calc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EstimatorArithmeticTest {

    @ParameterizedTest
    @CsvSource({
        // value, divisor, expected: half away from zero
        "15, 10, 2", // 1.5 -> 2
        "14, 10, 1",
        "-15, 10, -2", // -1.5 -> -2
        "-14, 10, -1",
        "25, 10, 3",
        "0, 7, 0",
        "7, 1, 7",
        "1, 2, 1", // 0.5 -> 1
        "-1, 2, -1",
    })
    void test_round_half_up(long value, long divisor, long expected) {
        assertThat(Estimator.roundHalfUp(value, divisor)).isEqualTo(expected);
    }

    @Test
    void test_shape_eac_domain_example() {
        // 2,700 kWh x 0.0000571 = 0.154170 kWh = 154.17 Wh -> 154 Wh
        assertThat(Estimator.shapeEac(new BigDecimal("2700"), new BigDecimal("0.0000571")))
                .isEqualTo(154);
    }

    @Test
    void test_integer_path_equals_decimal_rounding() {
        Random random = new Random(42);
        for (int k = 0; k < 100_000; k++) {
            // EAC with 1 dp (may be negative), coefficient with 9 dp
            long eacTenths = random.nextInt(200_000_000) - 10_000_000;
            long coefficient = random.nextInt(1_000_000);
            BigDecimal eac = BigDecimal.valueOf(eacTenths, 1);
            BigDecimal c = BigDecimal.valueOf(coefficient, 9);
            long expected = eac.multiply(c)
                    .movePointRight(3)
                    .setScale(0, RoundingMode.HALF_UP)
                    .longValueExact();
            // scale 9: divisor 10^(9 + 1 - 3) = 10^7 on the product of unscaled values
            assertThat(Estimator.roundHalfUp(eacTenths * coefficient, 10_000_000L))
                    .as("%s x %s", eac, c)
                    .isEqualTo(expected);
        }
    }
}
