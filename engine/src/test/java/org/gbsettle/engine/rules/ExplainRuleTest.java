package org.gbsettle.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gbsettle.engine.rules.Rules.hh;
import static org.gbsettle.engine.rules.Rules.mpan;

import java.math.BigDecimal;
import java.util.List;
import org.gbsettle.engine.input.LoadShapeCategory;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.PublishedLoadShapes;
import org.gbsettle.engine.metering.ConnectionType;
import org.gbsettle.engine.metering.MarketSegment;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.EstimationMethod;
import org.gbsettle.engine.run.Explanation;
import org.gbsettle.engine.testing.TestRun;
import org.junit.jupiter.api.Test;

/** {@code SettlementCalculator.explain}: the chain read -> estimate -> line loss -> CCC -> aggregate -> correction. */
class ExplainRuleTest {

    private static final LoadShapeCategory X =
            new LoadShapeCategory(ConnectionType.C, MarketSegment.A, false, MeasurementQuantity.AI);

    @Test
    void test_explain_a_defaulted_value() {
        long m = mpan(1);
        TestRun t = TestRun.on("_A", "2026-01-15")
                .llf("L1", "1.050")
                .unit("SUPA", 0)
                .take(1, "0.0002")
                .config(CalculationConfig.defaults()
                        .withLoadShapeSource(CalculationConfig.LoadShapeSource.PUBLISHED)
                        .withEstimationMethods(List.of(EstimationMethod.LOAD_SHAPE_ANNUAL)))
                .shapes(PublishedLoadShapes.builder()
                        .periodValue(X, 1, new BigDecimal("0.2100"))
                        .annualTotal(X, new BigDecimal("2950.0"))
                        .build());
        // registered to an unknown BM unit: SUPA's default unit is used
        t.system(hh(m, "L1").measurementClass(MeasurementClass.G).eac("2700").bmUnit("2__ASUPA005"));
        Explanation x = t.explain(m, 1);
        // 2,700 x 0.2100 / 2,950.0 = 0.19220... -> R1 0.192 kWh, quality E
        assertThat(x.method()).isEqualTo("DEFAULTED_LOAD_SHAPE_ANNUAL");
        assertThat(x.quality()).isEqualTo("E");
        assertThat(x.valueKwh()).isEqualByComparingTo("0.192");
        // LLF 1.05: C 0.192 kWh, L 0.192 x 0.05 = 0.0096 kWh; class G estimated: CCC 28 / 31
        assertThat(x.llf()).isEqualByComparingTo("1.05");
        assertThat(x.consumptionKwh()).isEqualByComparingTo("0.192");
        assertThat(x.lossKwh()).isEqualByComparingTo("0.0096");
        assertThat(x.consumptionCcc()).isEqualTo(28);
        assertThat(x.lossCcc()).isEqualTo(31);
        assertThat(x.supplier()).isEqualTo("SUPA");
        assertThat(x.bmUnit()).isEqualTo("2__ASUPA000");
        // T = D = 0.000192 + 0.0000096 = 0.0002016 (W 1); take 0.0002: delta = -0.0000016
        // delta / D = -1/126 = -0.0079365079365... -> lambda -0.007936508; factor 1 + lambda x 1 = 0.992063492
        // corrected 0.0002016 x 0.992063492 = 0.0002016 - 0.0000016000000128 = 0.0001999999999872 MWh
        assertThat(x.lambda()).isEqualByComparingTo("-0.007936508");
        assertThat(x.factors()).hasSize(2).allSatisfy(f -> assertThat(f).isEqualByComparingTo("0.992063492"));
        assertThat(x.correctedMwh()).isEqualByComparingTo("0.0001999999999872");
        assertThat(x.steps())
                .extracting(Explanation.Step::name)
                .contains("estimate", "line loss", "CCC", "BM unit", "aggregate", "correction")
                .doesNotContain("read");
        assertThat(x.text()).contains("0.192");
    }

    @Test
    void test_explain_an_unknown_mpan() {
        long unknown = 2000024512368L;
        TestRun t = TestRun.on("_A", "2026-01-15").llf("L1", "1.050").unit("SUPA", 0);
        t.system(hh(mpan(1), "L1"));
        t.read(unknown, MeterReads.AI, 1, "5.000", 'A', 0);
        Explanation x = t.explain(unknown, 1);
        assertThat(x.method()).isEqualTo("NOT_SETTLED");
        assertThat(x.valueKwh()).isNull();
        assertThat(x.quality()).isEmpty();
        assertThat(x.supplier()).isNull();
        assertThat(x.bmUnit()).isNull();
        assertThat(x.correctedMwh()).isNull();
        // the submitted row and what happened to it: quarantined as UNKNOWN_MPAN
        assertThat(x.steps())
                .filteredOn(s -> s.name().equals("read"))
                .singleElement()
                .satisfies(s -> assertThat(s.detail()).contains("5.000").contains("UNKNOWN_MPAN"));
        assertThat(x.text()).contains("2000024512368");
    }
}
