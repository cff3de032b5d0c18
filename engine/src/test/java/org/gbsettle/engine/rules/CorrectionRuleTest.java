package org.gbsettle.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.gbsettle.engine.rules.Rules.bmuadv;
import static org.gbsettle.engine.rules.Rules.correctedExact;
import static org.gbsettle.engine.rules.Rules.correction;
import static org.gbsettle.engine.rules.Rules.hh;
import static org.gbsettle.engine.rules.Rules.mpan;
import static org.gbsettle.engine.rules.Rules.published;

import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Stream;
import org.gbsettle.engine.SettlementCalculator;
import org.gbsettle.engine.input.GspGroupTake;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.CalculationConfig.CorrectionMode;
import org.gbsettle.engine.run.CalculationConfig.ZeroDenominatorPolicy;
import org.gbsettle.engine.run.CalculationIssue;
import org.gbsettle.engine.run.GspGroupCorrection;
import org.gbsettle.engine.run.IssueCode;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GSP group correction (domain.md §4 step 6, 6b, 7) with the weights of {@link
 * org.gbsettle.engine.testing.TestReferenceData} (W 0 on CCCs 1/4/6/8, 1 on 9/12/14/16): {@code lambda = round((take -
 * T) / D, 9 dp, HALF_UP)}, {@code CORC = UC x (1 + lambda x W)}; the CF band; zero correctable volume; the
 * import/export variant; R3 and the R4 balancing of published values to the take (supplier-volume and BM-unit
 * grains). One period, SP10; the other periods carry nothing.
 */
class CorrectionRuleTest {

    private static final int SP = 10;
    private static final String DATE = "2026-01-15";

    /** A run of _A with the default units of the given suppliers. */
    private static TestRun run(String take, String... suppliers) {
        TestRun t = TestRun.on("_A", DATE).take(SP, take);
        for (String s : suppliers) {
            t.unit(s, 0);
        }
        return t;
    }

    /** A class C import MPAN of a supplier, one value in SP10, on its own LLFC with an LLF. */
    private static void system(TestRun t, int serial, String supplier, char quality, String kwh, String llf) {
        String llfc = "F" + serial;
        t.llf(llfc, llf);
        t.system(hh(mpan(serial), llfc).supplier(supplier));
        t.read(mpan(serial), SP, kwh, quality);
    }

    // ---- R2: lambda to 9 dp HALF_UP

    static Stream<Arguments> lambdaTies() {
        return Stream.of(
                // A actual 0.099 kWh x LLF 1.0101: C 0.099 + L 0.0009999 = 0.0999999 kWh = 0.0000999999 MWh (W 0)
                // B estimate 200 kWh, LLF 1: CCC 9 0.2 MWh (W 1): T = 0.2000999999, D = 0.2
                // take 0.2101: delta = 0.0100000001; delta / D = 0.0500000005, a tie at the 10th digit
                // HALF_UP: lambda 0.050000001 (HALF_EVEN or HALF_DOWN would give 0.050000000)
                // CORC B = 0.2 x 1.050000001 = 0.2100000002; sum = 0.2101000001; take - sum = -1e-10
                Arguments.of(
                        "0.099", "1.0101", "0.2101", "1.050000001", "0.2000999999", "0.2100000002", "-0.0000000001"),
                // A actual 0.1 kWh x LLF 1.000001: C 0.1 + L 0.0000001 = 0.1000001 kWh (W 0); T = 0.2001000001
                // take 0.1901: delta = -0.0100000001; delta / D = -0.0500000005, a tie
                // HALF_UP = away from zero: lambda -0.050000001, CF 0.949999999
                // CORC B = 0.2 x 0.949999999 = 0.1899999998; sum = 0.1900999999; take - sum = 1e-10
                Arguments.of(
                        "0.100", "1.000001", "0.1901", "0.949999999", "0.2001000001", "0.1899999998", "0.0000000001"));
    }

