package org.gbsettle.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gbsettle.engine.rules.Rules.dqCount;
import static org.gbsettle.engine.rules.Rules.dqMwh;
import static org.gbsettle.engine.rules.Rules.hh;
import static org.gbsettle.engine.rules.Rules.mpan;
import static org.gbsettle.engine.rules.Rules.uncorrected;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.CalculationConfig.SelectionPolicy;
import org.gbsettle.engine.run.DataQualityMeasure;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Step 1 (domain.md §4): one value per MPAN, MQ and period. Among submissions received before the cut-off, actual beats
 * estimated and within one quality the latest received wins (or the latest regardless of quality, configurable); the
 * larger row id breaks a tie on received time whatever the row order. Values are observed as uncorrected volumes of
 * one class C import MPAN with LLF 1 (no loss row) in SP35: CCC 1 if actual, CCC 9 if estimated, MWh = kWh / 1000.
 */
class SelectionRuleTest {

    private static final long M = mpan(1);
    private static final int SP = 35;
    private static final String UNIT = "2__ASUPA000";

    /** A submitted row: kWh, quality, minutes after T0. */
    record Sub(String kwh, char quality, int minutes) {}

    private static TestRun run(List<Sub> rows) {
        TestRun t = TestRun.on("_A", "2026-01-15").llf("L1", "1.000").unit("SUPA", 0);
        t.system(hh(M, "L1").bmUnit(UNIT));
        for (Sub s : rows) {
            t.read(M, MeterReads.AI, SP, s.kwh(), s.quality(), s.minutes());
        }
        return t;
    }

