package org.gbsettle.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.gbsettle.engine.rules.Rules.dqCount;
import static org.gbsettle.engine.rules.Rules.hh;
import static org.gbsettle.engine.rules.Rules.mpan;
import static org.gbsettle.engine.rules.Rules.uncorrected;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.gbsettle.engine.reference.BmUnit;
import org.gbsettle.engine.reference.BmUnitId;
import org.gbsettle.engine.reference.BmUnitType;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.MarketParticipantId;
import org.gbsettle.engine.run.BmUnitVolume;
import org.gbsettle.engine.run.CalculationIssue;
import org.gbsettle.engine.run.DataQualityMeasure;
import org.gbsettle.engine.run.IssueCode;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.testing.TestReferenceData;
import org.gbsettle.engine.testing.TestRun;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Step 4 (domain.md §4): the registered BM unit if valid for (supplier, group, date), else the supplier's default unit
 * with warning {@code BM_UNIT_DEFAULTED} (counted in data quality); a supplier with volume but no default unit fails
 * the run ({@code MISSING_DEFAULT_BMU}); step 7: one {@code bm_unit_volume} row per supplier BM unit of the group and
 * period, zero if no volume.
 */
class BmUnitRuleTest {

    private static final String DATE = "2026-01-15";

    private static BmUnit unit(String id, String supplier, String group, BmUnitType type, EffectiveRange range) {
        return new BmUnit(
                BmUnitId.of(id),
                MarketParticipantId.of(supplier),
                GspGroup.of(group),
                type,
                type == BmUnitType.G,
                range);
    }

