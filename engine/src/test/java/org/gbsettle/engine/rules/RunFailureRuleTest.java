package org.gbsettle.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.gbsettle.engine.rules.Rules.hh;
import static org.gbsettle.engine.rules.Rules.mpan;
import static org.gbsettle.engine.rules.Rules.uncorrectedByCcc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.gbsettle.engine.SettlementCalculator;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.reference.ConsumptionComponentClass;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.ScalingWeight;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.CalculationConfig.LlfFallback;
import org.gbsettle.engine.run.CalculationIssue;
import org.gbsettle.engine.run.IssueCode;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.testing.TestReferenceData;
import org.gbsettle.engine.testing.TestRun;
import org.gbsettle.engine.time.SettlementDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Run-level failures (domain.md §8, F): everything missing is found before calculating and reported together in one
 * {@link MissingReferenceDataException}; LLF fallbacks (the same date a year earlier as the CDCA does, or 1.0) with a
 * {@code LLF_FALLBACK} warning.
 */
class RunFailureRuleTest {

    private static final String DATE = "2026-01-15";

    private static List<ConsumptionComponentClass> cccsWithout(int id) {
        List<ConsumptionComponentClass> l = new ArrayList<>(TestReferenceData.cccs());
        l.removeIf(c -> c.id() == id);
        return l;
    }

    private static List<ScalingWeight> weightsWithout(int id) {
        List<ScalingWeight> l = new ArrayList<>(TestReferenceData.weights());
        l.removeIf(w -> w.cccId() == id);
        return l;
    }

    /** A run that can be calculated: one class C import MPAN of SUPA with an LLF, a take in every period. */
    private static TestRun healthy() {
        long m = mpan(1);
        TestRun t = TestRun.on("_A", DATE).llf("L1", "1.050").unit("SUPA", 0);
        t.system(hh(m, "L1"));
        t.read(m, 10, "100.000", 'A');
        return t;
    }

    private static MissingReferenceDataException failure(TestRun t) {
        MissingReferenceDataException e = catchThrowableOfType(MissingReferenceDataException.class, t::run);
        assertThat(e).as("the run fails before calculating").isNotNull();
        return e;
    }

    @Test
    void test_healthy_run_calculates() {
        RunResult r = healthy().run();
        // 100 kWh x 1.05: C 0.1 MWh, L 0.005 MWh
        assertThat(uncorrectedByCcc(r, 10)).isEqualTo(Map.of(1, "0.1", 4, "0.005"));
    }