    @ParameterizedTest(name = "actual {0} kWh x {1}, take {2}: CF {3}")
    @MethodSource("lambdaTies")
    void test_lambda_is_rounded_to_9_dp_half_up(
            String actualKwh, String llf, String take, String cf, String total, String correctedB, String unallocated) {
        TestRun t = run(take, "SUPA");
        system(t, 1, "SUPA", 'A', actualKwh, llf);
        system(t, 2, "SUPA", 'E', "200.000", "1.000");
        RunResult r = t.run();
        GspGroupCorrection c = correction(r, SP, "legacy_gcf");
        assertThat(c.gcf().toPlainString()).isEqualTo(cf);
        assertThat(c.uncorrectedTotalMwh()).isEqualByComparingTo(total);
        assertThat(c.correctableMwh()).isEqualByComparingTo("0.2");
        assertThat(c.unallocatedMwh()).isEqualByComparingTo(unallocated);
        assertThat(correctedExact(r, SP)).containsEntry("2__ASUPA000/9", correctedB);
    }

    // ---- CF band

    static Stream<Arguments> band() {
        return Stream.of(
                // one estimate of 100 kWh (CCC 9, W 1): T = D = 0.1; lambda = (take - 0.1) / 0.1
                Arguments.of("0.1200", "1.200000000", true),
                Arguments.of("0.1101", "1.101000000", true),
                Arguments.of("0.1100", "1.100000000", false), // the band 0.9..1.1 is inclusive
                Arguments.of("0.1000", "1.000000000", false),
                Arguments.of("0.0900", "0.900000000", false),
                Arguments.of("0.0899", "0.899000000", true),
                Arguments.of("-0.0100", "-0.100000000", true)); // CF can be negative
    }

    @ParameterizedTest(name = "take {0}: CF {1}, out of range {2}")
    @MethodSource("band")
    void test_cf_out_of_range_is_flagged_and_the_run_publishes(String take, String cf, boolean outOfRange) {
        TestRun t = run(take, "SUPA");
        system(t, 1, "SUPA", 'E', "100.000", "1.000");
        RunResult r = t.run();
        GspGroupCorrection c = correction(r, SP, "legacy_gcf");
        assertThat(c.gcf().toPlainString()).isEqualTo(cf);
        if (outOfRange) {
            assertThat(c.flags()).contains("CF_OUT_OF_RANGE");
            assertThat(r.issues(IssueCode.CF_OUT_OF_RANGE))
                    .singleElement()
                    .extracting(CalculationIssue::period)
                    .isEqualTo(SP);
        } else {
            assertThat(c.flags()).doesNotContain("CF_OUT_OF_RANGE");
            assertThat(r.issues(IssueCode.CF_OUT_OF_RANGE)).isEmpty();
        }
        // published all the same: 0.1 x CF = the take
        assertThat(published(r, SP)).isEqualTo(Map.of("2__ASUPA000/9", take));
        assertThat(bmuadv(r, SP)).isEqualTo(Map.of("2__ASUPA000", take));
    }

    // ---- zero correctable volume

    @Test
    void test_zero_correctable_volume_warns() {
        TestRun t = run("0.5100", "SUPA");
        system(t, 1, "SUPA", 'A', "300.000", "1.050");
        RunResult r = t.run();
        // W 0 only: T = 0.3 + 0.015 = 0.315, D = 0 -> lambda 0, CF 1.000000000, unallocated 0.51 - 0.315 = 0.195
        GspGroupCorrection c = correction(r, SP, "legacy_gcf");
        assertThat(c.gcf().toPlainString()).isEqualTo("1.000000000");
        assertThat(c.flags()).contains("CF_UNDEFINED");
        assertThat(c.unallocatedMwh()).isEqualByComparingTo("0.195");
        assertThat(r.issues(IssueCode.CF_UNDEFINED))
                .anySatisfy(i -> assertThat(i.period()).isEqualTo(SP));
        assertThat(published(r, SP)).isEqualTo(Map.of("2__ASUPA000/1", "0.3000", "2__ASUPA000/4", "0.0150"));
        assertThat(bmuadv(r, SP)).isEqualTo(Map.of("2__ASUPA000", "0.3150"));
        assertThat(c.publishedResidualMwh()).isEqualByComparingTo("0.195");
    }

