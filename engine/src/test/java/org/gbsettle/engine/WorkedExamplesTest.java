package org.gbsettle.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gbsettle.engine.testing.RegistrationBuilder.mpan;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gbsettle.engine.input.GspGroupTake;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.reference.BmUnit;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.LineLossFactors;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.GspGroupCorrection;
import org.gbsettle.engine.run.IssueCode;
import org.gbsettle.engine.run.RunContext;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.run.SupplierVolume;
import org.gbsettle.engine.testing.TestReferenceData;
import org.gbsettle.engine.time.SettlementDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of domain.md §10, whose numbers were verified there with rational arithmetic. Only the example
 * period carries values; the other periods have no values and a zero take.
 */
class WorkedExamplesTest {

    private static final Instant CUTOFF = Instant.parse("2030-01-01T00:00:00Z");
    private static final long T0 = Instant.parse("2026-01-20T00:00:00Z").getEpochSecond() * 1_000_000L;

    /** One example: registrations, reads, LLFs and the take in one period. */
    private static final class Example {
        final GspGroup group;
        final SettlementDate date;
        final int period;
        final List<Registration> registrations = new ArrayList<>();
        final MeterReads.Builder reads = MeterReads.builder();
        final LineLossFactors.Builder llfs = LineLossFactors.builder();
        final List<BmUnit> units = new ArrayList<>();
        BigDecimal take = BigDecimal.ZERO;

        Example(String group, String date, int period) {
            this.group = GspGroup.of(group);
            this.date = SettlementDate.parse(date);
            this.period = period;
        }

        Example llf(String code, String value) {
            llfs.putFlat(LineLossFactorClass.of("DIST", code), date.date(), date.periodCount(), new BigDecimal(value));
            return this;
        }

        Example unit(String supplier, int nnn) {
            units.add(TestReferenceData.bmUnit(supplier, group, nnn));
            return this;
        }

        Example system(Registration r) {
            registrations.add(r);
            return this;
        }

        Example read(long mpan, boolean export, String kwh, char quality, int minutesAfterT0) {
            reads.add(
                    mpan,
                    export ? MeterReads.AE : MeterReads.AI,
                    period,
                    new BigDecimal(kwh).movePointRight(3).longValueExact(),
                    (byte) quality,
                    T0 + minutesAfterT0 * 60_000_000L);
            return this;
        }

        ReferenceData reference() {
            return ReferenceData.builder()
                    .consumptionComponentClasses(TestReferenceData.cccs())
                    .scalingWeights(TestReferenceData.weights())
                    .bmUnits(units)
                    .lineLossFactors(llfs.build())
                    .build();
        }

        /** The inputs of a run of this type: the take in the example period, 0 in the others. */
        RunInputs inputs(RunType type, CalculationConfig config) {
            GspGroupTake.Builder t = GspGroupTake.builder(group, date, 1);
            for (int p = 1; p <= date.periodCount(); p++) {
                t.period(p, p == period ? take : BigDecimal.ZERO, false);
            }
            return RunInputs.of(
                            new RunContext(date, type, 1, group, CUTOFF),
                            MeteringSystems.of(registrations),
                            reads.build(),
                            t.build())
                    .withConfig(config);
        }

        RunResult run(CalculationConfig config) {
            return SettlementCalculator.calculate(inputs(RunType.SF, config), reference());
        }
    }

    private static Registration hh(
            long mpan, String supplier, String bmUnit, String llfc, MeasurementClass mc, String group) {
        return mpan(mpan)
                .supplier(supplier)
                .bmUnit(bmUnit)
                .llfc("DIST", llfc)
                .measurementClass(mc)
                .group(group)
                .build();
    }

    private static Map<String, String> published(RunResult r, int period) {
        return r.supplierVolumes().stream()
                .filter(v -> v.period() == period)
                .collect(Collectors.toMap(
                        v -> v.bmUnit() + "/" + v.cccId(), v -> v.correctedMwh().toPlainString()));
    }

    private static Map<String, String> exact(RunResult r, int period) {
        return r.supplierVolumes().stream()
                .filter(v -> v.period() == period)
                .collect(Collectors.toMap(
                        v -> v.bmUnit() + "/" + v.cccId(),
                        v -> v.correctedExactMwh().stripTrailingZeros().toPlainString()));
    }

