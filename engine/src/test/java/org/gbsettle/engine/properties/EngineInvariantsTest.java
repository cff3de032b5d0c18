package org.gbsettle.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongToIntFunction;
import java.util.stream.LongStream;
import org.gbsettle.engine.SettlementCalculator;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.reference.ConsumptionComponentClass;
import org.gbsettle.engine.run.BmUnitVolume;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.DataQualityCount;
import org.gbsettle.engine.run.DataQualityMeasure;
import org.gbsettle.engine.run.GspGroupCorrection;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.run.SupplierVolume;
import org.gbsettle.engine.testing.Scenario;
import org.gbsettle.engine.testing.ScenarioGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's invariants over {@value #SEEDS} random scenarios ({@link ScenarioGenerator#random(long)}); a failure
 * names the seed and the scenario's shape, and {@code ScenarioGenerator.random(seed)} rebuilds it.
 *
 * <ul>
 *   <li>correction: per period, the exact corrected total lies within 0.5e-9 x |D| of the take, lambda is {@code
 *       round((take - T) / D, 9, HALF_UP)}, every row is {@code UC x (1 + lambda x W)}; with balancing the published
 *       supplier rows and the published BM unit volumes each add up to the take exactly; with D = 0 nothing moves and
 *       CF = 1;
 *   <li>conservation before correction: per period and per BM unit, the uncorrected rows add up to the sum of signed
 *       value x LLF over every selected, defaulted and shaped value, recomputed independently by {@link Oracle};
 *   <li>byte-identical results whatever the order of meter-read rows, the order of registrations, the chunking of
 *       metering systems and the number of threads.
 * </ul>
 *
 * <p>The first calculation of each seed is cached, so the five properties share it.
 */
class EngineInvariantsTest {

    static final int SEEDS = 200;

    private static final BigDecimal HALF_NANO = new BigDecimal("0.5E-9");
    private static final Map<Long, Case> CASES = new ConcurrentHashMap<>();

    /**
     * A scenario whose takes are near the oracle's uncorrected totals, the oracle, the engine's result and its tables.
     */
    private record Case(
            Scenario scenario, Oracle oracle, RunResult result, Map<String, String> tables, String fingerprint) {}

    static LongStream seeds() {
        return LongStream.rangeClosed(1, SEEDS);
    }

    private static Case caseOf(long seed) {
        return CASES.computeIfAbsent(seed, s -> {
            Scenario generated = ScenarioGenerator.random(s);
            Oracle oracle = Oracle.of(generated.inputs(), generated.reference());
            // takes near the exact uncorrected totals (+-5 %, or exactly them at 4 dp)
            Scenario scenario =
                    generated.withTake(ScenarioGenerator.takeNear(new Random(~s), generated, oracle.totalMwh));
            RunResult result = SettlementCalculator.calculate(scenario.inputs(), scenario.reference());
            return new Case(
                    scenario,
                    oracle,
                    result,
                    result.tables().asMap(),
                    result.tables().fingerprint());
        });
    }

    // -----------------------------------------------------------------------------------------------------------------
    // correction

