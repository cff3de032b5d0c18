package org.gbsettle.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.gbsettle.engine.rules.Rules.correction;
import static org.gbsettle.engine.rules.Rules.hh;
import static org.gbsettle.engine.rules.Rules.mpan;
import static org.gbsettle.engine.rules.Rules.uncorrected;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.reference.BmUnit;
import org.gbsettle.engine.reference.BmUnitId;
import org.gbsettle.engine.reference.BmUnitType;
import org.gbsettle.engine.reference.ConsumptionComponentClass;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.HhDefaultEac;
import org.gbsettle.engine.reference.MarketParticipantId;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.reference.ReferenceDataConflictException;
import org.gbsettle.engine.reference.ScalingWeight;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.run.SupplierVolume;
import org.gbsettle.engine.testing.TestReferenceData;
import org.gbsettle.engine.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Effective dating (domain.md §6): records are in force from {@code effective_from} to {@code effective_to} inclusive;
 * a change of supplier splits registration ranges at a date boundary; overlapping ranges for one key fail the load
 * ({@code REFDATA_CONFLICT}), every conflict listed.
 */
class EffectiveDatingRuleTest {

    private static final LocalDate D15 = LocalDate.of(2026, 1, 15);
    private static final LocalDate D16 = LocalDate.of(2026, 1, 16);

    private static EffectiveRange range(LocalDate from, LocalDate to) {
        return EffectiveRange.of(from, to);
    }

    @Test
    void test_change_of_supplier_between_two_consecutive_dates() {
        long m = mpan(1);
        for (LocalDate date : List.of(D15, D16)) {
            TestRun t = TestRun.on("_A", date.toString())
                    .llf("L1", "1.000")
                    .unit("SUPA", 0)
                    .unit("SUPB", 0);
            t.system(hh(m, "L1").supplier("SUPA").effective(range(LocalDate.of(2025, 1, 1), D15)));
            t.system(hh(m, "L1").supplier("SUPB").effective(EffectiveRange.from(D16)));
            t.read(m, 10, "100.000", 'A');
            RunResult r = t.run();
            // 100 kWh actual, CCC 1: SUPA's default unit on the 15th, SUPB's on the 16th
            String unit = date.equals(D15) ? "2__ASUPA000" : "2__ASUPB000";
            assertThat(uncorrected(r, 10)).as(date.toString()).isEqualTo(Map.of(unit + "/1", "0.1"));
        }
    }

    static Stream<Arguments> registrationRanges() {
        EffectiveRange upTo15 = range(LocalDate.of(2025, 1, 1), D15);
        EffectiveRange upTo16 = range(LocalDate.of(2025, 1, 1), D16);
        return Stream.of(
                Arguments.of(upTo15, EffectiveRange.from(D16), false), // consecutive: no overlap
                Arguments.of(upTo16, EffectiveRange.from(D16), true), // share the 16th
                Arguments.of(upTo16, EffectiveRange.from(D15), true),
                Arguments.of(EffectiveRange.from(D15), EffectiveRange.from(D16), true), // both open-ended
                Arguments.of(range(D15, D15), range(D16, D16), false));
    }

    @ParameterizedTest(name = "{0} and {1}: overlap {2}")
    @MethodSource("registrationRanges")
    void test_overlapping_registration_ranges_fail(EffectiveRange a, EffectiveRange b, boolean overlap) {
        long m = mpan(1);
        var regs = List.of(
                hh(m, "L1").supplier("SUPA").group("_A").effective(a).build(),
                hh(m, "L1").supplier("SUPB").group("_A").effective(b).build(),
                hh(mpan(2), "L1").group("_A").build());
        if (overlap) {
            ReferenceDataConflictException e =
                    catchThrowableOfType(ReferenceDataConflictException.class, () -> MeteringSystems.of(regs));
            assertThat(e).isNotNull();
            assertThat(e.conflicts()).singleElement().asString().contains(String.format("%013d", m));
        } else {
            assertThatCode(() -> MeteringSystems.of(regs)).doesNotThrowAnyException();
        }
    }

    @Test
    void test_overlapping_registration_ranges_fail_the_run() {
        long m = mpan(1);
        TestRun t = TestRun.on("_A", "2026-01-15")
                .llf("L1", "1.000")
                .unit("SUPA", 0)
                .unit("SUPB", 0);
        t.system(hh(m, "L1").supplier("SUPA").effective(range(LocalDate.of(2025, 1, 1), D16)));
        t.system(hh(m, "L1").supplier("SUPB").effective(EffectiveRange.from(D16)));
        assertThat(catchThrowableOfType(ReferenceDataConflictException.class, t::run))
                .isNotNull();
    }