    private static Map<String, String> bmuadv(RunResult r, int period) {
        return r.bmUnitVolumes().stream()
                .filter(v -> v.period() == period)
                .collect(Collectors.toMap(
                        v -> v.bmUnit().id(), v -> v.bmuadvMwh().toPlainString()));
    }

    private static GspGroupCorrection correction(RunResult r, int period, String type) {
        return r.corrections().stream()
                .filter(c -> c.period() == period && c.gcfType().equals(type))
                .findFirst()
                .orElseThrow();
    }

    @Nested
    class Example1 {
        Example example() {
            Example e = new Example("_A", "2026-01-15", 35).llf("A74", "1.074").llf("A85", "1.085");
            e.unit("SUPA", 0).unit("SUPB", 0).unit("SUPB", 1).unit("SUPC", 0).unit("SUPD", 0);
            e.system(hh(1010000000019L, "SUPA", "2__ASUPA000", "A74", MeasurementClass.C, "_A"))
                    .system(hh(1010000000028L, "SUPA", "2__ASUPA000", "A74", MeasurementClass.C, "_A"))
                    .system(hh(1010000000037L, "SUPB", "2__ASUPB001", "A85", MeasurementClass.C, "_A"))
                    .system(hh(1010000000046L, "SUPC", "2__ASUPC000", "A85", MeasurementClass.G, "_A"))
                    .system(hh(1010000000055L, "SUPC", "2__ASUPC000", "A85", MeasurementClass.G, "_A"))
                    .system(hh(1010000000064L, "SUPD", "2__ASUPD000", "A74", MeasurementClass.C, "_A"))
                    .system(hh(1010000000073L, "SUPD", "2__ASUPD000", "A74", MeasurementClass.C, "_A"));
            e.read(1010000000019L, false, "400.000", 'E', 0)
                    .read(1010000000019L, false, "412.500", 'A', 10)
                    .read(1010000000028L, false, "118.000", 'E', 0)
                    .read(1010000000028L, false, "120.000", 'E', 10)
                    .read(1010000000037L, false, "250.400", 'A', 0)
                    .read(1010000000046L, false, "36.800", 'E', 0)
                    .read(1010000000055L, false, "12.600", 'E', 0)
                    .read(1010000000064L, false, "60.000", 'E', 0)
                    .read(1010000000073L, false, "95.250", 'A', 0);
            e.take = new BigDecimal("1.0850");
            return e;
        }

        @Test
        void test_factor_and_totals() {
            RunResult r = example().run(CalculationConfig.defaults());
            GspGroupCorrection c = correction(r, 35, "legacy_gcf");
            assertThat(c.gcf()).isEqualByComparingTo("1.085345802");
            assertThat(c.uncorrectedTotalMwh()).isEqualByComparingTo("1.0639265");
            assertThat(c.correctableMwh()).isEqualByComparingTo("0.246919");
            // sum CORC = 1.085000000084038: unallocated = take - sum = -8.4038e-11
            assertThat(c.unallocatedMwh()).isEqualByComparingTo("-0.000000000084038");
        }

