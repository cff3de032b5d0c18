package org.gbsettle.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gbsettle.engine.rules.Rules.hh;
import static org.gbsettle.engine.rules.Rules.mpan;
import static org.gbsettle.engine.rules.Rules.uncorrected;
import static org.gbsettle.engine.rules.Rules.uncorrectedByCcc;

import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Stream;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.testing.RegistrationBuilder;
import org.gbsettle.engine.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Step 2 (domain.md §4): {@code s = +v} for AI, {@code -v} for AE; {@code C = s}, {@code L = s x (LLF - 1)}, exact; the
 * LLF is looked up by LDSO + LLFC + date + period; a site-specific LLFC puts its losses in the M component. Observed
 * as uncorrected volumes, MWh = kWh / 1000.
 */
class LineLossRuleTest {

    private static final String UNIT = "2__ASUPA000";

    static Stream<Arguments> losses() {
        return Stream.of(
                // domain example: 10,000 kWh x 1.08 = 10,800 kWh: C 10,000 kWh = 10 MWh, L 800 kWh = 0.8 MWh
                Arguments.of(false, MeasurementClass.C, 'A', "10000.000", "1.080", Map.of(1, "10", 4, "0.8")),
                // 95.250 x 0.074 = 7.0485 kWh (domain §10.1)
                Arguments.of(false, MeasurementClass.C, 'A', "95.250", "1.074", Map.of(1, "0.09525", 4, "0.0070485")),
                // export: s = -80; L = -80 x 0.045 = -3.6 kWh
                Arguments.of(true, MeasurementClass.C, 'A', "80.000", "1.045", Map.of(6, "-0.08", 8, "-0.0036")),
                // export estimate: s = -50; L = -50 x 0.05 = -2.5 kWh
                Arguments.of(true, MeasurementClass.C, 'E', "50.000", "1.050", Map.of(14, "-0.05", 16, "-0.0025")),
                // below 100 kW: 48 x 0.091 = 4.368 kWh
                Arguments.of(false, MeasurementClass.G, 'A', "48.000", "1.091", Map.of(23, "0.048", 26, "0.004368")),
                // LLF below 1: 100 x (0.98 - 1) = -2 kWh, a negative loss on an import
                Arguments.of(false, MeasurementClass.C, 'A', "100.000", "0.980", Map.of(1, "0.1", 4, "-0.002")),
                // exactness at the smallest grain: 1 Wh x 0.000001 = 10^-6 Wh = 10^-12 MWh
                Arguments.of(
                        false,
                        MeasurementClass.C,
                        'A',
                        "0.001",
                        "1.000001",
                        Map.of(1, "0.000001", 4, "0.000000000001")),
                Arguments.of(
                        true,
                        MeasurementClass.C,
                        'A',
                        "0.001",
                        "1.000001",
                        Map.of(6, "-0.000001", 8, "-0.000000000001")),
                // LLF 1: L = 0, no loss row
                Arguments.of(false, MeasurementClass.C, 'A', "100.000", "1.000", Map.of(1, "0.1")),
                Arguments.of(true, MeasurementClass.C, 'E', "100.000", "1", Map.of(14, "-0.1")));
    }

    @ParameterizedTest(name = "export {0} class {1} {2} {3} kWh x LLF {4}")
    @MethodSource("losses")
    void test_consumption_and_loss_components(
            boolean export, MeasurementClass mc, char quality, String kwh, String llf, Map<Integer, String> expected) {
        long m = mpan(1);
        TestRun t = TestRun.on("_A", "2026-01-15").llf("L1", llf).unit("SUPA", 0);
        RegistrationBuilder reg = hh(m, "L1").measurementClass(mc);
        t.system(export ? reg.export() : reg);
        t.read(m, export ? MeterReads.AE : MeterReads.AI, 10, kwh, quality, 0);
        RunResult r = t.run();
        assertThat(uncorrectedByCcc(r, 10)).isEqualTo(expected);
    }

