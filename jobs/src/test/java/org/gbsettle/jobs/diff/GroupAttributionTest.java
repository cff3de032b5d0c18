package org.gbsettle.jobs.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.gbsettle.engine.SettlementCalculator;
import org.gbsettle.engine.input.GspGroupTake;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.metering.ConnectionType;
import org.gbsettle.engine.metering.MarketSegment;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.metering.SettlementRegime;
import org.gbsettle.engine.reference.BmUnit;
import org.gbsettle.engine.reference.BmUnitId;
import org.gbsettle.engine.reference.BmUnitType;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.reference.LineLossFactorClass;
import org.gbsettle.engine.reference.LineLossFactors;
import org.gbsettle.engine.reference.MarketParticipantId;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.RunContext;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.run.SupplierVolume;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.refdata.ShippedReferenceData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Properties of the attribution on random pairs of runs of one GSP group (registrations switching supplier or LLFC,
 * LLFs and takes moving, estimates replaced by actuals, late values, re-submitted values, rows after the cut-off):
 * for every row the parts add up exactly to the change of its exact corrected volume; the first state reproduces the
 * earlier run computed directly and the last state the later run; and a run against itself has every part 0.
 */
class GroupAttributionTest {

    private static final LocalDate DATE = LocalDate.of(2026, 1, 15);
    private static final GspGroup GROUP = GspGroup.of("_A");
    private static final Instant CUTOFF_BEFORE = Instant.parse("2026-02-06T00:00:00Z");
    private static final Instant CUTOFF_AFTER = Instant.parse("2026-03-10T00:00:00Z");
    private static final List<String> SUPPLIERS = List.of("ALBA", "BRYN", "CAST");
    private static final List<String> LLFCS = List.of("210", "211", "212");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void the_parts_add_up_and_the_end_states_reproduce_both_runs(long seed) {
        Random random = new Random(seed);
        Pair pair = pair(random);
        GroupAttribution a = GroupAttribution.of(pair.before(), pair.after());

        assertSameVolumes(a.start(), direct(pair.before()));
        assertSameVolumes(a.end(), direct(pair.after()));
        Map<GroupAttribution.Key, SupplierVolume> start = GroupAttribution.index(a.start());
        Map<GroupAttribution.Key, SupplierVolume> end = GroupAttribution.index(a.end());
        TreeSet<GroupAttribution.Key> keys = new TreeSet<>(start.keySet());
        keys.addAll(end.keySet());
        assertThat(a.parts().keySet()).containsAll(keys);
        a.parts().forEach((k, parts) -> {
            BigDecimal sum = BigDecimal.ZERO;
            for (BigDecimal p : parts) {
                sum = sum.add(p);
            }
            BigDecimal c0 = start.containsKey(k) ? start.get(k).correctedExactMwh() : BigDecimal.ZERO;
            BigDecimal c1 = end.containsKey(k) ? end.get(k).correctedExactMwh() : BigDecimal.ZERO;
            assertThat(sum).as("parts of %s", k).isEqualByComparingTo(c1.subtract(c0));
        });
        // the scenario changes something of every kind it is meant to
        assertThat(a.changedKeys().get(Cause.METER_ACTUAL)).isPositive();
        assertThat(a.changedKeys().get(Cause.METER_LATE)).isPositive();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void a_run_against_itself_has_every_part_zero(long seed) {
        Pair pair = pair(new Random(seed));
        GroupAttribution a = GroupAttribution.of(pair.after(), pair.after());
        assertThat(a.changedKeys().values()).containsOnly(0);
        a.parts().forEach((k, parts) -> {
            for (BigDecimal p : parts) {
                assertThat(p).as("part of %s", k).isZero();
            }
        });
        assertSameVolumes(a.start(), a.end());
    }

    private record Pair(GroupAttribution.Side before, GroupAttribution.Side after) {}

    private static Pair pair(Random random) {
        int n = 14;
        List<Registration> regBefore = new ArrayList<>();
        List<Registration> regAfter = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long mpan = mpan(i + 1);
            MeasurementClass mc = random.nextBoolean() ? MeasurementClass.C : MeasurementClass.E;
            String supplier = SUPPLIERS.get(random.nextInt(SUPPLIERS.size()));
            String llfc = LLFCS.get(random.nextInt(LLFCS.size()));
            Registration r = registration(mpan, supplier, llfc, mc);
            regBefore.add(r);
            int change = random.nextInt(6);
            if (change == 0) {
                regAfter.add(registration(mpan, SUPPLIERS.get((SUPPLIERS.indexOf(supplier) + 1) % 3), llfc, mc));
            } else if (change == 1) {
                regAfter.add(registration(mpan, supplier, LLFCS.get((LLFCS.indexOf(llfc) + 1) % 3), mc));
            } else {
                regAfter.add(r);
            }
        }
        LineLossFactors.Builder llfBefore = LineLossFactors.builder();
        LineLossFactors.Builder llfAfter = LineLossFactors.builder();
        for (String llfc : LLFCS) {
            BigDecimal v = BigDecimal.valueOf(1000 + random.nextInt(100), 3);
            llfBefore.putFlat(LineLossFactorClass.of("EELC", llfc), DATE, 48, v);
            llfAfter.putFlat(
                    LineLossFactorClass.of("EELC", llfc),
                    DATE,
                    48,
                    random.nextInt(3) == 0 ? v.add(BigDecimal.valueOf(random.nextInt(20) + 1, 3)) : v);
        }
        long t1 = micros(Instant.parse("2026-02-01T00:00:00Z"));
        long t2 = micros(Instant.parse("2026-03-01T00:00:00Z"));
        long late = micros(Instant.parse("2026-04-01T00:00:00Z"));
        MeterReads.Builder before = MeterReads.builder();
        MeterReads.Builder after = MeterReads.builder();
        long row = 0;
        boolean actualReplaced = false;
        boolean lateValue = false;
        for (int i = 0; i < n; i++) {
            long mpan = mpan(i + 1);
            long cap = regBefore.get(i).measurementClass() == MeasurementClass.C ? 200_000 : 60_000;
            for (int p = 1; p <= 48; p++) {
                int kind = random.nextInt(10);
                long wh = 1000 + random.nextLong(cap);
                row++;
                if (kind == 0 || (p == 1 && i == 0)) { // missing in the first run, late in the second
                    after.add(mpan, MeterReads.AI, p, wh, (byte) 'A', t2, 1_000_000 + row);
                    lateValue = true;
                } else if (kind == 1 || (p == 1 && i == 1)) { // an estimate, then an actual
                    before.add(mpan, MeterReads.AI, p, wh, (byte) 'E', t1, row);
                    after.add(mpan, MeterReads.AI, p, wh, (byte) 'E', t1, row);
                    after.add(mpan, MeterReads.AI, p, wh + 500, (byte) 'A', t2, 1_000_000 + row);
                    actualReplaced = true;
                } else if (kind == 2) { // an estimate re-submitted
                    before.add(mpan, MeterReads.AI, p, wh, (byte) 'E', t1, row);
                    after.add(mpan, MeterReads.AI, p, wh, (byte) 'E', t1, row);
                    after.add(mpan, MeterReads.AI, p, wh / 2, (byte) 'E', t2, 1_000_000 + row);
                } else if (kind == 3) { // a value received after both cut-offs: left out of both
                    before.add(mpan, MeterReads.AI, p, wh, (byte) 'A', t1, row);
                    after.add(mpan, MeterReads.AI, p, wh, (byte) 'A', t1, row);
                    after.add(mpan, MeterReads.AI, p, wh * 2, (byte) 'A', late, 1_000_000 + row);
                } else {
                    before.add(mpan, MeterReads.AI, p, wh, (byte) 'A', t1, row);
                    after.add(mpan, MeterReads.AI, p, wh, (byte) 'A', t1, row);
                }
            }
        }
        assertThat(actualReplaced && lateValue).isTrue();
        MeterReads readsBefore = before.build();
        MeterReads readsAfter = after.build();
        return new Pair(
                side(RunType.SF, CUTOFF_BEFORE, regBefore, readsBefore, llfBefore.build(), take(random, 1)),
                side(RunType.R1, CUTOFF_AFTER, regAfter, readsAfter, llfAfter.build(), take(random, 2)));
    }

