package org.gbsettle.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.gbsettle.engine.rules.Rules.mpan;
import static org.gbsettle.engine.rules.Rules.uncorrectedByCcc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.gbsettle.engine.input.LoadShapeCategory;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.PublishedLoadShapes;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.reference.Basis;
import org.gbsettle.engine.reference.Component;
import org.gbsettle.engine.reference.ConsumptionComponentClass;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.engine.reference.ScalingWeight;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.CalculationIssue;
import org.gbsettle.engine.run.EstimationMethod;
import org.gbsettle.engine.run.IssueCode;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.testing.RegistrationBuilder;
import org.gbsettle.engine.testing.TestReferenceData;
import org.gbsettle.engine.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Step 3 (domain.md §4, §6.2): CCCs come from the mapping table (MQ, HH/NHH, metered/unmetered, component, actual or
 * estimated, measurement class); a defaulted value is estimated; no match or more than one is {@code MISSING_CCC}
 * (F). With the CCCs of {@link TestReferenceData}: 1/4 HH metered >100 kW actual, 9/12 its estimates, 23/26 and 28/31
 * below 100 kW, 2/5 and 10/13 unmetered, 6/8 and 14/16 export.
 */
class CccAssignmentRuleTest {

    enum How {
        ACTUAL,
        ESTIMATE,
        DEFAULTED
    }

    static Stream<Arguments> assignments() {
        return Stream.of(
                Arguments.of(MeasurementClass.C, false, How.ACTUAL, 1, 4),
                Arguments.of(MeasurementClass.C, false, How.ESTIMATE, 9, 12),
                Arguments.of(MeasurementClass.C, false, How.DEFAULTED, 9, 12),
                Arguments.of(MeasurementClass.E, false, How.ACTUAL, 23, 26),
                Arguments.of(MeasurementClass.F, false, How.ACTUAL, 23, 26),
                Arguments.of(MeasurementClass.G, false, How.ACTUAL, 23, 26),
                Arguments.of(MeasurementClass.E, false, How.ESTIMATE, 28, 31),
                Arguments.of(MeasurementClass.F, false, How.ESTIMATE, 28, 31),
                Arguments.of(MeasurementClass.G, false, How.ESTIMATE, 28, 31),
                Arguments.of(MeasurementClass.F, false, How.DEFAULTED, 28, 31),
                Arguments.of(MeasurementClass.G, false, How.DEFAULTED, 28, 31),
                Arguments.of(MeasurementClass.D, false, How.ACTUAL, 2, 5),
                Arguments.of(MeasurementClass.D, false, How.ESTIMATE, 10, 13),
                Arguments.of(MeasurementClass.D, false, How.DEFAULTED, 10, 13),
                Arguments.of(MeasurementClass.C, true, How.ACTUAL, 6, 8),
                Arguments.of(MeasurementClass.C, true, How.ESTIMATE, 14, 16),
                Arguments.of(MeasurementClass.C, true, How.DEFAULTED, 14, 16),
                Arguments.of(MeasurementClass.G, true, How.ACTUAL, 6, 8),
                Arguments.of(MeasurementClass.G, true, How.ESTIMATE, 14, 16));
    }

    @ParameterizedTest(name = "class {0} export {1} {2} -> CCC {3}/{4}")
    @MethodSource("assignments")
    void test_ccc_of_consumption_and_losses(MeasurementClass mc, boolean export, How how, int cccC, int cccL) {
        long m = mpan(1);
        RegistrationBuilder b = RegistrationBuilder.mpan(m)
                .llfc("DIST", "L1")
                .group("_A")
                .measurementClass(mc)
                .eac("2700");
        Registration reg = (export ? b.export() : b).build();
        TestRun t = TestRun.on("_A", "2026-01-15")
                .llf("L1", "1.050")
                .unit("SUPA", 0)
                .system(reg);
        String c;
        String l;
        if (how == How.DEFAULTED) {
            // LOAD_SHAPE_ANNUAL: 2,700 x 0.2100 / 2,950.0 = 0.19220... -> 0.192 kWh; loss 0.192 x 0.05 = 0.0096 kWh
            LoadShapeCategory cat = LoadShapeCategory.of(reg);
            t.config(CalculationConfig.defaults()
                            .withLoadShapeSource(CalculationConfig.LoadShapeSource.PUBLISHED)
                            .withEstimationMethods(List.of(EstimationMethod.LOAD_SHAPE_ANNUAL)))
                    .shapes(PublishedLoadShapes.builder()
                            .periodValue(cat, 10, new BigDecimal("0.2100"))
                            .annualTotal(cat, new BigDecimal("2950.0"))
                            .build());
            c = "0.000192";
            l = "0.0000096";
        } else {
            // 40 kWh; loss 40 x 0.05 = 2 kWh
            t.read(m, export ? MeterReads.AE : MeterReads.AI, 10, "40.000", how == How.ACTUAL ? 'A' : 'E', 0);
            c = "0.04";
            l = "0.002";
        }
        RunResult r = t.run();
        String sign = export ? "-" : "";
        assertThat(uncorrectedByCcc(r, 10)).isEqualTo(Map.of(cccC, sign + c, cccL, sign + l));
    }