    @ParameterizedTest
    @MethodSource("seeds")
    void test_correction_reaches_the_take_within_the_rounding_bound(long seed) {
        Case c = caseOf(seed);
        Scenario s = c.scenario();
        RunResult r = c.result();
        CalculationConfig config = s.inputs().config();
        boolean importExport = config.correctionMode() == CalculationConfig.CorrectionMode.IMPORT_EXPORT;
        Map<Integer, ConsumptionComponentClass> cccs = new TreeMap<>();
        for (ConsumptionComponentClass ccc : s.reference().consumptionComponentClasses()) {
            cccs.put(ccc.id(), ccc);
        }
        for (int p = 1; p <= s.periods(); p++) {
            String at = s + " SP" + p;
            int period = p;
            BigDecimal take = s.inputs().take().mwh(p);
            List<SupplierVolume> rows = r.supplierVolumes().stream()
                    .filter(v -> v.period() == period)
                    .toList();
            List<BmUnitVolume> units =
                    r.bmUnitVolumes().stream().filter(v -> v.period() == period).toList();
            List<GspGroupCorrection> corrections =
                    r.corrections().stream().filter(v -> v.period() == period).toList();
            assertThat(corrections).as("%s", at).hasSize(importExport ? 2 : 1);

            BigDecimal t = BigDecimal.ZERO;
            BigDecimal d = BigDecimal.ZERO;
            BigDecimal corrected = BigDecimal.ZERO;
            for (SupplierVolume v : rows) {
                BigDecimal expectedWeight = s.reference()
                        .scalingWeight(
                                v.cccId(), s.inputs().context().settlementDate().date())
                        .orElseThrow();
                assertThat(v.weight()).as("%s weight of CCC %d", at, v.cccId()).isEqualByComparingTo(expectedWeight);
                boolean export = cccs.get(v.cccId()).measurementQuantity() == MeasurementQuantity.AE;
                BigDecimal wuc = v.weight().multiply(v.uncorrectedMwh());
                t = t.add(v.uncorrectedMwh());
                d = importExport && export ? d.subtract(wuc) : d.add(wuc);
                corrected = corrected.add(v.correctedExactMwh());
            }
            for (GspGroupCorrection g : corrections) {
                assertThat(g.takeMwh()).as("%s", at).isEqualByComparingTo(take);
                assertThat(g.uncorrectedTotalMwh()).as("%s T", at).isEqualByComparingTo(t);
                assertThat(g.correctableMwh()).as("%s D", at).isEqualByComparingTo(d);
                assertThat(g.unallocatedMwh()).as("%s unallocated", at).isEqualByComparingTo(take.subtract(corrected));
            }
            // BM unit exact volumes are the sums of their rows
            for (BmUnitVolume u : units) {
                BigDecimal sum = rows.stream()
                        .filter(v -> v.bmUnit().equals(u.bmUnit()))
                        .map(SupplierVolume::correctedExactMwh)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(u.exactMwh()).as("%s %s", at, u.bmUnit()).isEqualByComparingTo(sum);
            }

            if (d.signum() != 0) {
                BigDecimal lambda = take.subtract(t).divide(d, 9, RoundingMode.HALF_UP);
                for (GspGroupCorrection g : corrections) {
                    BigDecimal expected = g.gcfType().equals("mhhs_export_gcf")
                            ? BigDecimal.ONE.subtract(lambda)
                            : BigDecimal.ONE.add(lambda);
                    assertThat(g.gcf()).as("%s %s", at, g.gcfType()).isEqualByComparingTo(expected);
                }
                for (SupplierVolume v : rows) {
                    boolean export = cccs.get(v.cccId()).measurementQuantity() == MeasurementQuantity.AE;
                    BigDecimal lw = lambda.multiply(v.weight());
                    BigDecimal factor = importExport && export ? BigDecimal.ONE.subtract(lw) : BigDecimal.ONE.add(lw);
                    assertThat(v.factor()).as("%s factor %s", at, v).isEqualByComparingTo(factor);
                    assertThat(v.correctedExactMwh())
                            .as("%s corrected %s", at, v)
                            .isEqualByComparingTo(v.uncorrectedMwh().multiply(factor));
                }
                BigDecimal bound = d.abs().multiply(HALF_NANO);
                assertThat(corrected.subtract(take).abs())
                        .as("%s: |sum CORC - take| <= 0.5e-9 |D| = %s", at, bound)
                        .isLessThanOrEqualTo(bound);
                if (config.balanceToTake()) {
                    BigDecimal published =
                            rows.stream().map(SupplierVolume::correctedMwh).reduce(BigDecimal.ZERO, BigDecimal::add);
                    assertThat(published).as("%s published supplier rows", at).isEqualByComparingTo(take);
                    BigDecimal bmuadv =
                            units.stream().map(BmUnitVolume::bmuadvMwh).reduce(BigDecimal.ZERO, BigDecimal::add);
                    assertThat(bmuadv).as("%s published BM unit volumes", at).isEqualByComparingTo(take);
                }
            } else {
                for (GspGroupCorrection g : corrections) {
                    assertThat(g.gcf()).as("%s CF with D = 0", at).isEqualByComparingTo(BigDecimal.ONE);
                    assertThat(g.flags()).as("%s", at).contains("CF_UNDEFINED");
                }
                for (SupplierVolume v : rows) {
                    assertThat(v.factor()).as("%s %s", at, v).isEqualByComparingTo(BigDecimal.ONE);
                    assertThat(v.correctedExactMwh()).as("%s %s", at, v).isEqualByComparingTo(v.uncorrectedMwh());
                    assertThat(v.correctedMwh())
                            .as("%s %s", at, v)
                            .isEqualByComparingTo(v.uncorrectedMwh().setScale(4, RoundingMode.HALF_UP));
                }
                for (BmUnitVolume u : units) {
                    assertThat(u.bmuadvMwh())
                            .as("%s %s", at, u)
                            .isEqualByComparingTo(u.exactMwh().setScale(4, RoundingMode.HALF_UP));
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------------------------------------
    // conservation

    @ParameterizedTest
    @MethodSource("seeds")
    void test_uncorrected_volumes_conserve_energy(long seed) {
        Case c = caseOf(seed);
        Scenario s = c.scenario();
        Oracle o = c.oracle();
        String what = s + " (" + o.selected + " selected, " + o.defaulted + " defaulted, " + o.shaped + " shaped)";
        for (int p = 1; p <= s.periods(); p++) {
            int period = p;
            List<SupplierVolume> rows = c.result().supplierVolumes().stream()
                    .filter(v -> v.period() == period)
                    .toList();
            BigDecimal total =
                    rows.stream().map(SupplierVolume::uncorrectedMwh).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(total).as(what + " SP" + p + " uncorrected total").isEqualByComparingTo(o.totalMwh[p - 1]);
            Map<String, BigDecimal> byUnit = new TreeMap<>();
            for (SupplierVolume v : rows) {
                byUnit.merge(v.bmUnit().id(), v.uncorrectedMwh(), BigDecimal::add);
            }
            Map<String, BigDecimal> expected = new TreeMap<>();
            o.byBmUnit.forEach((unit, values) -> {
                if (values[period - 1].signum() != 0) {
                    expected.put(unit, values[period - 1].stripTrailingZeros());
                }
            });
            byUnit.replaceAll((k, v) -> v.stripTrailingZeros());
            byUnit.values().removeIf(v -> v.signum() == 0);
            assertThat(byUnit).as(what + " SP" + p + " uncorrected per BM unit").isEqualTo(expected);
        }
        // and the day's data-quality counts agree on how many values were selected, defaulted and shaped
        Map<DataQualityMeasure, Long> day = new EnumMap<>(DataQualityMeasure.class);
        for (DataQualityCount d : c.result().dataQuality()) {
            if (d.period() == 0) {
                day.put(d.measure(), d.count());
            }
        }
        assertThat(day.getOrDefault(DataQualityMeasure.ACTUAL, 0L)
                        + day.getOrDefault(DataQualityMeasure.SUBMITTED_ESTIMATE, 0L))
                .as(what + " selected")
                .isEqualTo(o.selected);
        assertThat(day.getOrDefault(DataQualityMeasure.MISSING, 0L))
                .as(what + " defaulted")
                .isEqualTo(o.defaulted);
        assertThat(day.getOrDefault(DataQualityMeasure.NHH_PROFILED, 0L))
                .as(what + " shaped")
                .isEqualTo(o.shaped);
    }

    // -----------------------------------------------------------------------------------------------------------------
    // determinism

    @ParameterizedTest
    @MethodSource("seeds")
    void test_row_order_does_not_change_a_byte(long seed) {
        Case c = caseOf(seed);
        Scenario s = c.scenario();
        MeterReads reads = s.inputs().reads();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed * 31 + 7));
        MeterReads.Builder b = MeterReads.builder();
        for (int i : order) {
            b.add(
                    reads.mpan(i),
                    reads.measurementQuantity(i),
                    reads.period(i),
                    reads.wh(i),
                    reads.quality(i),
                    reads.receivedAt(i),
                    reads.rowId(i));
        }
        RunResult shuffled = SettlementCalculator.calculate(s.inputs().withReads(b.build()), s.reference());
        assertSameBytes(c, "rows shuffled", shuffled);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void test_registration_order_does_not_change_a_byte(long seed) {
        Case c = caseOf(seed);
        Scenario s = c.scenario();
        List<Registration> regs = new ArrayList<>(s.inputs().meteringSystems().all());
        Collections.shuffle(regs, new Random(seed * 17 + 3));
        RunInputs in = s.inputs().withMeteringSystems(MeteringSystems.of(regs));
        assertSameBytes(c, "registrations shuffled", SettlementCalculator.calculate(in, s.reference()));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void test_mpan_range_chunks_on_threads_do_not_change_a_byte(long seed) {
        Case c = caseOf(seed);
        Scenario s = c.scenario();
        Random rnd = new Random(seed * 19 + 11);
        int threads = 1 + rnd.nextInt(5);
        MeterReads reads = s.inputs().reads();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            order.add(i);
        }
        boolean sorted = rnd.nextBoolean();
        if (sorted) {
            // as a data service delivers them: by MPAN (contiguous row ranges per chunk)
            order.sort(java.util.Comparator.comparingLong(reads::mpan));
        } else {
            Collections.shuffle(order, rnd);
        }
        MeterReads.Builder b = MeterReads.builder();
        for (int i : order) {
            b.add(
                    reads.mpan(i),
                    reads.measurementQuantity(i),
                    reads.period(i),
                    reads.wh(i),
                    reads.quality(i),
                    reads.receivedAt(i),
                    reads.rowId(i));
        }
        RunResult ranged = SettlementCalculator.calculate(s.inputs().withReads(b.build()), s.reference(), threads);
        assertSameBytes(c, threads + " MPAN-range chunks, rows " + (sorted ? "sorted" : "shuffled"), ranged);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void test_chunking_and_threads_do_not_change_a_byte(long seed) {
        Case c = caseOf(seed);
        Scenario s = c.scenario();
        Random rnd = new Random(seed * 13 + 5);
        int chunks = 1 + rnd.nextInt(8);
        int threads = 1 + rnd.nextInt(4);
        LongToIntFunction chunkOf;
        String how;
        switch (rnd.nextInt(4)) {
            case 0 -> {
                long salt = rnd.nextLong() | 1;
                chunkOf = mpan -> Long.hashCode(mpan * salt);
                how = "hash x " + salt;
            }
            case 1 -> {
                // MPAN ranges: chunk k holds the MPANs at or above the k-th of some random registered MPANs
                long[] bounds = s.inputs().meteringSystems().all().stream()
                        .mapToLong(Registration::mpan)
                        .filter(x -> rnd.nextInt(3) == 0)
                        .sorted()
                        .limit(chunks - 1)
                        .toArray();
                chunkOf = mpan -> {
                    int i = Arrays.binarySearch(bounds, mpan);
                    return i >= 0 ? i + 1 : -i - 1;
                };
                how = "ranges " + Arrays.toString(bounds);
            }
            case 2 -> {
                chunkOf = mpan -> (int) (mpan % 1000) - 500;
                how = "mpan mod 1000 - 500 (negative too)";
            }
            default -> {
                chunkOf = mpan -> 0;
                how = "all in chunk 0";
            }
        }
        RunResult chunked = SettlementCalculator.calculate(s.inputs(), s.reference(), chunks, chunkOf, threads);
        assertSameBytes(c, chunks + " chunks by " + how + " on " + threads + " threads", chunked);
    }

    private static void assertSameBytes(Case expected, String change, RunResult actual) {
        Scenario s = expected.scenario();
        Map<String, String> e = expected.tables();
        var tables = actual.tables();
        Map<String, String> a = tables.asMap();
        assertThat(a.keySet()).as("%s, %s", s, change).containsExactlyElementsOf(e.keySet());
        for (String table : e.keySet()) {
            assertThat(a.get(table)).as("%s, %s: %s", s, change, table).isEqualTo(e.get(table));
        }
        assertThat(tables.fingerprint()).as("%s, %s", s, change).isEqualTo(expected.fingerprint());
    }
}