        @Test
        void test_exact_corrected_volumes() {
            RunResult r = example().run(CalculationConfig.defaults());
            assertThat(exact(r, 35))
                    .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                            Map.entry("2__ASUPA000/1", "0.4125"),
                            Map.entry("2__ASUPA000/4", "0.030525"),
                            Map.entry("2__ASUPA000/9", "0.13024149624"),
                            Map.entry("2__ASUPA000/12", "0.00963787072176"),
                            Map.entry("2__ASUPB001/1", "0.2504"),
                            Map.entry("2__ASUPB001/4", "0.021284"),
                            Map.entry("2__ASUPC000/28", "0.0536160826188"),
                            Map.entry("2__ASUPC000/31", "0.004557367022598"),
                            Map.entry("2__ASUPD000/1", "0.09525"),
                            Map.entry("2__ASUPD000/4", "0.0070485"),
                            Map.entry("2__ASUPD000/9", "0.06512074812"),
                            Map.entry("2__ASUPD000/12", "0.00481893536088")));
        }

        @Test
        void test_published_R3_as_in_domain_table() {
            RunResult r = example().run(CalculationConfig.defaults().withBalanceToTake(false));
            assertThat(published(r, 35))
                    .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                            Map.entry("2__ASUPA000/1", "0.4125"),
                            Map.entry("2__ASUPA000/4", "0.0305"),
                            Map.entry("2__ASUPA000/9", "0.1302"),
                            Map.entry("2__ASUPA000/12", "0.0096"),
                            Map.entry("2__ASUPB001/1", "0.2504"),
                            Map.entry("2__ASUPB001/4", "0.0213"),
                            Map.entry("2__ASUPC000/28", "0.0536"),
                            Map.entry("2__ASUPC000/31", "0.0046"),
                            Map.entry("2__ASUPD000/1", "0.0953"),
                            Map.entry("2__ASUPD000/4", "0.0070"),
                            Map.entry("2__ASUPD000/9", "0.0651"),
                            Map.entry("2__ASUPD000/12", "0.0048")));
            assertThat(correction(r, 35, "legacy_gcf").publishedResidualMwh()).isEqualByComparingTo("0.0001");
        }

        @Test
        void test_published_R4_balanced_to_the_take() {
            RunResult r = example().run(CalculationConfig.defaults());
            Map<String, String> p = published(r, 35);
            // the one unit of residual goes to SUPA CCC 9, which rounding moved furthest down (0.00004149624)
            assertThat(p).containsEntry("2__ASUPA000/9", "0.1303").containsEntry("2__ASUPD000/9", "0.0651");
            BigDecimal sum = r.supplierVolumes().stream()
                    .filter(v -> v.period() == 35)
                    .map(SupplierVolume::correctedMwh)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sum).isEqualByComparingTo("1.0850");
        }

        @Test
        void test_explain_one_value() {
            Example e = example();
            RunInputs in = e.inputs(RunType.SF, CalculationConfig.defaults());
            ReferenceData ref = e.reference();
            var x = SettlementCalculator.explain(in, ref, 1010000000028L, 35);
            // 120.000 kWh estimated (the later of two estimates) x LLF 1.074: C 120, L 8.88, CCCs 9/12, W 1:
            // corrected (0.12 + 0.00888) x 1.085345802 = 0.13987936696176 MWh
            assertThat(x.method()).isEqualTo("SUBMITTED_ESTIMATE");
            assertThat(x.valueKwh()).isEqualByComparingTo("120");
            assertThat(x.llf()).isEqualByComparingTo("1.074");
            assertThat(x.lossKwh()).isEqualByComparingTo("8.88");
            assertThat(x.consumptionCcc()).isEqualTo(9);
            assertThat(x.lossCcc()).isEqualTo(12);
            assertThat(x.bmUnit()).isEqualTo("2__ASUPA000");
            assertThat(x.lambda()).isEqualByComparingTo("0.085345802");
            assertThat(x.correctedMwh()).isEqualByComparingTo("0.13987936696176");
            assertThat(x.text())
                    .contains("118.000 kWh quality E")
                    .contains("superseded")
                    .contains("chosen");

            var y = SettlementCalculator.explain(in, ref, 1010000000019L, 35);
            assertThat(y.method()).isEqualTo("ACTUAL");
            assertThat(y.correctedMwh()).isEqualByComparingTo("0.443025"); // W = 0: 0.4125 + 0.030525
            assertThat(y.steps()).filteredOn(st -> st.name().equals("read")).hasSize(2);
        }

        @Test
        void test_bm_unit_allocated_volumes() {
            RunResult r = example().run(CalculationConfig.defaults());
            assertThat(bmuadv(r, 35))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "2__ASUPA000", "0.5829",
                            "2__ASUPB000", "0.0000",
                            "2__ASUPB001", "0.2717",
                            "2__ASUPC000", "0.0582",
                            "2__ASUPD000", "0.1722"));
        }
    }

    @Nested
    class Example2 {
        Example example() {
            Example e = new Example("_N", "2026-10-25", 5)
                    .llf("N62", "1.062")
                    .llf("N91", "1.091")
                    .llf("N45", "1.045");
            e.unit("SUPA", 0).unit("SUPB", 0).unit("SUPC", 0).unit("SUPC", 1);
            // a unit of group _A, which is not valid in _N
            e.units.add(TestReferenceData.bmUnit("SUPB", GspGroup.of("_A"), 1));
            e.system(hh(1810000000015L, "SUPA", "2__NSUPA000", "N62", MeasurementClass.C, "_N"))
                    .system(hh(1810000000024L, "SUPB", "2__ASUPB001", "N91", MeasurementClass.G, "_N"))
                    .system(mpan(1810000000033L)
                            .supplier("SUPB")
                            .bmUnit("2__NSUPB000")
                            .llfc("DIST", "N91")
                            .measurementClass(MeasurementClass.G)
                            .group("_N")
                            .eac("438000")
                            .build())
                    .system(hh(1810000000042L, "SUPC", "2__NSUPC001", "N91", MeasurementClass.G, "_N"))
                    .system(mpan(1810000000051L)
                            .supplier("SUPC")
                            .bmUnit("2__NSUPC001")
                            .llfc("DIST", "N45")
                            .measurementClass(MeasurementClass.C)
                            .group("_N")
                            .export()
                            .build());
            e.read(1810000000015L, false, "300.000", 'A', 0)
                    .read(1810000000024L, false, "48.000", 'A', 0)
                    .read(1810000000042L, false, "64.000", 'A', 0)
                    .read(1810000000051L, true, "80.000", 'A', 0);
            e.take = new BigDecimal("0.3811");
            return e;
        }

        @Test
        void test_example_2_with_published_load_shape() {
            Example e = example();
            // LS_5 0.180 and annual total 3,285.000 for the category of ...033 (CT, advanced, non-domestic, AI)
            var cat = org.gbsettle.engine.input.LoadShapeCategory.of(e.registrations.get(2));
            var shapes = org.gbsettle.engine.input.PublishedLoadShapes.builder()
                    .periodValue(cat, 5, new BigDecimal("0.180"))
                    .annualTotal(cat, new BigDecimal("3285.000"))
                    .build();
            RunInputs in = e.inputs(
                            RunType.R1,
                            CalculationConfig.defaults()
                                    .withLoadShapeSource(CalculationConfig.LoadShapeSource.PUBLISHED))
                    .withPublishedLoadShapes(shapes);
            ReferenceData ref = e.reference();
            RunResult r = SettlementCalculator.calculate(in, ref);

            assertThat(correction(r, 5, "legacy_gcf").gcf()).isEqualByComparingTo("0.959881548");
            assertThat(exact(r, 5))
                    .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                            Map.entry("2__NSUPA000/1", "0.3"),
                            Map.entry("2__NSUPA000/4", "0.0186"),
                            Map.entry("2__NSUPB000/23", "0.047518578576"),
                            Map.entry("2__NSUPB000/26", "0.004324190650416"),
                            Map.entry("2__NSUPB000/28", "0.023037157152"),
                            Map.entry("2__NSUPB000/31", "0.002096381300832"),
                            Map.entry("2__NSUPC001/6", "-0.08"),
                            Map.entry("2__NSUPC001/8", "-0.0036"),
                            Map.entry("2__NSUPC001/23", "0.063358104768"),
                            Map.entry("2__NSUPC001/26", "0.005765587533888")));
            assertThat(bmuadv(r, 5))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "2__NSUPA000", "0.3186",
                            "2__NSUPB000", "0.0770",
                            "2__NSUPC000", "0.0000",
                            "2__NSUPC001", "-0.0145"));
            assertThat(r.issues(IssueCode.BM_UNIT_DEFAULTED))
                    .singleElement()
                    .satisfies(i -> assertThat(i.mpan()).isEqualTo(1810000000024L));
            assertThat(r.dataQuality()).anySatisfy(d -> {
                assertThat(d.period()).isEqualTo(5);
                assertThat(d.measure().name()).isEqualTo("DEFAULTED_LOAD_SHAPE_ANNUAL");
                assertThat(d.count()).isEqualTo(1);
                assertThat(d.mwh()).isEqualByComparingTo("0.024");
            });
        }
    }

    @Nested
    class Example3 {
        Example example() {
            Example e = new Example("_P", "2027-03-28", 3).llf("P50", "1.050").llf("P20", "1.020");
            e.unit("SUPA", 0).unit("SUPB", 0).unit("SUPC", 0);
            e.system(hh(1710000000010L, "SUPA", "2__PSUPA000", "P50", MeasurementClass.C, "_P"))
                    .system(hh(1710000000020L, "SUPA", "2__PSUPA000", "P50", MeasurementClass.C, "_P"))
                    .system(mpan(1710000000039L)
                            .supplier("SUPB")
                            .bmUnit("2__PSUPB000")
                            .llfc("DIST", "P50")
                            .group("_P")
                            .export()
                            .build())
                    .system(mpan(1710000000048L)
                            .supplier("SUPC")
                            .bmUnit("2__PSUPC000")
                            .llfc("DIST", "P20")
                            .group("_P")
                            .export()
                            .build());
            e.read(1710000000010L, false, "200.000", 'A', 0)
                    .read(1710000000020L, false, "100.000", 'E', 0)
                    .read(1710000000039L, true, "50.000", 'E', 0)
                    .read(1710000000048L, true, "40.000", 'A', 0);
            e.take = new BigDecimal("0.2300");
            return e;
        }

        @Test
        void test_import_export_variant() {
            RunResult r = example()
                    .run(CalculationConfig.defaults()
                            .withCorrectionMode(CalculationConfig.CorrectionMode.IMPORT_EXPORT));
            assertThat(correction(r, 3, "mhhs_import_gcf").gcf()).isEqualByComparingTo("1.052698413");
            assertThat(correction(r, 3, "mhhs_export_gcf").gcf()).isEqualByComparingTo("0.947301587");
            assertThat(exact(r, 3))
                    .containsEntry("2__PSUPA000/9", "0.1052698413")
                    .containsEntry("2__PSUPA000/12", "0.005263492065")
                    .containsEntry("2__PSUPB000/14", "-0.04736507935")
                    .containsEntry("2__PSUPB000/16", "-0.0023682539675")
                    .containsEntry("2__PSUPC000/6", "-0.04")
                    .containsEntry("2__PSUPC000/8", "-0.0008");
            assertThat(bmuadv(r, 3))
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("2__PSUPA000", "0.3205", "2__PSUPB000", "-0.0497", "2__PSUPC000", "-0.0408"));
        }

        @Test
        void test_single_factor_on_the_same_data_scales_export_up() {
            RunResult r = example().run(CalculationConfig.defaults());
            GspGroupCorrection c = correction(r, 3, "legacy_gcf");
            assertThat(c.correctableMwh()).isEqualByComparingTo("0.0525");
            assertThat(c.gcf()).isEqualByComparingTo("1.158095238");
            assertThat(exact(r, 3)).containsEntry("2__PSUPB000/14", "-0.0579047619");
        }
    }

    @Nested
    class Example4 {
        @Test
        void test_zero_correctable_volume() {
            Example e = new Example("_B", "2026-01-15", 20).llf("B50", "1.050");
            e.unit("SUPA", 0).unit("SUPB", 0);
            e.system(hh(1110000000013L, "SUPA", "2__BSUPA000", "B50", MeasurementClass.C, "_B"))
                    .system(hh(1110000000022L, "SUPB", "2__BSUPB000", "B50", MeasurementClass.C, "_B"));
            e.read(1110000000013L, false, "300.000", 'A', 0).read(1110000000022L, false, "176.000", 'A', 0);
            e.take = new BigDecimal("0.5100");
            RunResult r = e.run(CalculationConfig.defaults());
            GspGroupCorrection c = correction(r, 20, "legacy_gcf");
            assertThat(c.gcf()).isEqualByComparingTo("1.000000000");
            assertThat(c.gcf().scale()).isEqualTo(9);
            assertThat(c.flags()).contains("CF_UNDEFINED");
            assertThat(c.unallocatedMwh()).isEqualByComparingTo("0.0102");
            assertThat(bmuadv(r, 20)).containsEntry("2__BSUPA000", "0.3150").containsEntry("2__BSUPB000", "0.1848");
            assertThat(r.issues(IssueCode.CF_UNDEFINED))
                    .anySatisfy(i -> assertThat(i.period()).isEqualTo(20));
        }
    }
}
