package org.gbsettle.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.gbsettle.engine.input.LoadShapeCategory;
import org.gbsettle.engine.input.PublishedLoadShapes;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.IssueCode;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.testing.RegistrationBuilder;
import org.gbsettle.engine.testing.TestRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code OUTLIER} (domain.md §8): a value far from annual consumption x load shape is warned about and used. */
class OutlierRuleTest {

    private static final long MPAN = Rules.mpan(501);

    @ParameterizedTest(name = "{0} kWh at ratio {1}: outlier {2}")
    @CsvSource({
        // AC 8,760 kWh/yr, flat shape 0.5 kWh in each of 48 periods, annual total 8,760: expected 0.5 kWh
        "6.000, 10, true", //   6 > 0.5 x 10 = 5 and |6 - 0.5| = 5.5 >= 1
        "4.000, 10, false", //  4 < 5
        "5.000, 10, false", //  5 is not above 5
        "0.000, 10, false", //  0 x 10 < 0.5 but |0 - 0.5| = 0.5 < 1 kWh
        "6.000, 0, false", //   check off
        "2.000, 3, true", //    2 > 0.5 x 3 = 1.5 and |2 - 0.5| = 1.5 >= 1
    })
    void test_outlier_warning(String kwh, String ratio, boolean outlier) {
        RegistrationBuilder r = RegistrationBuilder.mpan(MPAN)
                .supplier("SUPA")
                .bmUnit("2__ASUPA000")
                .llfc("DIST", "A1")
                .measurementClass(MeasurementClass.G)
                .eac("8760");
        LoadShapeCategory cat = LoadShapeCategory.of(r.build());
        PublishedLoadShapes.Builder shapes = PublishedLoadShapes.builder().annualTotal(cat, new BigDecimal("8760"));
        for (int p = 1; p <= 48; p++) {
            shapes.periodValue(cat, p, new BigDecimal("0.5"));
        }
        RunResult result = TestRun.on("_A", "2026-01-15")
                .llf("A1", "1.000")
                .unit("SUPA", 0)
                .system(r)
                .readAll(MPAN, "0.500", 'A')
                .read(MPAN, 20, kwh, 'A')
                .shapes(shapes.build())
                .config(CalculationConfig.defaults()
                        .withLoadShapeSource(CalculationConfig.LoadShapeSource.PUBLISHED)
                        .withOutlierRatio(new BigDecimal(ratio)))
                .run();
        // the SP20 read of `kwh` is later in row order with the same receipt time, so it wins (larger row id)
        assertThat(result.issues(IssueCode.OUTLIER))
                .as("outlier issues")
                .hasSize(outlier ? 1 : 0)
                .allSatisfy(i -> {
                    assertThat(i.mpan()).isEqualTo(MPAN);
                    assertThat(i.period()).isEqualTo(20);
                });
        // the value is used all the same (LLF 1: consumption only; a zero row is not output)
        BigDecimal used = result.supplierVolumes().stream()
                .filter(v -> v.period() == 20)
                .map(v -> v.uncorrectedMwh())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(used).isEqualByComparingTo(new BigDecimal(kwh).movePointLeft(3));
    }
}