    private static List<ConsumptionComponentClass> cccsWithout(int id) {
        List<ConsumptionComponentClass> l = new ArrayList<>(TestReferenceData.cccs());
        l.removeIf(c -> c.id() == id);
        return l;
    }

    private static MissingReferenceDataException failure(TestRun t) {
        MissingReferenceDataException e = catchThrowableOfType(MissingReferenceDataException.class, t::run);
        assertThat(e).as("the run fails").isNotNull();
        return e;
    }

    @Test
    void test_no_ccc_for_unmetered_export_fails_the_run() {
        long m = mpan(1);
        TestRun t = TestRun.on("_A", "2026-01-15").llf("L1", "1.050").unit("SUPA", 0);
        // no CCC of the table is AE and unmetered
        t.system(Rules.hh(m, "L1").measurementClass(MeasurementClass.D).export());
        t.read(m, MeterReads.AE, 10, "40.000", 'A', 0);
        assertThat(failure(t).problems())
                .extracting(CalculationIssue::code)
                .isNotEmpty()
                .containsOnly(IssueCode.MISSING_CCC);
    }

    @Test
    void test_missing_mapping_fails_the_run() {
        long m = mpan(1);
        TestRun t = TestRun.on("_A", "2026-01-15")
                .llf("L1", "1.050")
                .unit("SUPA", 0)
                .cccs(cccsWithout(23));
        t.system(Rules.hh(m, "L1").measurementClass(MeasurementClass.G));
        t.read(m, 10, "40.000", 'A');
        assertThat(failure(t).problems()).extracting(CalculationIssue::code).containsExactly(IssueCode.MISSING_CCC);
    }

    @Test
    void test_two_matching_cccs_fail_the_run() {
        long m = mpan(1);
        List<ConsumptionComponentClass> cccs = new ArrayList<>(TestReferenceData.cccs());
        // CCC 40 has the attributes of CCC 1
        cccs.add(new ConsumptionComponentClass(
                40,
                MeasurementQuantity.AI,
                true,
                true,
                Component.C,
                Basis.A,
                Set.of(MeasurementClass.C),
                "duplicate of CCC 1",
                EffectiveRange.ALWAYS));
        List<ScalingWeight> weights = new ArrayList<>(TestReferenceData.weights());
        weights.add(new ScalingWeight(40, BigDecimal.ZERO, EffectiveRange.ALWAYS));
        TestRun t = TestRun.on("_A", "2026-01-15")
                .llf("L1", "1.050")
                .unit("SUPA", 0)
                .cccs(cccs)
                .weights(weights);
        t.system(Rules.hh(m, "L1"));
        t.read(m, 10, "40.000", 'A');
        assertThat(failure(t).problems()).extracting(CalculationIssue::code).containsExactly(IssueCode.MISSING_CCC);
    }

    @Test
    void test_ccc_mapping_is_effective_dated() {
        long m = mpan(1);
        List<ConsumptionComponentClass> cccs = new ArrayList<>();
        for (ConsumptionComponentClass c : TestReferenceData.cccs()) {
            if (c.id() == 23) {
                // CCC 23 ends on 2026-01-14; CCC 50 takes over its attributes from 2026-01-15
                cccs.add(new ConsumptionComponentClass(
                        23,
                        c.measurementQuantity(),
                        c.halfHourly(),
                        c.metered(),
                        c.component(),
                        c.basis(),
                        c.measurementClasses(),
                        c.description(),
                        EffectiveRange.of(LocalDate.of(2020, 1, 1), LocalDate.of(2026, 1, 14))));
                cccs.add(new ConsumptionComponentClass(
                        50,
                        c.measurementQuantity(),
                        c.halfHourly(),
                        c.metered(),
                        c.component(),
                        c.basis(),
                        c.measurementClasses(),
                        "successor of 23",
                        EffectiveRange.from(LocalDate.of(2026, 1, 15))));
            } else {
                cccs.add(c);
            }
        }
        List<ScalingWeight> weights = new ArrayList<>(TestReferenceData.weights());
        weights.add(new ScalingWeight(50, new BigDecimal("0.25"), EffectiveRange.ALWAYS));
        for (String date : List.of("2026-01-14", "2026-01-15")) {
            TestRun t = TestRun.on("_A", date)
                    .llf("L1", "1.050")
                    .unit("SUPA", 0)
                    .cccs(cccs)
                    .weights(weights);
            t.system(Rules.hh(m, "L1").measurementClass(MeasurementClass.G));
            t.read(m, 10, "40.000", 'A');
            RunResult r = t.run();
            // 40 kWh actual below 100 kW: CCC 23 on the 14th, CCC 50 on the 15th; losses 2 kWh to CCC 26
            int consumption = date.equals("2026-01-14") ? 23 : 50;
            assertThat(uncorrectedByCcc(r, 10)).as(date).isEqualTo(Map.of(consumption, "0.04", 26, "0.002"));
        }
    }
}