    /** SUPA and SUPB with default and additional units in _A, and units that are not valid for SUPA in _A. */
    private static TestRun group(String date) {
        return TestRun.on("_A", date)
                .llf("L1", "1.000")
                .unit("SUPA", 0)
                .unit("SUPA", 1)
                .unit("SUPB", 0)
                .unit("SUPB", 1)
                .unit(TestReferenceData.bmUnit("SUPA", GspGroup.of("_B"), 1))
                .unit(unit("2__ASUPA002", "SUPA", "_A", BmUnitType.S, EffectiveRange.from(LocalDate.of(2026, 2, 1))))
                .unit(unit(
                        "2__ASUPA003",
                        "SUPA",
                        "_A",
                        BmUnitType.S,
                        EffectiveRange.of(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 14))))
                .unit(unit("T_ABCD-1", "SUPA", "_A", BmUnitType.T, EffectiveRange.ALWAYS));
    }

    static Stream<Arguments> registeredUnits() {
        return Stream.of(
                Arguments.of("2__ASUPA001", "2__ASUPA001", false), // valid additional unit
                Arguments.of("2__ASUPA000", "2__ASUPA000", false), // the default unit itself
                Arguments.of(null, "2__ASUPA000", true), // none given
                Arguments.of("2__ASUPB001", "2__ASUPA000", true), // another supplier's
                Arguments.of("2__BSUPA001", "2__ASUPA000", true), // SUPA's unit in another group
                Arguments.of("2__ASUPA002", "2__ASUPA000", true), // in force only from 2026-02-01
                Arguments.of("2__ASUPA003", "2__ASUPA000", true), // ended 2026-01-14
                Arguments.of("2__AXXXX999", "2__ASUPA000", true), // unknown
                Arguments.of("T_ABCD-1", "2__ASUPA000", true)); // not a supplier unit
    }

    @ParameterizedTest(name = "registered {0} -> {1}")
    @MethodSource("registeredUnits")
    void test_bm_unit_resolution(@Nullable String registered, String expected, boolean defaulted) {
        long m = mpan(1);
        TestRun t = group(DATE);
        t.system(hh(m, "L1").bmUnit(registered));
        t.read(m, 10, "100.000", 'A');
        RunResult r = t.run();
        // 100 kWh actual, CCC 1: 0.1 MWh in the resolved unit
        assertThat(uncorrected(r, 10)).isEqualTo(Map.of(expected + "/1", "0.1"));
        if (defaulted) {
            assertThat(r.issues(IssueCode.BM_UNIT_DEFAULTED))
                    .singleElement()
                    .extracting(CalculationIssue::mpan)
                    .isEqualTo(m);
            assertThat(dqCount(r, 0, DataQualityMeasure.BM_UNIT_DEFAULTED)).isPositive();
        } else {
            assertThat(r.issues(IssueCode.BM_UNIT_DEFAULTED)).isEmpty();
            assertThat(dqCount(r, 0, DataQualityMeasure.BM_UNIT_DEFAULTED)).isZero();
        }
    }

    @Test
    void test_bm_unit_defaulted_is_counted_in_the_period_data_quality() {
        TestRun t = group(DATE);
        t.system(hh(mpan(1), "L1")).system(hh(mpan(2), "L1").bmUnit("2__ASUPB001"));
        t.system(hh(mpan(3), "L1").bmUnit("2__ASUPA001"));
        t.read(mpan(1), 10, "100.000", 'A').read(mpan(2), 10, "20.000", 'A').read(mpan(3), 10, "3.000", 'A');
        RunResult r = t.run();
        // two metering systems defaulted to 2__ASUPA000 (100 + 20 kWh), one in 2__ASUPA001 (3 kWh)
        assertThat(uncorrected(r, 10)).isEqualTo(Map.of("2__ASUPA000/1", "0.12", "2__ASUPA001/1", "0.003"));
        assertThat(r.issues(IssueCode.BM_UNIT_DEFAULTED))
                .extracting(CalculationIssue::mpan)
                .containsExactlyInAnyOrder(mpan(1), mpan(2));
        // data_quality has the grain group x SP (domain.md §7, and §10.2 counts "1 BM_UNIT_DEFAULTED" in its SP):
        // SP10 counts the two metering systems whose unit was defaulted
        assertThat(dqCount(r, 10, DataQualityMeasure.BM_UNIT_DEFAULTED)).isEqualTo(2);
    }

    @Test
    void test_supplier_without_default_unit_fails_the_run() {
        long m = mpan(1);
        TestRun t = group(DATE);
        t.system(hh(m, "L1").supplier("SUPC"));
        t.read(m, 10, "100.000", 'A');
        MissingReferenceDataException e = catchThrowableOfType(MissingReferenceDataException.class, t::run);
        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(CalculationIssue::code).containsExactly(IssueCode.MISSING_DEFAULT_BMU);
        assertThat(e.getMessage()).contains("SUPC");
    }

    @Test
    void test_supplier_with_volume_only_in_an_additional_unit_still_needs_a_default_unit() {
        // domain.md §4 step 4 and §8: "a supplier with volume but no default unit fails the run up front";
        // SUPC has volume (through its valid additional unit 2__ASUPC001) and no default unit in _A
        long m = mpan(1);
        TestRun t = group(DATE).unit("SUPC", 1);
        t.system(hh(m, "L1").supplier("SUPC").bmUnit("2__ASUPC001"));
        t.read(m, 10, "100.000", 'A');
        MissingReferenceDataException e = catchThrowableOfType(MissingReferenceDataException.class, t::run);
        assertThat(e).as("MISSING_DEFAULT_BMU for SUPC").isNotNull();
        assertThat(e.problems()).extracting(CalculationIssue::code).containsExactly(IssueCode.MISSING_DEFAULT_BMU);
    }

    static Stream<Arguments> dates() {
        return Stream.of(
                Arguments.of("2026-01-14", 48),
                Arguments.of("2026-01-15", 48),
                Arguments.of("2026-03-29", 46),
                Arguments.of("2026-10-25", 50));
    }

    @ParameterizedTest(name = "{0}: {1} periods")
    @MethodSource("dates")
    void test_every_supplier_unit_of_the_group_has_a_row_per_period(String date, int periods) {
        long m = mpan(1);
        TestRun t = group(date).take(10, "0.1000");
        t.system(hh(m, "L1").bmUnit("2__ASUPA001"));
        t.read(m, 10, "100.000", 'A');
        RunResult r = t.run();
        // the supplier units in force in _A on the date: SUPA 000 and 001, SUPB 000 and 001, 2__ASUPA002 from
        // 2026-02-01, 2__ASUPA003 until 2026-01-14; never 2__BSUPA001 (group _B) or T_ABCD-1 (type T)
        List<String> inForce = new ArrayList<>(List.of("2__ASUPA000", "2__ASUPA001", "2__ASUPB000", "2__ASUPB001"));
        LocalDate d = LocalDate.parse(date);
        if (!d.isBefore(LocalDate.of(2026, 2, 1))) {
            inForce.add("2__ASUPA002");
        }
        if (!d.isAfter(LocalDate.of(2026, 1, 14))) {
            inForce.add("2__ASUPA003");
        }
        assertThat(r.bmUnitVolumes()).hasSize(inForce.size() * periods);
        assertThat(r.bmUnitVolumes()).extracting(v -> v.bmUnit().id()).containsOnlyElementsOf(inForce);
        for (String id : inForce) {
            assertThat(r.bmUnitVolumes().stream().filter(v -> v.bmUnit().id().equals(id)))
                    .extracting(BmUnitVolume::period)
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.rangeClosed(1, periods).boxed().toList());
        }
        // only 2__ASUPA001 in SP10 has volume: 0.1 MWh (W = 0, take 0.1000); every other row 0.0000
        for (BmUnitVolume v : r.bmUnitVolumes()) {
            boolean withVolume = v.period() == 10 && v.bmUnit().id().equals("2__ASUPA001");
            assertThat(v.bmuadvMwh().toPlainString())
                    .as(v.bmUnit() + " SP" + v.period())
                    .isEqualTo(withVolume ? "0.1000" : "0.0000");
        }
    }
}