    @Test
    void test_reference_data_conflicts_are_listed_together() {
        List<ConsumptionComponentClass> cccs = new ArrayList<>(TestReferenceData.cccs());
        ConsumptionComponentClass one =
                cccs.stream().filter(c -> c.id() == 1).findFirst().orElseThrow();
        cccs.add(new ConsumptionComponentClass(
                1,
                one.measurementQuantity(),
                one.halfHourly(),
                one.metered(),
                one.component(),
                one.basis(),
                one.measurementClasses(),
                "CCC 1 again",
                EffectiveRange.from(D15)));
        List<ScalingWeight> weights = new ArrayList<>(TestReferenceData.weights());
        weights.add(new ScalingWeight(4, new BigDecimal("0.5"), EffectiveRange.from(D15)));
        GspGroup a = GspGroup.of("_A");
        MarketParticipantId supa = MarketParticipantId.of("SUPA");
        List<BmUnit> units = List.of(
                TestReferenceData.bmUnit("SUPA", a, 0),
                TestReferenceData.bmUnit("SUPA", a, 1),
                // the same id again, overlapping
                new BmUnit(BmUnitId.of("2__ASUPA001"), supa, a, BmUnitType.S, false, EffectiveRange.from(D15)),
                // a second default unit of SUPA in _A, overlapping 2__ASUPA000
                new BmUnit(BmUnitId.of("2__ASUPA009"), supa, a, BmUnitType.G, true, EffectiveRange.from(D16)));
        List<HhDefaultEac> eacs = List.of(
                new HhDefaultEac(MeasurementClass.G, new BigDecimal("5900"), EffectiveRange.ALWAYS),
                new HhDefaultEac(MeasurementClass.G, new BigDecimal("6000"), EffectiveRange.from(D15)));
        ReferenceDataConflictException e = catchThrowableOfType(
                ReferenceDataConflictException.class,
                () -> ReferenceData.builder()
                        .consumptionComponentClasses(cccs)
                        .scalingWeights(weights)
                        .bmUnits(units)
                        .hhDefaultEacs(eacs)
                        .build());
        assertThat(e).isNotNull();
        // five conflicts: CCC 1, weight of CCC 4, BM unit 2__ASUPA001, default unit of SUPA in _A, HH default EAC G
        assertThat(e.conflicts()).hasSize(5);
        assertThat(e.conflicts()).anySatisfy(c -> assertThat(c).contains("CCC 1"));
        assertThat(e.conflicts()).anySatisfy(c -> assertThat(c).contains("CCC 4"));
        assertThat(e.conflicts()).anySatisfy(c -> assertThat(c).contains("2__ASUPA001"));
        assertThat(e.conflicts())
                .anySatisfy(c -> assertThat(c).contains("SUPA").contains("_A").doesNotContain("2__ASUPA001"));
        assertThat(e.conflicts()).anySatisfy(c -> assertThat(c).contains("EAC"));
        assertThat(e.getMessage()).contains("REFDATA_CONFLICT");
    }

    @Test
    void test_consecutive_reference_ranges_do_not_conflict() {
        GspGroup a = GspGroup.of("_A");
        MarketParticipantId supa = MarketParticipantId.of("SUPA");
        List<BmUnit> units = List.of(
                new BmUnit(
                        BmUnitId.of("2__ASUPA000"), supa, a, BmUnitType.G, true, range(LocalDate.of(2020, 1, 1), D15)),
                new BmUnit(BmUnitId.of("2__ASUPA009"), supa, a, BmUnitType.G, true, EffectiveRange.from(D16)));
        assertThatCode(() -> ReferenceData.builder().bmUnits(units).build()).doesNotThrowAnyException();
    }

    @Test
    void test_scaling_weight_is_effective_dated() {
        long m = mpan(1);
        List<ScalingWeight> weights = new ArrayList<>(TestReferenceData.weights());
        weights.removeIf(w -> w.cccId() == 9);
        weights.add(new ScalingWeight(9, BigDecimal.ONE, range(LocalDate.of(2020, 1, 1), D15)));
        weights.add(new ScalingWeight(9, new BigDecimal("0.5"), EffectiveRange.from(D16)));
        for (LocalDate date : List.of(D15, D16)) {
            TestRun t = TestRun.on("_A", date.toString())
                    .llf("L1", "1.000")
                    .unit("SUPA", 0)
                    .weights(weights)
                    .take(10, "0.1100");
            t.system(hh(m, "L1"));
            t.read(m, 10, "100.000", 'E');
            RunResult r = t.run();
            // 15th: W 1, D = 0.1, lambda = 0.01 / 0.1 = 0.1, CF 1.1, factor 1.1
            // 16th: W 0.5, D = 0.05, lambda = 0.01 / 0.05 = 0.2, CF 1.2, factor 1 + 0.2 x 0.5 = 1.1
            SupplierVolume v = r.supplierVolumes().stream()
                    .filter(x -> x.period() == 10)
                    .findFirst()
                    .orElseThrow();
            boolean first = date.equals(D15);
            assertThat(v.weight()).isEqualByComparingTo(first ? "1" : "0.5");
            assertThat(correction(r, 10, "legacy_gcf").gcf()).isEqualByComparingTo(first ? "1.1" : "1.2");
            assertThat(v.factor()).isEqualByComparingTo("1.1");
            assertThat(v.correctedExactMwh()).isEqualByComparingTo("0.11");
        }
    }
}