    private static GroupAttribution.Side side(
            RunType type,
            Instant cutoff,
            List<Registration> registrations,
            MeterReads reads,
            LineLossFactors llfs,
            GspGroupTake take) {
        RunContext context = new RunContext(SettlementDate.of(DATE), type, 1, GROUP, cutoff);
        ReferenceData shipped = ShippedReferenceData.referenceData();
        List<BmUnit> units = new ArrayList<>();
        for (String s : SUPPLIERS) {
            units.add(new BmUnit(
                    BmUnitId.of("2__A" + s + "000"),
                    MarketParticipantId.of(s),
                    GROUP,
                    BmUnitType.G,
                    true,
                    EffectiveRange.ALWAYS));
        }
        ReferenceData reference = ReferenceData.builder()
                .gspGroups(shipped.gspGroups())
                .consumptionComponentClasses(shipped.consumptionComponentClasses())
                .scalingWeights(shipped.scalingWeights())
                .hhDefaultEacs(shipped.hhDefaultEacs())
                .bmUnits(units)
                .lineLossFactors(llfs)
                .build();
        return new GroupAttribution.Side(context, MeteringSystems.of(registrations), reads, take, reference);
    }

    private static GspGroupTake take(Random random, int cdcaRun) {
        GspGroupTake.Builder b = GspGroupTake.builder(GROUP, SettlementDate.of(DATE), cdcaRun);
        for (int p = 1; p <= 48; p++) {
            b.period(p, BigDecimal.valueOf(10_000 + random.nextInt(5_000), 4), false);
        }
        return b.build();
    }

