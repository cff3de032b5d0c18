package org.gbsettle.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gbsettle.engine.SettlementCalculator;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.GspGroupCorrection;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.run.SupplierVolume;
import org.gbsettle.engine.slice.GroupSlice;
import org.gbsettle.engine.slice.MpanRange;
import org.gbsettle.engine.testing.Scenario;
import org.gbsettle.engine.testing.ScenarioGenerator;
import org.gbsettle.engine.testing.Slicing;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Group slices over random scenarios ({@link ScenarioGenerator#random(long)}, takes near the {@link Oracle}'s
 * uncorrected totals): slices at random MPAN cut points (registered MPANs, values between them, repeated cuts giving
 * empty ranges), each stored and read back, combined in a random order, equal the whole group's calculation record for
 * record and byte for byte in its tables, whether each slice is given the whole group's inputs or only its range's
 * registrations and meter-data rows; the combined result still conserves energy (corrected total + unallocated =
 * take per period); an empty slice changes nothing. A failure names the seed; {@code ScenarioGenerator.random(seed)}
 * rebuilds the scenario.
 */
class SliceInvariantsTest {

    private static final BigDecimal HALF_NANO = new BigDecimal("0.5E-9");

    private static Scenario scenario(long seed) {
        Scenario generated = ScenarioGenerator.random(seed);
        Oracle oracle = Oracle.of(generated.inputs(), generated.reference());
        return generated.withTake(ScenarioGenerator.takeNear(new Random(~seed), generated, oracle.totalMwh));
    }

    /** Random cut points: registered MPANs, MPANs plus or minus one, repeated cuts; 0 to 6 of them. */
    private static long[] randomCuts(Scenario s, Random rnd) {
        long[] mpans = s.inputs().meteringSystems().all().stream()
                .mapToLong(Registration::mpan)
                .distinct()
                .sorted()
                .toArray();
        int k = rnd.nextInt(7);
        long[] cuts = new long[k];
        for (int i = 0; i < k; i++) {
            long m = mpans.length == 0 ? rnd.nextLong() : mpans[rnd.nextInt(mpans.length)];
            cuts[i] = switch (rnd.nextInt(5)) {
                case 0 -> m + 1;
                case 1 -> m - 1;
                case 2 -> i > 0 ? cuts[i - 1] : m;
                default -> m;
            };
        }
        return cuts;
    }

    @RepeatedTest(150)
    void test_combined_slices_equal_the_whole_group_byte_for_byte(RepetitionInfo info) {
        long seed = info.getCurrentRepetition();
        Scenario s = scenario(seed);
        Random rnd = new Random(seed * 31 + 7);
        long[] cuts = randomCuts(s, rnd);
        List<MpanRange> ranges = Slicing.rangesAt(cuts);
        // odd seeds: each slice is given only its range's registrations and rows, as a worker reading its range
        boolean restrict = seed % 2 == 1;
        String at = s + ", " + ranges.size() + " slices " + ranges + (restrict ? ", inputs restricted" : "");
        RunResult whole;
        try {
            whole = SettlementCalculator.calculate(s.inputs(), s.reference());
        } catch (MissingReferenceDataException e) {
            assertThatThrownBy(() -> Slicing.calculate(s.inputs(), s.reference(), ranges, restrict, rnd))
                    .as(at)
                    .isInstanceOf(MissingReferenceDataException.class);
            return;
        }
        RunResult sliced = Slicing.calculate(s.inputs(), s.reference(), ranges, restrict, rnd);
        assertThat(sliced).as(at).isEqualTo(whole);
        Map<String, String> expected = whole.tables().asMap();
        Map<String, String> actual = sliced.tables().asMap();
        assertThat(actual.keySet()).as(at).containsExactlyElementsOf(expected.keySet());
        for (String table : expected.keySet()) {
            assertThat(actual.get(table)).as("%s: %s", at, table).isEqualTo(expected.get(table));
        }
        assertThat(sliced.tables().fingerprint())
                .as(at)
                .isEqualTo(whole.tables().fingerprint());
        assertConserves(s, sliced, at);
    }

    /** Per period: the exact corrected rows plus the unallocated volume make the take; within the R2 bound. */
    private static void assertConserves(Scenario s, RunResult r, String at) {
        CalculationConfig config = s.inputs().config();
        for (int p = 1; p <= s.periods(); p++) {
            int period = p;
            BigDecimal take = s.inputs().take().mwh(p);
            BigDecimal corrected = BigDecimal.ZERO;
            BigDecimal published = BigDecimal.ZERO;
            for (SupplierVolume v : r.supplierVolumes()) {
                if (v.period() == period) {
                    corrected = corrected.add(v.correctedExactMwh());
                    published = published.add(v.correctedMwh());
                }
            }
            for (GspGroupCorrection g :
                    r.corrections().stream().filter(c -> c.period() == period).toList()) {
                assertThat(corrected.add(g.unallocatedMwh()))
                        .as("%s SP%d", at, p)
                        .isEqualByComparingTo(take);
                boolean undefined = g.flags().contains("CF_UNDEFINED");
                if (!undefined) {
                    assertThat(g.unallocatedMwh().abs())
                            .as("%s SP%d R2 residual", at, p)
                            .isLessThanOrEqualTo(g.correctableMwh().abs().multiply(HALF_NANO));
                    if (config.balanceToTake()) {
                        assertThat(published).as("%s SP%d published", at, p).isEqualByComparingTo(take);
                    }
                }
            }
        }
    }

    @RepeatedTest(40)
    void test_an_empty_slice_is_neutral(RepetitionInfo info) {
        long seed = 1000 + info.getCurrentRepetition();
        Scenario s = scenario(seed);
        Random rnd = new Random(seed);
        RunResult whole;
        try {
            whole = SettlementCalculator.calculate(s.inputs(), s.reference());
        } catch (MissingReferenceDataException e) {
            return;
        }
        long[] cuts = randomCuts(s, rnd);
        List<GroupSlice> slices = Slicing.slices(s.inputs(), s.reference(), Slicing.rangesAt(cuts));
        // an empty range cut into the line: [c, c) holds nothing; and a range above every MPAN holds no system
        long c = cuts.length == 0 ? Long.MIN_VALUE : cuts[rnd.nextInt(cuts.length)];
        List<MpanRange> withEmpty = new ArrayList<>(Slicing.rangesAt(cuts));
        withEmpty.add(MpanRange.of(c, c));
        List<GroupSlice> more = Slicing.slices(s.inputs(), s.reference(), withEmpty);
        GroupSlice empty = more.get(more.size() - 1);
        assertThat(empty.meteringSystems()).isZero();
        assertThat(empty.readRows()).isZero();
        assertThat(empty.rows()).isEmpty();
        assertThat(empty.dataQuality()).isEmpty();
        assertThat(empty.issues()).isEmpty();
        assertThat(empty.quarantine()).isEmpty();
        assertThat(empty.sample().categories()).isEmpty();
        assertThat(Slicing.combine(s.inputs(), s.reference(), more, rnd))
                .as("%s", s)
                .isEqualTo(whole);
        assertThat(Slicing.combine(s.inputs(), s.reference(), slices, rnd))
                .as("%s", s)
                .isEqualTo(whole);

        long top = s.inputs().meteringSystems().all().stream()
                .mapToLong(Registration::mpan)
                .max()
                .orElse(0);
        long readTop = 0;
        for (int r = 0; r < s.inputs().reads().size(); r++) {
            readTop = Math.max(readTop, s.inputs().reads().mpan(r));
        }
        List<MpanRange> high = Slicing.rangesAt(Math.max(top, readTop) + 1);
        List<GroupSlice> split = Slicing.slices(s.inputs(), s.reference(), high);
        assertThat(split.get(1).meteringSystems()).isZero();
        assertThat(split.get(1).rows()).isEmpty();
        assertThat(Slicing.combine(s.inputs(), s.reference(), split, rnd))
                .as("%s", s)
                .isEqualTo(whole);
    }
}
