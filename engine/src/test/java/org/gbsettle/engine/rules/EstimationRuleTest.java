package org.gbsettle.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gbsettle.engine.rules.Rules.dqCount;
import static org.gbsettle.engine.rules.Rules.dqMwh;
import static org.gbsettle.engine.rules.Rules.hh;
import static org.gbsettle.engine.rules.Rules.mpan;
import static org.gbsettle.engine.rules.Rules.uncorrected;
import static org.gbsettle.engine.rules.Rules.uncorrectedByCcc;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.gbsettle.engine.input.LoadShapeCategory;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.PublishedLoadShapes;
import org.gbsettle.engine.input.RecentConsumption;
import org.gbsettle.engine.metering.ConnectionType;
import org.gbsettle.engine.metering.MarketSegment;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.metering.SettlementRegime;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.HhDefaultEac;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.CalculationIssue;
import org.gbsettle.engine.run.DataQualityMeasure;
import org.gbsettle.engine.run.EstimationMethod;
import org.gbsettle.engine.run.Explanation;
import org.gbsettle.engine.run.IssueCode;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.testing.RegistrationBuilder;
import org.gbsettle.engine.testing.TestRun;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Defaulting and shaping (domain.md §5): load shapes (computed = simple mean of actual values per category and period,
 * annual total {@code 365 x sum of the day's shape}; or published), the methods in configured order with fall-through,
 * R1 (kWh 3 dp HALF_UP on the exact value), and NHH {@code EAC x PPC_j} with coefficients summed over TPRs. Values are
 * read from {@code explain} (the value used, kWh) and from data quality.
 */
class EstimationRuleTest {

    private static final String DATE = "2026-01-15";
    private static final String UNIT = "2__ASUPA000";
    /** Category of the test registrations by default: CT connected, advanced, non-domestic, import. */
    private static final LoadShapeCategory X =
            new LoadShapeCategory(ConnectionType.C, MarketSegment.A, false, MeasurementQuantity.AI);
    /** Whole current, advanced, non-domestic, import: a category with no published shape. */
    private static final LoadShapeCategory Z =
            new LoadShapeCategory(ConnectionType.W, MarketSegment.A, false, MeasurementQuantity.AI);

    private static TestRun run() {
        return TestRun.on("_A", DATE).llf("L1", "1.000").unit("SUPA", 0);
    }

    /** A class G (cap 100 kWh) import registration on LLF 1 in category X. */
    private static RegistrationBuilder small(long m) {
        return hh(m, "L1").measurementClass(MeasurementClass.G);
    }

    private static CalculationConfig published(List<EstimationMethod> methods) {
        return CalculationConfig.defaults()
                .withLoadShapeSource(CalculationConfig.LoadShapeSource.PUBLISHED)
                .withEstimationMethods(methods);
    }

    private static PublishedLoadShapes shape(LoadShapeCategory cat, int period, String ls, String total) {
        return PublishedLoadShapes.builder()
                .periodValue(cat, period, new BigDecimal(ls))
                .annualTotal(cat, new BigDecimal(total))
                .build();
    }

    // ---- computed load shapes

    /** P1, P2 actual in SP1 and SP2 (category X); P3 a submitted estimate; T with AC 3,650 and no values. */
    private static TestRun computedShapeRun() {
        TestRun t = run().config(CalculationConfig.defaults()
                .withEstimationMethods(List.of(EstimationMethod.LOAD_SHAPE_ANNUAL)));
        t.system(small(mpan(1))).system(small(mpan(2))).system(small(mpan(3)));
        t.system(small(mpan(9)).eac("3650"));
        t.read(mpan(1), 1, "10.000", 'A').read(mpan(2), 1, "20.000", 'A');
        t.read(mpan(1), 2, "4.000", 'A').read(mpan(2), 2, "6.000", 'A');
        t.read(mpan(3), 1, "99.000", 'E'); // an estimate: not part of the load shape
        return t;
    }

    static Stream<Arguments> otherCategories() {
        return Stream.of(
                Arguments.of("none", (UnaryOperator<RegistrationBuilder>) b -> b),
                Arguments.of("whole current", (UnaryOperator<RegistrationBuilder>) b -> b.connection(ConnectionType.W)),
                Arguments.of("smart", (UnaryOperator<RegistrationBuilder>) b -> b.segment(MarketSegment.S)),
                Arguments.of("domestic", (UnaryOperator<RegistrationBuilder>) b -> b.domestic(true)),
                Arguments.of("export", (UnaryOperator<RegistrationBuilder>) RegistrationBuilder::export),
                Arguments.of("legacy", (UnaryOperator<RegistrationBuilder>)
                        b -> b.segment(null).regime(SettlementRegime.LEGACY)));
    }

    @ParameterizedTest(name = "other MPAN differing by: {0}")
    @MethodSource("otherCategories")
    void test_computed_load_shape_is_the_mean_of_actual_values_of_the_category(
            String name, UnaryOperator<RegistrationBuilder> otherCategory) {
        TestRun t = computedShapeRun();
        if (!name.equals("none")) {
            // another category's actual values (90 and 30 kWh) must not leak into category X
            long o = mpan(20);
            RegistrationBuilder b = otherCategory.apply(small(o));
            t.system(b);
            byte mq = name.equals("export") ? MeterReads.AE : MeterReads.AI;
            t.read(o, mq, 1, "90.000", 'A', 0).read(o, mq, 2, "30.000", 'A', 0);
        }
        // LS_1 = (10 + 20) / 2 = 15 kWh; LS_2 = (4 + 6) / 2 = 5 kWh; P3's estimate 99 is not an actual value
        // annual total = 365 x (15 + 5) = 7,300 kWh
        // T: SP1 3,650 x 15 / 7,300 = 7.5 kWh; SP2 3,650 x 5 / 7,300 = 2.5 kWh
        Explanation sp1 = t.explain(mpan(9), 1);
        assertThat(sp1.method()).isEqualTo("DEFAULTED_LOAD_SHAPE_ANNUAL");
        assertThat(sp1.quality()).isEqualTo("E");
        assertThat(sp1.valueKwh()).isEqualByComparingTo("7.500");
        assertThat(t.explain(mpan(9), 2).valueKwh()).isEqualByComparingTo("2.500");
        RunResult r = t.run();
        assertThat(dqMwh(r, 1, DataQualityMeasure.DEFAULTED_LOAD_SHAPE_ANNUAL)).isEqualTo("0.0075");
        assertThat(dqMwh(r, 2, DataQualityMeasure.DEFAULTED_LOAD_SHAPE_ANNUAL)).isEqualTo("0.0025");
        // SP3: no actual value in category X, no shape: T gets nothing (NO_ESTIMATE)
        assertThat(t.explain(mpan(9), 3).method()).isEqualTo("NO_ESTIMATE");
    }

    static Stream<Arguments> minSamples() {
        return Stream.of(
                // LS_1 = (10 + 20) / 2 = 15 (2 values), LS_2 = 4 (1 value); total 365 x 19 = 6,935
                // SP1 5,475 x 15 / 6,935 = 225/19 = 11.8421... -> 11.842; SP2 5,475 x 4 / 6,935 = 60/19 = 3.1578...
                Arguments.of(1, "11.842", "3.158"),
                // minSample 2: LS_2 rests on 1 value, not used; total 365 x 15 = 5,475; SP1 5,475 x 15 / 5,475 = 15
                Arguments.of(2, "15.000", null),
                // minSample 3: no period has 3 values: no shape at all
                Arguments.of(3, null, null));
    }

    @ParameterizedTest(name = "minSample {0}")
    @MethodSource("minSamples")
    void test_computed_load_shape_minimum_sample(int minSample, @Nullable String sp1, @Nullable String sp2) {
        TestRun t = run().config(Rules.withMinSample(
                CalculationConfig.defaults().withEstimationMethods(List.of(EstimationMethod.LOAD_SHAPE_ANNUAL)),
                minSample));
        t.system(small(mpan(1))).system(small(mpan(2))).system(small(mpan(9)).eac("5475"));
        t.read(mpan(1), 1, "10.000", 'A').read(mpan(2), 1, "20.000", 'A').read(mpan(1), 2, "4.000", 'A');
        String[] expected = {sp1, sp2};
        for (int p = 1; p <= 2; p++) {
            Explanation x = t.explain(mpan(9), p);
            if (expected[p - 1] == null) {
                assertThat(x.method()).as("SP" + p).isEqualTo("NO_ESTIMATE");
                assertThat(x.valueKwh()).as("SP" + p).isEqualByComparingTo("0");
            } else {
                assertThat(x.method()).as("SP" + p).isEqualTo("DEFAULTED_LOAD_SHAPE_ANNUAL");
                assertThat(x.valueKwh()).as("SP" + p).isEqualByComparingTo(expected[p - 1]);
            }
        }
    }

    // ---- published shapes and R1

    static Stream<Arguments> annual() {
        return Stream.of(
                // domain §5: 2,700 x 0.2100 / 2,950.0 = 0.192203... -> 0.192
                Arguments.of("2700", "0.2100", "2950.0", "0.192"),
                // domain §10.2: 438,000 x 0.180 / 3,285.000 = 24
                Arguments.of("438000", "0.180", "3285.000", "24.000"),
                // R1 HALF_UP on exact values, AC 2,000, total 4,000: v = LS / 2
                Arguments.of("2000", "0.3850", "4000", "0.193"), // 0.1925 exactly: a tie, up
                Arguments.of("2000", "0.3870", "4000", "0.194"), // 0.1935: a tie, up
                Arguments.of("2000", "0.3849", "4000", "0.192"), // 0.19245
                Arguments.of("2000", "0.38499999", "4000", "0.192"), // 0.192499995: below the tie
                Arguments.of("2000", "0.0010", "4000", "0.001"), // 0.0005 = 0.5 Wh: up to 1 Wh
                Arguments.of("2000", "0.0009", "4000", "0.000")); // 0.00045
    }

    @ParameterizedTest(name = "AC {0} x LS {1} / {2} = {3} kWh")
    @MethodSource("annual")
    void test_load_shape_annual_with_published_shapes(String ac, String ls, String total, String kwh) {
        long m = mpan(9);
        TestRun t = run().config(published(List.of(EstimationMethod.LOAD_SHAPE_ANNUAL)))
                .shapes(shape(X, 20, ls, total));
        t.system(hh(m, "L1").eac(ac)); // class C (cap 50 MWh)
        Explanation x = t.explain(m, 20);
        assertThat(x.method()).isEqualTo("DEFAULTED_LOAD_SHAPE_ANNUAL");
        assertThat(x.valueKwh()).isEqualByComparingTo(kwh);
        RunResult r = t.run();
        assertThat(dqCount(r, 20, DataQualityMeasure.DEFAULTED_LOAD_SHAPE_ANNUAL))
                .isEqualTo(1);
        assertThat(dqMwh(r, 20, DataQualityMeasure.DEFAULTED_LOAD_SHAPE_ANNUAL))
                .isEqualTo(Rules.plain(new BigDecimal(kwh).movePointLeft(3)));
    }

    static Stream<Arguments> recent() {
        return Stream.of(
                // (1,050 / 70) x 0.21 = 15 x 0.21 = 3.15 kWh
                Arguments.of("1050.000", "70.000", 7, "0.2100", "3.150", "DEFAULTED_LOAD_SHAPE_RECENT"),
                Arguments.of("1050.000", "70.000", 8, "0.2100", "3.150", "DEFAULTED_LOAD_SHAPE_RECENT"),
                // 6 complete days < recentMinDays 7: falls through to LOAD_SHAPE_ANNUAL 2,700 x 0.21 / 2,950 = 0.192
                Arguments.of("1050.000", "70.000", 6, "0.2100", "0.192", "DEFAULTED_LOAD_SHAPE_ANNUAL"),
                // (1 / 4) x 0.01 = 0.0025 kWh = 2.5 Wh: a tie, HALF_UP 0.003
                Arguments.of("1.000", "4.000", 7, "0.0100", "0.003", "DEFAULTED_LOAD_SHAPE_RECENT"),
                // (1 / 3) x 0.01 = 0.00333... -> 0.003; (2 / 3) x 0.01 = 0.00666... -> 0.007
                Arguments.of("1.000", "3.000", 7, "0.0100", "0.003", "DEFAULTED_LOAD_SHAPE_RECENT"),
                Arguments.of("2.000", "3.000", 7, "0.0100", "0.007", "DEFAULTED_LOAD_SHAPE_RECENT"));
    }

    @ParameterizedTest(name = "({0} / {1}) x {3}, {2} days = {4}")
    @MethodSource("recent")
    void test_load_shape_recent(String actual, String lsSum, int days, String ls, String kwh, String method) {
        long m = mpan(9);
        TestRun t = run().config(
                        published(List.of(EstimationMethod.LOAD_SHAPE_RECENT, EstimationMethod.LOAD_SHAPE_ANNUAL)))
                .shapes(shape(X, 20, ls, "2950.0"))
                .recent(new RecentConsumption(m, new BigDecimal(actual), new BigDecimal(lsSum), days));
        t.system(hh(m, "L1").eac("2700"));
        Explanation x = t.explain(m, 20);
        assertThat(x.method()).isEqualTo(method);
        assertThat(x.valueKwh()).isEqualByComparingTo(kwh);
    }

    // ---- method order

    /**
     * SP1 with a published shape for category X only (LS_1 0.2100, total 2,950.0), an HH default EAC of 5,900 kWh for
     * class G and PPC 0.0000571 for profile class 1 / SSC 0393:
     *
     * <ul>
     *   <li>T1 (X, AC 2,700, 7 days of history 1,050 kWh over LS 70): RECENT (1,050 / 70) x 0.21 = 3.150 kWh
     *   <li>T2 (X, AC 2,700): ANNUAL 2,700 x 0.21 / 2,950 = 0.192
     *   <li>T3 (Z, no shape, AC 2,700, PC 1 SSC 0393): PROFILE 2,700 x 0.0000571 = 0.15417 -> 0.154
     *   <li>T4 (X, no AC): MARKET_DEFAULT 5,900 x 0.21 / 2,950 = 0.420
     *   <li>T5 (Z, no AC, no profile): nothing applies, 0 with NO_ESTIMATE
     * </ul>
     */
    private static TestRun fallThrough(List<EstimationMethod> methods) {
        TestRun t = run().config(published(methods))
                .shapes(shape(X, 1, "0.2100", "2950.0"))
                .defaultEac(new HhDefaultEac(MeasurementClass.G, new BigDecimal("5900.0"), EffectiveRange.ALWAYS))
                .recent(new RecentConsumption(mpan(1), new BigDecimal("1050.000"), new BigDecimal("70.000"), 7));
        t.coefficients().add(GspGroup.of("_A"), 1, "0393", "00001", t.date().date(), 1, new BigDecimal("0.0000571"));
        t.system(small(mpan(1)).eac("2700"));
        t.system(small(mpan(2)).eac("2700"));
        t.system(small(mpan(3)).connection(ConnectionType.W).eac("2700").profile(1, "0393"));
        t.system(small(mpan(4)));
        t.system(small(mpan(5)).connection(ConnectionType.W));
        return t;
    }

    @Test
    void test_methods_in_order_with_fall_through() {
        TestRun t = fallThrough(List.of(
                EstimationMethod.LOAD_SHAPE_RECENT,
                EstimationMethod.LOAD_SHAPE_ANNUAL,
                EstimationMethod.PROFILE_COEFFICIENT,
                EstimationMethod.MARKET_DEFAULT));
        String[][] expected = {
            {"DEFAULTED_LOAD_SHAPE_RECENT", "3.150"},
            {"DEFAULTED_LOAD_SHAPE_ANNUAL", "0.192"},
            {"DEFAULTED_PROFILE_COEFFICIENT", "0.154"},
            {"DEFAULTED_MARKET_DEFAULT", "0.420"},
            {"NO_ESTIMATE", "0"}
        };
        for (int k = 1; k <= 5; k++) {
            Explanation x = t.explain(mpan(k), 1);
            assertThat(x.method()).as("T" + k).isEqualTo(expected[k - 1][0]);
            assertThat(x.valueKwh()).as("T" + k).isEqualByComparingTo(expected[k - 1][1]);
            assertThat(x.quality()).as("T" + k).isEqualTo("E");
        }
        RunResult r = t.run();
        assertThat(dqMwh(r, 1, DataQualityMeasure.DEFAULTED_LOAD_SHAPE_RECENT)).isEqualTo("0.00315");
        assertThat(dqMwh(r, 1, DataQualityMeasure.DEFAULTED_LOAD_SHAPE_ANNUAL)).isEqualTo("0.000192");
        assertThat(dqMwh(r, 1, DataQualityMeasure.DEFAULTED_PROFILE_COEFFICIENT))
                .isEqualTo("0.000154");
        assertThat(dqMwh(r, 1, DataQualityMeasure.DEFAULTED_MARKET_DEFAULT)).isEqualTo("0.00042");
        assertThat(dqCount(r, 1, DataQualityMeasure.NO_ESTIMATE)).isEqualTo(1);
        // all five were missing: 3.15 + 0.192 + 0.154 + 0.42 + 0 = 3.916 kWh
        assertThat(dqCount(r, 1, DataQualityMeasure.MISSING)).isEqualTo(5);
        assertThat(dqMwh(r, 1, DataQualityMeasure.MISSING)).isEqualTo("0.003916");
        assertThat(r.issues(IssueCode.NO_ESTIMATE))
                .filteredOn(i -> i.period() == 1)
                .extracting(CalculationIssue::mpan)
                .containsExactly(mpan(5));
        // defaulted values are estimates: class G estimated consumption CCC 28 (LLF 1, no loss)
        assertThat(uncorrected(r, 1)).isEqualTo(Map.of(UNIT + "/28", "0.003916"));
    }

    @Test
    void test_configured_order_is_followed() {
        TestRun t = fallThrough(List.of(EstimationMethod.MARKET_DEFAULT, EstimationMethod.LOAD_SHAPE_ANNUAL));
        // MARKET_DEFAULT first: every class G MPAN of category X gets 5,900 x 0.21 / 2,950 = 0.420 kWh, history and
        // AC notwithstanding; category Z has no shape, so neither method applies there, nor PROFILE (not listed)
        String[][] expected = {
            {"DEFAULTED_MARKET_DEFAULT", "0.420"},
            {"DEFAULTED_MARKET_DEFAULT", "0.420"},
            {"NO_ESTIMATE", "0"},
            {"DEFAULTED_MARKET_DEFAULT", "0.420"},
            {"NO_ESTIMATE", "0"}
        };
        for (int k = 1; k <= 5; k++) {
            Explanation x = t.explain(mpan(k), 1);
            assertThat(x.method()).as("T" + k).isEqualTo(expected[k - 1][0]);
            assertThat(x.valueKwh()).as("T" + k).isEqualByComparingTo(expected[k - 1][1]);
        }
    }

    @Test
    void test_no_methods_means_no_estimate() {
        RunResult r = fallThrough(List.of()).run();
        // 5 MPANs x 48 periods, all 0 with NO_ESTIMATE
        assertThat(dqCount(r, 0, DataQualityMeasure.NO_ESTIMATE)).isEqualTo(240);
        assertThat(r.issues(IssueCode.NO_ESTIMATE)).hasSize(240);
        assertThat(r.supplierVolumes()).isEmpty();
    }

    // ---- NHH shaping

    @Test
    void test_nhh_eac_shaped_by_profile_coefficients_summed_over_tprs() {
        long n = mpan(1);
        TestRun t = TestRun.on("_A", DATE).llf("L1", "1.100").unit("SUPA", 0);
        t.system(hh(n, "L1")
                .measurementClass(MeasurementClass.A)
                .profile(1, "0393")
                .eac("2700"));
        var date = t.date().date();
        GspGroup a = GspGroup.of("_A");
        t.coefficients()
                .add(a, 1, "0393", "00001", date, 1, new BigDecimal("0.0000571"))
                .add(a, 1, "0393", "00001", date, 2, new BigDecimal("0.0000300"))
                .add(a, 1, "0393", "00002", date, 2, new BigDecimal("0.0000285"))
                .add(a, 1, "0393", "00001", date, 3, new BigDecimal("0.0000002"))
                .add(a, 1, "0393", "00002", date, 3, new BigDecimal("0.0000002"))
                // not this metering system's: another profile class, SSC, group, date
                .add(a, 2, "0393", "00001", date, 1, new BigDecimal("0.001"))
                .add(a, 1, "0394", "00001", date, 1, new BigDecimal("0.001"))
                .add(GspGroup.of("_B"), 1, "0393", "00001", date, 1, new BigDecimal("0.001"))
                .add(a, 1, "0393", "00001", date.plusDays(1), 1, new BigDecimal("0.001"));
        RunResult r = t.run();
        // SP1: 2,700 x 0.0000571 = 0.15417 -> 0.154 kWh; losses 0.154 x 0.1 = 0.0154 kWh; CCC 17 / 20
        assertThat(uncorrectedByCcc(r, 1)).isEqualTo(Map.of(17, "0.000154", 20, "0.0000154"));
        // SP2: 2,700 x (0.0000300 + 0.0000285) = 2,700 x 0.0000585 = 0.15795 -> 0.158
        assertThat(uncorrectedByCcc(r, 2)).isEqualTo(Map.of(17, "0.000158", 20, "0.0000158"));
        // SP3: 2,700 x 0.0000004 = 0.00108 -> 0.001 (rounding each TPR would give 0.001 + 0.001)
        assertThat(uncorrectedByCcc(r, 3)).isEqualTo(Map.of(17, "0.000001", 20, "0.0000001"));
        // SP4: no coefficient: 0
        assertThat(uncorrectedByCcc(r, 4)).isEmpty();
        assertThat(dqCount(r, 1, DataQualityMeasure.NHH_PROFILED)).isEqualTo(1);
        assertThat(dqMwh(r, 1, DataQualityMeasure.NHH_PROFILED)).isEqualTo("0.000154");
        Explanation x = t.explain(n, 1);
        assertThat(x.method()).isEqualTo("NHH_PROFILED");
        assertThat(x.valueKwh()).isEqualByComparingTo("0.154");
        assertThat(x.consumptionCcc()).isEqualTo(17);
        assertThat(x.lossCcc()).isEqualTo(20);
    }

    static Stream<Arguments> nhhRounding() {
        return Stream.of(
                Arguments.of("2700", "0.0000571", "0.000154"), // 0.15417 kWh -> 0.154
                Arguments.of("2700.5", "0.0000571", "0.000154"), // 0.15419855 -> 0.154
                Arguments.of("1000.0", "0.0000005", "0.000001"), // 0.0005 kWh, a tie: HALF_UP 0.001
                Arguments.of("-1000.0", "0.0000005", "-0.000001"), // EAC may be negative: -0.0005, away from 0
                Arguments.of("-2700", "0.0000571", "-0.000154"), // -0.15417 -> -0.154
                Arguments.of("999.9", "0.0000005", "0")); // 0.00049995 -> 0: no volume row
    }

    @ParameterizedTest(name = "EAC {0} x PPC {1}")
    @MethodSource("nhhRounding")
    void test_nhh_shaped_value_is_rounded_once_half_up(String eac, String ppc, String mwh) {
        long n = mpan(1);
        TestRun t = run();
        t.system(hh(n, "L1")
                .measurementClass(MeasurementClass.A)
                .profile(1, "0393")
                .eac(eac));
        t.coefficients().add(GspGroup.of("_A"), 1, "0393", "00001", t.date().date(), 7, new BigDecimal(ppc));
        RunResult r = t.run();
        // EAC x PPC, R1 to whole Wh; CCC 17, LLF 1 (no loss); MWh = kWh / 1000
        assertThat(uncorrectedByCcc(r, 7)).isEqualTo(mwh.equals("0") ? Map.of() : Map.of(17, mwh));
    }
}