    @Test
    void test_zero_correctable_volume_fails_when_configured() {
        long a = mpan(1);
        long b = mpan(2);
        TestRun t = TestRun.on("_A", DATE)
                .llf("L1", "1.000")
                .unit("SUPA", 0)
                .config(CalculationConfig.defaults().withOnZeroCorrectableVolume(ZeroDenominatorPolicy.FAIL));
        t.system(hh(a, "L1")).system(hh(b, "L1"));
        // B (W 1) has an estimate in every period but SP10; A (W 0) has an actual in SP10 only
        for (int p = 1; p <= 48; p++) {
            if (p != SP) {
                t.read(b, p, "10.000", 'E');
            }
        }
        t.read(a, SP, "10.000", 'A');
        MissingReferenceDataException e = catchThrowableOfType(MissingReferenceDataException.class, t::run);
        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(IssueCode.CF_UNDEFINED_FAIL);
            assertThat(p.period()).isEqualTo(SP);
        });

        // with B's estimate in SP10 too, every period has correctable volume: the run publishes
        t.read(b, SP, "10.000", 'E');
        RunResult r = t.run();
        assertThat(r.issues(IssueCode.CF_UNDEFINED)).isEmpty();
    }

    // ---- import/export variant

    @Test
    void test_import_export_factors() {
        TestRun t = TestRun.on("_A", DATE).llf("L1", "1.000").unit("SUPA", 0).take(SP, "0.0600");
        t.system(hh(mpan(1), "L1")).system(hh(mpan(2), "L1").export());
        t.read(mpan(1), SP, "100.000", 'E').read(mpan(2), MeterReads.AE, SP, "50.000", 'E', 0);
        RunResult r = t.config(CalculationConfig.defaults().withCorrectionMode(CorrectionMode.IMPORT_EXPORT))
                .run();
        // I = 0.1 (CCC 9), E = 0.05 (CCC 14, UC -0.05); delta = 0.06 - (0.1 - 0.05) = 0.01
        // D = 1 x 0.1 - 1 x (-0.05) = 0.15; lambda = 0.01 / 0.15 = 0.0666666666... -> 0.066666667
        GspGroupCorrection imp = correction(r, SP, "mhhs_import_gcf");
        GspGroupCorrection exp = correction(r, SP, "mhhs_export_gcf");
        assertThat(imp.gcf().toPlainString()).isEqualTo("1.066666667");
        assertThat(exp.gcf().toPlainString()).isEqualTo("0.933333333");
        assertThat(imp.correctableMwh()).isEqualByComparingTo("0.15");
        assertThat(r.corrections()).noneMatch(c -> c.gcfType().equals("legacy_gcf"));
        // CORC 9 = 0.1 x 1.066666667 = 0.1066666667; CORC 14 = -0.05 x 0.933333333 = -0.04666666665
        // sum = 0.06000000005, within 0.5e-9 x 0.15 of the take
        assertThat(correctedExact(r, SP))
                .isEqualTo(Map.of("2__ASUPA000/9", "0.1066666667", "2__ASUPA000/14", "-0.04666666665"));
        assertThat(imp.unallocatedMwh()).isEqualByComparingTo("-0.00000000005");

        // the single factor on the same data: D = 0.1 - 0.05 = 0.05, lambda = 0.2: export scaled up to -0.06
        RunResult single = t.config(CalculationConfig.defaults()).run();
        assertThat(correction(single, SP, "legacy_gcf").gcf().toPlainString()).isEqualTo("1.200000000");
        assertThat(correctedExact(single, SP)).isEqualTo(Map.of("2__ASUPA000/9", "0.12", "2__ASUPA000/14", "-0.06"));
    }

    // ---- R3 and R4

    /** Three suppliers with one estimate each (W 1): 0.160, 0.170, 0.180 kWh; take 0.0005. */
    private static TestRun negativeResidual() {
        TestRun t = run("0.0005", "SUPA", "SUPB", "SUPC");
        system(t, 1, "SUPA", 'E', "0.160", "1.000");
        system(t, 2, "SUPB", 'E', "0.170", "1.000");
        system(t, 3, "SUPC", 'E', "0.180", "1.000");
        return t;
    }

    @Test
    void test_r4_moves_the_row_rounded_furthest_up_when_the_residual_is_negative() {
        RunResult r = negativeResidual().run();
        // T = D = 0.00051; lambda = -0.00001 / 0.00051 = -0.0196078431... -> -0.019607843; CF 0.980392157
        // CORC: 0.00016 x CF = 0.00015686274512, 0.00017 x CF = 0.00016666666669, 0.00018 x CF = 0.00017647058826
        // R3: 0.0002 each, sum 0.0006, take 0.0005: residual -0.0001, one unit down to the row rounding moved
        // up most: SUPA (0.0002 - 0.000156862... = 0.0000431)
        assertThat(correction(r, SP, "legacy_gcf").gcf().toPlainString()).isEqualTo("0.980392157");
        assertThat(correctedExact(r, SP))
                .isEqualTo(Map.of(
                        "2__ASUPA000/9", "0.00015686274512",
                        "2__ASUPB000/9", "0.00016666666669",
                        "2__ASUPC000/9", "0.00017647058826"));
        assertThat(published(r, SP))
                .isEqualTo(Map.of("2__ASUPA000/9", "0.0001", "2__ASUPB000/9", "0.0002", "2__ASUPC000/9", "0.0002"));
        assertThat(bmuadv(r, SP))
                .isEqualTo(Map.of("2__ASUPA000", "0.0001", "2__ASUPB000", "0.0002", "2__ASUPC000", "0.0002"));
        assertThat(correction(r, SP, "legacy_gcf").publishedResidualMwh()).isEqualByComparingTo("0");
    }

    @Test
    void test_without_balancing_the_published_residual_remains() {
        RunResult r = negativeResidual()
                .config(CalculationConfig.defaults().withBalanceToTake(false))
                .run();
        // R3 only: 0.0002 x 3 = 0.0006 against the take 0.0005
        assertThat(published(r, SP))
                .isEqualTo(Map.of("2__ASUPA000/9", "0.0002", "2__ASUPB000/9", "0.0002", "2__ASUPC000/9", "0.0002"));
        assertThat(bmuadv(r, SP))
                .isEqualTo(Map.of("2__ASUPA000", "0.0002", "2__ASUPB000", "0.0002", "2__ASUPC000", "0.0002"));
        assertThat(correction(r, SP, "legacy_gcf").publishedResidualMwh()).isEqualByComparingTo("-0.0001");
    }

    @Test
    void test_r4_cycles_when_the_residual_exceeds_the_eligible_rows() {
        TestRun t = run("0.0015", "SUPA", "SUPB", "SUPC", "SUPD", "SUPE", "SUPF", "SUPG", "SUPH");
        // eligible (W 1): SUPA 0.300 kWh, SUPB 0.200 kWh estimates
        system(t, 1, "SUPA", 'E', "0.300", "1.000");
        system(t, 2, "SUPB", 'E', "0.200", "1.000");
        // not eligible (W 0): six actuals of 0.149 kWh, each 0.000149 MWh -> R3 0.0001
        String[] others = {"SUPC", "SUPD", "SUPE", "SUPF", "SUPG", "SUPH"};
        for (int k = 0; k < others.length; k++) {
            system(t, 3 + k, others[k], 'A', "0.149", "1.000");
        }
        RunResult r = t.run();
        // T = 6 x 0.000149 + 0.0005 = 0.001394; D = 0.0005; lambda = 0.000106 / 0.0005 = 0.212
        // CORC SUPA 0.0003 x 1.212 = 0.0003636 -> 0.0004; SUPB 0.0002 x 1.212 = 0.0002424 -> 0.0002
        // published sum 0.0004 + 0.0002 + 6 x 0.0001 = 0.0012; residual +0.0003: 3 units, 2 eligible rows
        // order by (exact - published), largest first: SUPB +0.0000424, SUPA -0.0000364: SUPB, SUPA, SUPB
        Map<String, String> p = published(r, SP);
        assertThat(p).containsEntry("2__ASUPA000/9", "0.0005").containsEntry("2__ASUPB000/9", "0.0004");
        for (String s : others) {
            assertThat(p).containsEntry("2__A" + s + "000/1", "0.0001");
        }
        // the same at the BM unit grain (one row per unit)
        Map<String, String> u = bmuadv(r, SP);
        assertThat(u).containsEntry("2__ASUPA000", "0.0005").containsEntry("2__ASUPB000", "0.0004");
        for (String s : others) {
            assertThat(u).containsEntry("2__A" + s + "000", "0.0001");
        }
        assertThat(correction(r, SP, "legacy_gcf").publishedResidualMwh()).isEqualByComparingTo("0");
    }

    /** SUPA: estimate 0.100 kWh x LLF 1.5 (CCC 9 0.0001, CCC 12 0.00005); SUPB: estimate 0.150 kWh, LLF 1. */
    private static TestRun unitGrain() {
        TestRun t = run("0.0003", "SUPA", "SUPB");
        system(t, 1, "SUPA", 'E', "0.100", "1.500");
        system(t, 2, "SUPB", 'E', "0.150", "1.000");
        return t;
    }

    @Test
    void test_r4_at_the_bm_unit_grain() {
        RunResult r = unitGrain().run();
        // T = D = 0.0003 = take: lambda 0, CF 1
        // rows R3: SUPA/9 0.0001, SUPA/12 0.00005 -> 0.0001, SUPB/9 0.00015 -> 0.0002: sum 0.0004, residual -0.0001
        // moved up by rounding: SUPA/12 and SUPB/9 by 0.00005 each (a tie, broken by key order): SUPA/12 -> 0
        assertThat(correction(r, SP, "legacy_gcf").gcf().toPlainString()).isEqualTo("1.000000000");
        assertThat(published(r, SP))
                .isEqualTo(Map.of("2__ASUPA000/9", "0.0001", "2__ASUPA000/12", "0.0000", "2__ASUPB000/9", "0.0002"));
        // units from exact totals: SUPA 0.00015 -> 0.0002, SUPB 0.00015 -> 0.0002: sum 0.0004, residual -0.0001,
        // a tie broken by key order: 2__ASUPA000 -> 0.0001
        assertThat(bmuadv(r, SP)).isEqualTo(Map.of("2__ASUPA000", "0.0001", "2__ASUPB000", "0.0002"));
        assertThat(correction(r, SP, "legacy_gcf").publishedResidualMwh()).isEqualByComparingTo("0");

        RunResult unbalanced = unitGrain()
                .config(CalculationConfig.defaults().withBalanceToTake(false))
                .run();
        assertThat(published(unbalanced, SP))
                .isEqualTo(Map.of("2__ASUPA000/9", "0.0001", "2__ASUPA000/12", "0.0001", "2__ASUPB000/9", "0.0002"));
        assertThat(bmuadv(unbalanced, SP)).isEqualTo(Map.of("2__ASUPA000", "0.0002", "2__ASUPB000", "0.0002"));
        assertThat(correction(unbalanced, SP, "legacy_gcf").publishedResidualMwh())
                .isEqualByComparingTo("-0.0001");
    }

    @Test
    void test_bmuadv_is_rounded_from_the_exact_unit_total() {
        TestRun t = run("0.0007", "SUPA", "SUPB");
        // SUPA estimate 0.140 kWh x LLF 2: CCC 9 0.00014, CCC 12 0.00014 (W 1)
        // SUPB actual 0.140 kWh x LLF 2: CCC 1 0.00014, CCC 4 0.00014 (W 0)
        system(t, 1, "SUPA", 'E', "0.140", "2.000");
        system(t, 2, "SUPB", 'A', "0.140", "2.000");
        RunResult r = t.run();
        // T = 0.00056, D = 0.00028, lambda = 0.00014 / 0.00028 = 0.5: CORC 9 = CORC 12 = 0.00021 -> 0.0002
        // rows: 0.0002 + 0.0002 + 0.0001 + 0.0001 = 0.0006; residual +0.0001 to SUPA/9 or /12 (tie, key order: /9)
        assertThat(published(r, SP))
                .isEqualTo(Map.of(
                        "2__ASUPA000/9", "0.0003",
                        "2__ASUPA000/12", "0.0002",
                        "2__ASUPB000/1", "0.0001",
                        "2__ASUPB000/4", "0.0001"));
        // units from exact totals: SUPA 0.00042 -> 0.0004 (not the 0.0005 of its published rows), SUPB 0.00028
        // -> 0.0003; sum 0.0007 = take, nothing to balance
        assertThat(bmuadv(r, SP)).isEqualTo(Map.of("2__ASUPA000", "0.0004", "2__ASUPB000", "0.0003"));
    }

    @Test
    void test_estimated_take_is_flagged() {
        TestRun t = run("0.1000", "SUPA");
        system(t, 1, "SUPA", 'E', "100.000", "1.000");
        RunInputs in = t.inputs();
        GspGroupTake.Builder take = GspGroupTake.builder(t.group(), t.date(), 7);
        for (int p = 1; p <= 48; p++) {
            take.period(p, p == SP ? new BigDecimal("0.1000") : BigDecimal.ZERO, p == SP);
        }
        RunResult r = SettlementCalculator.calculate(
                new RunInputs(
                        in.context(),
                        in.config(),
                        in.meteringSystems(),
                        in.reads(),
                        take.build(),
                        in.publishedLoadShapes(),
                        in.recentConsumption()),
                t.reference());
        // the CDCA estimate flag of SP10 is carried to the correction row and raised as a warning
        GspGroupCorrection c = correction(r, SP, "legacy_gcf");
        assertThat(c.takeEstimated()).isTrue();
        assertThat(c.flags()).contains("TAKE_ESTIMATED");
        assertThat(correction(r, SP + 1, "legacy_gcf").takeEstimated()).isFalse();
        assertThat(r.issues(IssueCode.TAKE_ESTIMATED))
                .singleElement()
                .extracting(CalculationIssue::period)
                .isEqualTo(SP);
    }

    static Stream<Arguments> r3() {
        return Stream.of(
                // W 0 actuals, LLF 1, take 0: no correctable volume, corrected = uncorrected, nothing to balance
                Arguments.of(false, "0.050", "0.0001"), // 0.00005 MWh, a tie: HALF_UP
                Arguments.of(true, "0.050", "-0.0001"), // -0.00005, a tie: away from zero
                Arguments.of(false, "0.150", "0.0002"), // 0.00015
                Arguments.of(false, "0.250", "0.0003"), // 0.00025 (HALF_EVEN would give 0.0002)
                Arguments.of(false, "0.049", "0.0000"), // 0.000049
                Arguments.of(true, "0.149", "-0.0001")); // -0.000149
    }

    @ParameterizedTest(name = "export {0} {1} kWh -> {2} MWh")
    @MethodSource("r3")
    void test_r3_publishes_4_dp_half_up_from_the_exact_value(boolean export, String kwh, String mwh) {
        long m = mpan(1);
        TestRun t = run("0.0000", "SUPA").llf("L1", "1.000");
        t.system(export ? hh(m, "L1").export() : hh(m, "L1"));
        t.read(m, export ? MeterReads.AE : MeterReads.AI, SP, kwh, 'A', 0);
        RunResult r = t.run();
        assertThat(published(r, SP)).isEqualTo(Map.of("2__ASUPA000/" + (export ? 6 : 1), mwh));
        assertThat(bmuadv(r, SP)).isEqualTo(Map.of("2__ASUPA000", mwh));
    }
}