    static Stream<Arguments> singleProblems() {
        return Stream.of(
                Arguments.of(IssueCode.MISSING_LLF, (Consumer<TestRun>)
                        t -> t.system(hh(mpan(2), "XX9"))), // LLFC without LLFs
                Arguments.of(IssueCode.MISSING_TAKE, (Consumer<TestRun>) t -> t.noTake(48)),
                Arguments.of(IssueCode.MISSING_WEIGHT, (Consumer<TestRun>) t -> t.weights(weightsWithout(4))),
                Arguments.of(IssueCode.MISSING_CCC, (Consumer<TestRun>) t -> t.cccs(cccsWithout(4))),
                Arguments.of(IssueCode.MISSING_PROFILE_COEFFICIENT, (Consumer<TestRun>) t -> t.system(hh(mpan(3), "L1")
                        .measurementClass(MeasurementClass.A)
                        .profile(1, "0393")
                        .eac("2700"))),
                Arguments.of(IssueCode.MISSING_DEFAULT_BMU, (Consumer<TestRun>)
                        t -> t.system(hh(mpan(4), "L1").supplier("SUPZ"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleProblems")
    void test_each_missing_item_fails_the_run(IssueCode code, Consumer<TestRun> breakIt) {
        TestRun t = healthy();
        breakIt.accept(t);
        MissingReferenceDataException e = failure(t);
        assertThat(e.problems()).extracting(CalculationIssue::code).containsExactly(code);
        assertThat(code.severity()).isEqualTo(IssueCode.Severity.FAIL);
    }

    @Test
    void test_all_missing_items_are_reported_together() {
        TestRun t = healthy().noTake(10).weights(weightsWithout(4)).cccs(cccsWithout(28));
        t.system(hh(mpan(2), "XX9")); // MISSING_LLF
        t.system(hh(mpan(3), "L1").measurementClass(MeasurementClass.G)); // no CCC 28: MISSING_CCC
        t.system(hh(mpan(4), "L1")
                .measurementClass(MeasurementClass.A)
                .profile(1, "0393")
                .eac("2700")); // MISSING_PROFILE_COEFFICIENT
        t.system(hh(mpan(5), "L1").supplier("SUPZ")); // MISSING_DEFAULT_BMU
        MissingReferenceDataException e = failure(t);
        assertThat(e.problems())
                .extracting(CalculationIssue::code)
                .containsExactlyInAnyOrder(
                        IssueCode.MISSING_LLF,
                        IssueCode.MISSING_TAKE,
                        IssueCode.MISSING_WEIGHT,
                        IssueCode.MISSING_CCC,
                        IssueCode.MISSING_PROFILE_COEFFICIENT,
                        IssueCode.MISSING_DEFAULT_BMU);
        assertThat(e.getMessage()).contains("XX9").contains("SUPZ").contains("0393");
    }

    @Test
    void test_the_check_before_calculating_finds_the_same_problems_as_the_calculation() {
        TestRun t = healthy().noTake(10).weights(weightsWithout(4));
        t.system(hh(mpan(2), "XX9")); // MISSING_LLF
        t.system(hh(mpan(5), "L1").supplier("SUPZ")); // MISSING_DEFAULT_BMU
        List<CalculationIssue> checked = SettlementCalculator.missingReferenceData(t.inputs(), t.reference());
        assertThat(checked)
                .extracting(CalculationIssue::code)
                .containsExactlyInAnyOrder(
                        IssueCode.MISSING_LLF,
                        IssueCode.MISSING_TAKE,
                        IssueCode.MISSING_WEIGHT,
                        IssueCode.MISSING_DEFAULT_BMU);
        assertThat(checked).isEqualTo(failure(t).problems());
        assertThat(SettlementCalculator.missingReferenceData(
                        healthy().inputs(), healthy().reference()))
                .isEmpty();
    }

    @Test
    void test_missing_take_lists_the_periods() {
        TestRun t = healthy().noTake(10).noTake(11).noTake(30);
        MissingReferenceDataException e = failure(t);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(IssueCode.MISSING_TAKE);
            assertThat(p.message()).contains("10").contains("11").contains("30");
        });
    }

    // ---- LLF fallbacks

    static Stream<Arguments> previousYear() {
        return Stream.of(
                Arguments.of("2026-01-15", "2025-01-15"),
                Arguments.of("2028-02-29", "2027-02-28"), // 29 Feb -> 28 Feb
                Arguments.of("2028-03-01", "2027-03-01"),
                Arguments.of("2026-10-25", "2025-10-26"), // long day -> last year's long day (50 periods)
                Arguments.of("2027-10-31", "2026-10-25"),
                Arguments.of("2028-10-29", "2027-10-31"),
                Arguments.of("2026-03-29", "2025-03-30"), // short day -> last year's short day (46 periods)
                Arguments.of("2027-03-28", "2026-03-29"),
                Arguments.of("2028-03-26", "2027-03-28"));
    }

    private static void putFlat(TestRun t, LocalDate date, String llf) {
        t.llfs()
                .putFlat(
                        LineLossFactorClass.of("DIST", "L1"),
                        date,
                        SettlementDate.of(date).periodCount(),
                        new BigDecimal(llf));
    }

    @ParameterizedTest(name = "{0} uses {1}")
    @MethodSource("previousYear")
    void test_previous_year_fallback(String date, String earlier) {
        long m = mpan(1);
        TestRun t = TestRun.on("_A", date)
                .unit("SUPA", 0)
                .config(CalculationConfig.defaults().withLlfFallback(LlfFallback.PREVIOUS_YEAR));
        LocalDate e = LocalDate.parse(earlier);
        // LLF 1.050 on the fallback date; other values on the days around it
        putFlat(t, e, "1.050");
        putFlat(t, e.minusDays(1), "1.090");
        putFlat(t, e.plusDays(1), "1.070");
        t.system(hh(m, "L1"));
        int last = t.date().periodCount();
        t.read(m, 1, "100.000", 'A').read(m, last, "100.000", 'A');
        RunResult r = t.run();
        // 100 kWh x (1.05 - 1) = 5 kWh = 0.005 MWh in the first and last period
        assertThat(uncorrectedByCcc(r, 1)).isEqualTo(Map.of(1, "0.1", 4, "0.005"));
        assertThat(uncorrectedByCcc(r, last)).isEqualTo(Map.of(1, "0.1", 4, "0.005"));
        assertThat(r.issues(IssueCode.LLF_FALLBACK))
                .singleElement()
                .satisfies(i -> assertThat(i.message()).contains("L1"));
        assertThat(IssueCode.LLF_FALLBACK.severity()).isEqualTo(IssueCode.Severity.WARNING);
    }

    @Test
    void test_own_llf_is_preferred_to_the_fallback() {
        long m = mpan(1);
        TestRun t = TestRun.on("_A", DATE)
                .unit("SUPA", 0)
                .llf("L1", "1.020")
                .config(CalculationConfig.defaults().withLlfFallback(LlfFallback.PREVIOUS_YEAR));
        putFlat(t, LocalDate.of(2025, 1, 15), "1.050");
        t.system(hh(m, "L1"));
        t.read(m, 10, "100.000", 'A');
        RunResult r = t.run();
        // own LLF 1.020: 100 x 0.02 = 2 kWh
        assertThat(uncorrectedByCcc(r, 10)).isEqualTo(Map.of(1, "0.1", 4, "0.002"));
        assertThat(r.issues(IssueCode.LLF_FALLBACK)).isEmpty();
    }

    @Test
    void test_previous_year_fallback_without_last_years_llf_fails() {
        long m = mpan(1);
        TestRun t = TestRun.on("_A", DATE)
                .unit("SUPA", 0)
                .config(CalculationConfig.defaults().withLlfFallback(LlfFallback.PREVIOUS_YEAR));
        putFlat(t, LocalDate.of(2025, 1, 14), "1.050"); // not the same date a year earlier
        t.system(hh(m, "L1"));
        t.read(m, 10, "100.000", 'A');
        assertThat(failure(t).problems()).extracting(CalculationIssue::code).containsExactly(IssueCode.MISSING_LLF);
    }

    @Test
    void test_unity_fallback() {
        long m = mpan(1);
        TestRun t = TestRun.on("_A", DATE)
                .unit("SUPA", 0)
                .config(CalculationConfig.defaults().withLlfFallback(LlfFallback.UNITY));
        t.system(hh(m, "L1"));
        t.read(m, 10, "100.000", 'A');
        RunResult r = t.run();
        // LLF 1.0: C 0.1 MWh and no loss row
        assertThat(uncorrectedByCcc(r, 10)).isEqualTo(Map.of(1, "0.1"));
        assertThat(r.issues(IssueCode.LLF_FALLBACK))
                .singleElement()
                .satisfies(i -> assertThat(i.message()).contains("L1"));
    }

    @Test
    void test_no_fallback_by_default() {
        long m = mpan(1);
        TestRun t = TestRun.on("_A", DATE).unit("SUPA", 0);
        putFlat(t, LocalDate.of(2025, 1, 15), "1.050");
        t.system(hh(m, "L1"));
        t.read(m, 10, "100.000", 'A');
        assertThat(failure(t).problems()).extracting(CalculationIssue::code).containsExactly(IssueCode.MISSING_LLF);
    }
}