    @Test
    void test_llf_varies_by_period() {
        long m = mpan(1);
        TestRun t = TestRun.on("_A", "2026-01-15").unit("SUPA", 0);
        // LLF of SP k = 1 + k / 1000: 1.001, 1.002, ... 1.048
        BigDecimal[] llfs = new BigDecimal[48];
        for (int k = 1; k <= 48; k++) {
            llfs[k - 1] = BigDecimal.ONE.add(BigDecimal.valueOf(k, 3));
        }
        t.llfs().put(LineLossFactorClass.of("DIST", "L1"), t.date().date(), llfs);
        t.system(hh(m, "L1"));
        t.read(m, 1, "100.000", 'A').read(m, 17, "100.000", 'A').read(m, 48, "100.000", 'A');
        RunResult r = t.run();
        // 100 kWh x 0.001 = 0.1 kWh; x 0.017 = 1.7 kWh; x 0.048 = 4.8 kWh
        assertThat(uncorrectedByCcc(r, 1)).isEqualTo(Map.of(1, "0.1", 4, "0.0001"));
        assertThat(uncorrectedByCcc(r, 17)).isEqualTo(Map.of(1, "0.1", 4, "0.0017"));
        assertThat(uncorrectedByCcc(r, 48)).isEqualTo(Map.of(1, "0.1", 4, "0.0048"));
    }

    @Test
    void test_llf_by_period_on_the_long_day() {
        long m = mpan(1);
        TestRun t = TestRun.on("_N", "2026-10-25").unit("SUPA", 0);
        // 50 periods; LLF of SP k = 1 + k / 1000
        BigDecimal[] llfs = new BigDecimal[50];
        for (int k = 1; k <= 50; k++) {
            llfs[k - 1] = BigDecimal.ONE.add(BigDecimal.valueOf(k, 3));
        }
        t.llfs().put(LineLossFactorClass.of("DIST", "L1"), t.date().date(), llfs);
        t.system(hh(m, "L1"));
        t.read(m, 5, "100.000", 'A').read(m, 50, "100.000", 'A');
        RunResult r = t.run();
        // SP5 (01:30a): 100 x 0.005 = 0.5 kWh; SP50: 100 x 0.05 = 5 kWh
        assertThat(uncorrectedByCcc(r, 5)).isEqualTo(Map.of(1, "0.1", 4, "0.0005"));
        assertThat(uncorrectedByCcc(r, 50)).isEqualTo(Map.of(1, "0.1", 4, "0.005"));
    }

    @Test
    void test_site_specific_llfc_puts_losses_in_the_m_component() {
        long site = mpan(1);
        long siteEstimated = mpan(2);
        long ordinary = mpan(3);
        TestRun t = TestRun.on("_A", "2026-01-15")
                .llf("S1", "1.025")
                .llf("L1", "1.025")
                .unit("SUPA", 0);
        t.llfs().siteSpecific(LineLossFactorClass.of("DIST", "S1"));
        t.system(hh(site, "S1")).system(hh(siteEstimated, "S1")).system(hh(ordinary, "L1"));
        t.read(site, 10, "200.000", 'A').read(siteEstimated, 10, "40.000", 'E').read(ordinary, 10, "120.000", 'A');
        RunResult r = t.run();
        // site-specific, actual: C 200 kWh -> CCC 1, M 200 x 0.025 = 5 kWh -> CCC 3
        // site-specific, estimated: C 40 kWh -> CCC 9, M 40 x 0.025 = 1 kWh -> CCC 11
        // ordinary LLFC, actual: C 120 kWh -> CCC 1 (with the 200), L 120 x 0.025 = 3 kWh -> CCC 4
        assertThat(uncorrected(r, 10))
                .isEqualTo(Map.of(
                        UNIT + "/1", "0.32",
                        UNIT + "/3", "0.005",
                        UNIT + "/4", "0.003",
                        UNIT + "/9", "0.04",
                        UNIT + "/11", "0.001"));
    }

    @Test
    void test_losses_of_several_mpans_with_different_llfs_add_up_exactly() {
        long a = mpan(1);
        long b = mpan(2);
        long c = mpan(3);
        TestRun t = TestRun.on("_A", "2026-01-15")
                .llf("L1", "1.074")
                .llf("L2", "1.085")
                .unit("SUPA", 0);
        t.system(hh(a, "L1")).system(hh(b, "L1")).system(hh(c, "L2"));
        t.read(a, 10, "412.500", 'A').read(b, 10, "95.250", 'A').read(c, 10, "250.400", 'A');
        RunResult r = t.run();
        // C: 412.5 + 95.25 + 250.4 = 758.15 kWh
        // L: 412.5 x 0.074 = 30.525; 95.25 x 0.074 = 7.0485; 250.4 x 0.085 = 21.284; sum 58.8575 kWh
        assertThat(uncorrectedByCcc(r, 10)).isEqualTo(Map.of(1, "0.75815", 4, "0.0588575"));
    }
}