    private static Registration registration(long mpan, String supplier, String llfc, MeasurementClass mc) {
        return new Registration(
                mpan,
                MarketParticipantId.of(supplier),
                BmUnitId.of("2__A" + supplier + "000"),
                LineLossFactorClass.of("EELC", llfc),
                GROUP,
                mc,
                MarketSegment.A,
                ConnectionType.C,
                false,
                true,
                MeasurementQuantity.AI,
                SettlementRegime.MHHS,
                mc == MeasurementClass.C ? new BigDecimal("1752000.0") : new BigDecimal("438000.0"),
                0,
                null,
                EffectiveRange.ALWAYS);
    }

    private static RunResult direct(GroupAttribution.Side side) {
        return SettlementCalculator.calculate(
                RunInputs.of(side.context(), side.systems(), side.reads(), side.take())
                        .withConfig(CalculationConfig.defaults()),
                side.reference());
    }

    private static void assertSameVolumes(RunResult actual, RunResult expected) {
        Map<GroupAttribution.Key, SupplierVolume> a = GroupAttribution.index(actual);
        Map<GroupAttribution.Key, SupplierVolume> e = GroupAttribution.index(expected);
        assertThat(a.keySet()).isEqualTo(e.keySet());
        e.forEach((k, v) -> {
            SupplierVolume w = a.get(k);
            assertThat(w.uncorrectedMwh()).as("%s uncorrected", k).isEqualByComparingTo(v.uncorrectedMwh());
            assertThat(w.correctedExactMwh()).as("%s corrected", k).isEqualByComparingTo(v.correctedExactMwh());
            assertThat(w.correctedMwh()).as("%s published", k).isEqualByComparingTo(v.correctedMwh());
        });
    }

    /** The MPAN core of distributor 10 with serial {@code serial} and its check digit (domain.md §6.7). */
    private static long mpan(int serial) {
        String twelve = String.format("10%010d", serial);
        int[] weights = {3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43};
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelve.charAt(i) - '0') * weights[i];
        }
        return Long.parseLong(twelve + (sum % 11 % 10));
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L;
    }
}