    private static List<List<Sub>> permutations(List<Sub> rows) {
        if (rows.size() <= 1) {
            return List.of(rows);
        }
        List<List<Sub>> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<Sub> rest = new ArrayList<>(rows);
            Sub first = rest.remove(i);
            for (List<Sub> p : permutations(rest)) {
                List<Sub> l = new ArrayList<>();
                l.add(first);
                l.addAll(p);
                out.add(l);
            }
        }
        return out;
    }

    static Stream<List<Sub>> actualBetweenTwoEstimates() {
        return permutations(
                List.of(new Sub("400.000", 'E', 0), new Sub("412.500", 'A', 10), new Sub("420.000", 'E', 20)))
                .stream();
    }

    @ParameterizedTest
    @MethodSource("actualBetweenTwoEstimates")
    void test_actual_beats_an_earlier_and_a_later_estimate_in_any_row_order(List<Sub> rows) {
        RunResult r = run(rows).run();
        // A 412.500 kWh wins over E 400 (earlier) and E 420 (later): CCC 1, 412.5 / 1000 = 0.4125 MWh
        assertThat(uncorrected(r, SP)).isEqualTo(Map.of(UNIT + "/1", "0.4125"));
        assertThat(dqCount(r, SP, DataQualityMeasure.ACTUAL)).isEqualTo(1);
        assertThat(dqMwh(r, SP, DataQualityMeasure.ACTUAL)).isEqualTo("0.4125");
        // the two estimates are superseded: 2 rows, (400 + 420) kWh = 0.82 MWh, in SP35 and in the day total
        assertThat(dqCount(r, SP, DataQualityMeasure.SUPERSEDED)).isEqualTo(2);
        assertThat(dqMwh(r, SP, DataQualityMeasure.SUPERSEDED)).isEqualTo("0.82");
        assertThat(dqCount(r, 0, DataQualityMeasure.SUPERSEDED)).isEqualTo(2);
        assertThat(dqCount(r, SP, DataQualityMeasure.SUBMITTED_ESTIMATE)).isZero();
    }

    static Stream<List<Sub>> threeEstimates() {
        return permutations(
                List.of(new Sub("118.000", 'E', 0), new Sub("120.000", 'E', 10), new Sub("119.000", 'E', 5)))
                .stream();
    }

    @ParameterizedTest
    @MethodSource("threeEstimates")
    void test_latest_estimate_wins_among_estimates(List<Sub> rows) {
        RunResult r = run(rows).run();
        // E 120.000 received at +10 min is the latest: CCC 9, 0.12 MWh; 118 and 119 superseded (0.237 MWh)
        assertThat(uncorrected(r, SP)).isEqualTo(Map.of(UNIT + "/9", "0.12"));
        assertThat(dqCount(r, SP, DataQualityMeasure.SUBMITTED_ESTIMATE)).isEqualTo(1);
        assertThat(dqMwh(r, SP, DataQualityMeasure.SUBMITTED_ESTIMATE)).isEqualTo("0.12");
        assertThat(dqCount(r, SP, DataQualityMeasure.SUPERSEDED)).isEqualTo(2);
        assertThat(dqMwh(r, SP, DataQualityMeasure.SUPERSEDED)).isEqualTo("0.237");
    }

    @Test
    void test_latest_of_two_actuals_wins() {
        RunResult r = run(List.of(new Sub("50.000", 'A', 30), new Sub("40.000", 'A', 0), new Sub("90.000", 'E', 60)))
                .run();
        // A 50 at +30 beats A 40 at +0; the later E 90 loses to any actual: CCC 1 0.05 MWh
        assertThat(uncorrected(r, SP)).isEqualTo(Map.of(UNIT + "/1", "0.05"));
    }

    static Stream<Arguments> policies() {
        List<Sub> actualThenLaterEstimate = List.of(new Sub("412.500", 'A', 10), new Sub("420.000", 'E', 20));
        List<Sub> estimateThenLaterActual = List.of(new Sub("400.000", 'E', 0), new Sub("412.500", 'A', 10));
        return Stream.of(
                // actual beats estimate: A 412.5 whatever the times
                Arguments.of(SelectionPolicy.ACTUAL_BEATS_ESTIMATE, actualThenLaterEstimate, UNIT + "/1", "0.4125"),
                Arguments.of(SelectionPolicy.ACTUAL_BEATS_ESTIMATE, estimateThenLaterActual, UNIT + "/1", "0.4125"),
                // latest wins: E 420 at +20 beats A 412.5 at +10; A 412.5 at +10 beats E 400 at +0
                Arguments.of(SelectionPolicy.LATEST_WINS, actualThenLaterEstimate, UNIT + "/9", "0.42"),
                Arguments.of(SelectionPolicy.LATEST_WINS, estimateThenLaterActual, UNIT + "/1", "0.4125"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("policies")
    void test_selection_policy(SelectionPolicy policy, List<Sub> rows, String key, String mwh) {
        RunResult r = run(rows)
                .config(CalculationConfig.defaults().withSelection(policy))
                .run();
        assertThat(uncorrected(r, SP)).isEqualTo(Map.of(key, mwh));
        assertThat(dqCount(r, SP, DataQualityMeasure.SUPERSEDED)).isEqualTo(1);
    }

    static Stream<Arguments> tiesOnReceivedTime() {
        return Stream.of(
                Arguments.of('E', new long[] {7, 3}),
                Arguments.of('E', new long[] {3, 7}),
                Arguments.of('A', new long[] {7, 3}),
                Arguments.of('A', new long[] {3, 7}),
                Arguments.of('E', new long[] {3, 7, 5}),
                Arguments.of('E', new long[] {5, 3, 7}));
    }

    @ParameterizedTest(name = "quality {0}, row ids in order {1}")
    @MethodSource("tiesOnReceivedTime")
    void test_tie_on_received_time_is_broken_by_the_larger_row_id(char quality, long[] rowIdsInOrder) {
        TestRun t = run(List.of());
        for (long id : rowIdsInOrder) {
            // row id 7 carries 100.000 kWh, row 3 200.000 kWh, row 5 300.000 kWh; all received at T0
            long wh = id == 7 ? 100_000 : id == 3 ? 200_000 : 300_000;
            t.reads().add(M, MeterReads.AI, SP, wh, (byte) quality, TestRun.T0, id);
        }
        RunResult r = t.run();
        // row 7 wins: 100 kWh = 0.1 MWh, CCC 1 (actual) or 9 (estimated)
        assertThat(uncorrected(r, SP)).isEqualTo(Map.of(UNIT + (quality == 'A' ? "/1" : "/9"), "0.1"));
        assertThat(dqCount(r, SP, DataQualityMeasure.SUPERSEDED)).isEqualTo(rowIdsInOrder.length - 1L);
    }

    @Test
    void test_values_received_after_the_cutoff_are_ignored_and_counted() {
        long other = mpan(2);
        TestRun t = run(List.of(new Sub("300.000", 'E', 0), new Sub("500.000", 'A', 60)))
                .cutoff(Instant.ofEpochSecond(TestRun.T0 / 1_000_000L).plusSeconds(30 * 60));
        t.system(hh(other, "L1").bmUnit(UNIT));
        t.read(other, MeterReads.AI, SP, "50.000", 'A', 45);
        RunResult r = t.run();
        // cut-off T0 + 30 min: A 500 (+60) and A 50 (+45) are ignored; E 300 (+0) is used: CCC 9 0.3 MWh,
        // and nothing actual (no CCC 1 row); the other MPAN has no usable value (missing, no estimate applies: 0)
        assertThat(uncorrected(r, SP)).isEqualTo(Map.of(UNIT + "/9", "0.3"));
        assertThat(dqCount(r, SP, DataQualityMeasure.AFTER_CUTOFF)).isEqualTo(2);
        assertThat(dqMwh(r, SP, DataQualityMeasure.AFTER_CUTOFF)).isEqualTo("0.55"); // 500 + 50 kWh
        assertThat(dqCount(r, SP, DataQualityMeasure.SUPERSEDED)).isZero();
        assertThat(dqCount(r, SP, DataQualityMeasure.ACTUAL)).isZero();
        assertThat(dqCount(r, SP, DataQualityMeasure.MISSING)).isEqualTo(1);
        assertThat(dqCount(r, SP, DataQualityMeasure.NO_ESTIMATE)).isEqualTo(1);
    }

    @Test
    void test_value_received_before_the_cutoff_counts() {
        TestRun t = run(List.of(new Sub("300.000", 'E', 0), new Sub("500.000", 'A', 29)))
                .cutoff(Instant.ofEpochSecond(TestRun.T0 / 1_000_000L).plusSeconds(30 * 60));
        RunResult r = t.run();
        // A 500 at +29 min is before the cut-off at +30: it wins, 0.5 MWh CCC 1
        assertThat(uncorrected(r, SP)).isEqualTo(Map.of(UNIT + "/1", "0.5"));
        assertThat(dqCount(r, SP, DataQualityMeasure.AFTER_CUTOFF)).isZero();
    }

    @Test
    void test_value_received_at_the_cutoff_is_used() {
        // RunContext: "values received after it are not used"; one received at the cut-off instant is not after it
        TestRun t = run(List.of(new Sub("300.000", 'E', 0), new Sub("500.000", 'A', 30)))
                .cutoff(Instant.ofEpochSecond(TestRun.T0 / 1_000_000L).plusSeconds(30 * 60));
        RunResult r = t.run();
        assertThat(uncorrected(r, SP)).isEqualTo(Map.of(UNIT + "/1", "0.5"));
        assertThat(dqCount(r, SP, DataQualityMeasure.AFTER_CUTOFF)).isZero();
    }
}
