package org.gbsettle.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.gbsettle.engine.rules.Rules.dqCount;
import static org.gbsettle.engine.rules.Rules.dqMwh;
import static org.gbsettle.engine.rules.Rules.hh;
import static org.gbsettle.engine.rules.Rules.mpan;
import static org.gbsettle.engine.rules.Rules.uncorrected;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gbsettle.engine.input.LoadShapeCategory;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.PublishedLoadShapes;
import org.gbsettle.engine.metering.ConnectionType;
import org.gbsettle.engine.metering.MarketSegment;
import org.gbsettle.engine.metering.MeasurementClass;
import org.gbsettle.engine.metering.MeasurementQuantity;
import org.gbsettle.engine.reference.EffectiveRange;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.CalculationIssue;
import org.gbsettle.engine.run.DataQualityMeasure;
import org.gbsettle.engine.run.EstimationMethod;
import org.gbsettle.engine.run.IssueCode;
import org.gbsettle.engine.run.QuarantineReason;
import org.gbsettle.engine.run.QuarantinedRead;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.testing.RegistrationBuilder;
import org.gbsettle.engine.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Validation of submitted rows, domain.md §8: Q rows go to quarantine with their reason and are counted in data
 * quality; NEGATIVE and OUT_OF_RANGE are Q + E (the period is estimated instead); a value for a de-energised MPAN is
 * used with a warning; a de-energised MPAN without a value gets 0 and no estimate.
 */
class ValidationRuleTest {

    private static final String DATE = "2026-01-15";
    private static final String UNIT = "2__ASUPA000";
    /** Class C import, energised, registered in _A. */
    private static final long HH = mpan(1);
    /** NHH (class A, profile class 1) in _A. */
    private static final long NHH = mpan(2);
    /** Registered in group _B. */
    private static final long OTHER_GROUP = mpan(3);
    /** Registered in _A from 2026-02-01. */
    private static final long FUTURE = mpan(4);
    /** Registered in _A until 2026-01-14. */
    private static final long ENDED = mpan(5);
    /** Class G import (cap 100 kWh), AC 2,700 kWh, for Q + E. */
    private static final long SMALL = mpan(6);
    /** Class C export, energised, in _A. */
    private static final long EXPORT = mpan(10);
    /** A valid MPAN registered nowhere. */
    private static final long UNREGISTERED = 2000024512368L;

    /** The category of SMALL (and HH): CT connected, advanced, non-domestic, import. */
    private static final LoadShapeCategory CAT =
            new LoadShapeCategory(ConnectionType.C, MarketSegment.A, false, MeasurementQuantity.AI);

    private static TestRun base(String date) {
        TestRun t = TestRun.on("_A", date).llf("L1", "1.000").unit("SUPA", 0);
        t.system(hh(HH, "L1"));
        t.system(hh(NHH, "L1")
                .measurementClass(MeasurementClass.A)
                .profile(1, "0393")
                .eac("2700"));
        t.coefficients().add(GspGroup.of("_A"), 1, "0393", "00001", t.date().date(), 1, new BigDecimal("0.0000571"));
        t.system(hh(OTHER_GROUP, "L1").group("_B").build());
        t.system(hh(FUTURE, "L1").effective(EffectiveRange.from(LocalDate.of(2026, 2, 1))));
        t.system(hh(ENDED, "L1").effective(EffectiveRange.of(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 14))));
        t.system(hh(SMALL, "L1").measurementClass(MeasurementClass.G).eac("2700"));
        t.system(hh(EXPORT, "L1").export());
        return t;
    }

    static Stream<Arguments> quarantinedRows() {
        byte ai = MeterReads.AI;
        byte ae = MeterReads.AE;
        return Stream.of(
                // BAD_MPAN: bad check digit (expected 2, found 3), too short once checked (12345: expected 4),
                // 14 digits, negative
                Arguments.of("bad check digit", 1315001165123L, ai, 35, 1000L, 'A', QuarantineReason.BAD_MPAN),
                Arguments.of("check digit of 0000000012345", 12345L, ai, 35, 1000L, 'A', QuarantineReason.BAD_MPAN),
                Arguments.of("14 digits", 10_000_000_000_000L, ai, 35, 1000L, 'A', QuarantineReason.BAD_MPAN),
                Arguments.of("negative", -1L, ai, 35, 1000L, 'A', QuarantineReason.BAD_MPAN),
                // UNKNOWN_MPAN: not registered, registered in another group, not effective on the date (later,
                // ended), registered NHH
                Arguments.of("not registered", UNREGISTERED, ai, 35, 1000L, 'A', QuarantineReason.UNKNOWN_MPAN),
                Arguments.of("other group", OTHER_GROUP, ai, 35, 1000L, 'A', QuarantineReason.UNKNOWN_MPAN),
                Arguments.of("registered later", FUTURE, ai, 35, 1000L, 'A', QuarantineReason.UNKNOWN_MPAN),
                Arguments.of("registration ended", ENDED, ai, 35, 1000L, 'A', QuarantineReason.UNKNOWN_MPAN),
                Arguments.of("NHH", NHH, ai, 35, 1000L, 'A', QuarantineReason.UNKNOWN_MPAN),
                // WRONG_MQ: export value for an import MPAN; unknown MQ code
                Arguments.of("AE for an import", HH, ae, 35, 1000L, 'A', QuarantineReason.WRONG_MQ),
                Arguments.of("unknown MQ", HH, (byte) 7, 35, 1000L, 'A', QuarantineReason.WRONG_MQ),
                Arguments.of("AI for an export", EXPORT, ai, 35, 1000L, 'A', QuarantineReason.WRONG_MQ),
                // BAD_PERIOD on a 48-period day
                Arguments.of("SP0", HH, ai, 0, 1000L, 'A', QuarantineReason.BAD_PERIOD),
                Arguments.of("SP49", HH, ai, 49, 1000L, 'A', QuarantineReason.BAD_PERIOD),
                Arguments.of("SP-1", HH, ai, -1, 1000L, 'A', QuarantineReason.BAD_PERIOD),
                // BAD_VALUE: quality not A or E
                Arguments.of("quality X", HH, ai, 35, 1000L, 'X', QuarantineReason.BAD_VALUE),
                Arguments.of("quality a", HH, ai, 35, 1000L, 'a', QuarantineReason.BAD_VALUE),
                // NEGATIVE: -1 Wh
                Arguments.of("negative kWh", HH, ai, 35, -1L, 'A', QuarantineReason.NEGATIVE),
                // OUT_OF_RANGE: class C cap 50 MWh = 50,000,000 Wh; class G cap 100 kWh = 100,000 Wh
                Arguments.of("class C above cap", HH, ai, 35, 50_000_001L, 'A', QuarantineReason.OUT_OF_RANGE),
                Arguments.of("class G above cap", SMALL, ai, 35, 100_001L, 'E', QuarantineReason.OUT_OF_RANGE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quarantinedRows")
    void test_row_is_quarantined(
            String name, long mpan, byte mq, int period, long wh, char quality, QuarantineReason reason) {
        TestRun t = base(DATE);
        t.reads().add(mpan, mq, period, wh, (byte) quality, TestRun.T0, 41L);
        RunResult r = t.run();
        assertThat(r.quarantine()).singleElement().satisfies(q -> {
            assertThat(q.reason()).isEqualTo(reason);
            assertThat(q.rowId()).isEqualTo(41L);
            assertThat(q.mpan()).isEqualTo(mpan);
            assertThat(q.period()).isEqualTo(period);
        });
        DataQualityMeasure measure = DataQualityMeasure.quarantined(reason);
        assertThat(dqCount(r, 0, measure)).isEqualTo(1);
        if (period >= 1 && period <= 48) {
            assertThat(dqCount(r, period, measure)).isEqualTo(1);
        }
        // nothing of the row reaches the volumes: no actual or submitted estimate is counted
        assertThat(dqCount(r, 0, DataQualityMeasure.ACTUAL)).isZero();
        assertThat(dqCount(r, 0, DataQualityMeasure.SUBMITTED_ESTIMATE)).isZero();
    }

    static Stream<Arguments> periodsOnClockChangeDays() {
        return Stream.of(
                Arguments.of("2026-03-29", 47, true), // 46 periods
                Arguments.of("2026-03-29", 46, false),
                Arguments.of("2026-10-25", 51, true), // 50 periods
                Arguments.of("2026-10-25", 50, false),
                Arguments.of("2026-10-25", 49, false),
                Arguments.of("2026-01-15", 48, false),
                Arguments.of("2026-01-15", 2, false));
    }

    @ParameterizedTest(name = "{0} SP{1}: bad {2}")
    @MethodSource("periodsOnClockChangeDays")
    void test_bad_period_depends_on_the_number_of_periods_of_the_date(String date, int period, boolean bad) {
        TestRun t = base(date);
        t.read(HH, MeterReads.AI, period, "10.000", 'A', 0);
        RunResult r = t.run();
        if (bad) {
            assertThat(r.quarantine())
                    .singleElement()
                    .extracting(QuarantinedRead::reason)
                    .isEqualTo(QuarantineReason.BAD_PERIOD);
            assertThat(dqCount(r, 0, DataQualityMeasure.QUARANTINED_BAD_PERIOD)).isEqualTo(1);
        } else {
            // used: 10 kWh actual, CCC 1, 0.01 MWh. SMALL (same load-shape category, AC 2,700, no value) is
            // defaulted from the computed shape: LS = 10 kWh in this period only, annual total 365 x 10 = 3,650:
            // 2,700 x 10 / 3,650 = 7.39726... -> 7.397 kWh, estimated class G: CCC 28
            assertThat(r.quarantine()).isEmpty();
            assertThat(uncorrected(r, period)).isEqualTo(Map.of(UNIT + "/1", "0.01", UNIT + "/28", "0.007397"));
        }
    }

    static Stream<Arguments> caps() {
        return Stream.of(
                // class, kWh, accepted; caps: C 50,000 kWh, D 500 kWh, E/F/G 100 kWh
                Arguments.of(MeasurementClass.C, "50000.000", true),
                Arguments.of(MeasurementClass.C, "50000.001", false),
                Arguments.of(MeasurementClass.D, "500.000", true),
                Arguments.of(MeasurementClass.D, "500.001", false),
                Arguments.of(MeasurementClass.E, "100.000", true),
                Arguments.of(MeasurementClass.F, "100.001", false),
                Arguments.of(MeasurementClass.G, "100.001", false),
                Arguments.of(MeasurementClass.G, "0.000", true));
    }

    @ParameterizedTest(name = "class {0} {1} kWh accepted {2}")
    @MethodSource("caps")
    void test_out_of_range_cap_per_measurement_class(MeasurementClass mc, String kwh, boolean accepted) {
        long m = mpan(100);
        TestRun t = TestRun.on("_A", DATE).llf("L1", "1.000").unit("SUPA", 0);
        t.system(hh(m, "L1").measurementClass(mc));
        t.read(m, MeterReads.AI, 35, kwh, 'A', 0);
        RunResult r = t.run();
        if (accepted) {
            assertThat(r.quarantine()).isEmpty();
            assertThat(dqCount(r, 35, DataQualityMeasure.ACTUAL)).isEqualTo(1);
        } else {
            assertThat(r.quarantine())
                    .singleElement()
                    .extracting(QuarantinedRead::reason)
                    .isEqualTo(QuarantineReason.OUT_OF_RANGE);
            assertThat(dqCount(r, 35, DataQualityMeasure.ACTUAL)).isZero();
            assertThat(dqCount(r, 35, DataQualityMeasure.MISSING)).isEqualTo(1);
        }
    }

    static Stream<Arguments> quarantinedThenEstimated() {
        return Stream.of(
                Arguments.of(-5_000L, 'A', QuarantineReason.NEGATIVE, "0.005"),
                Arguments.of(-5_000L, 'E', QuarantineReason.NEGATIVE, "0.005"),
                Arguments.of(100_001L, 'A', QuarantineReason.OUT_OF_RANGE, "0.100001"),
                Arguments.of(250_000L, 'E', QuarantineReason.OUT_OF_RANGE, "0.25"));
    }

    @ParameterizedTest(name = "{0} Wh quality {1}: {2}")
    @MethodSource("quarantinedThenEstimated")
    void test_negative_and_out_of_range_are_quarantined_and_the_period_estimated(
            long wh, char quality, QuarantineReason reason, String quarantinedMwh) {
        TestRun t = base(DATE)
                .config(CalculationConfig.defaults()
                        .withLoadShapeSource(CalculationConfig.LoadShapeSource.PUBLISHED)
                        .withEstimationMethods(List.of(EstimationMethod.LOAD_SHAPE_ANNUAL)))
                .shapes(PublishedLoadShapes.builder()
                        .periodValue(CAT, 35, new BigDecimal("0.2100"))
                        .annualTotal(CAT, new BigDecimal("2950.0"))
                        .build());
        t.reads().add(SMALL, MeterReads.AI, 35, wh, (byte) quality, TestRun.T0, 9L);
        RunResult r = t.run();

        assertThat(r.quarantine())
                .singleElement()
                .extracting(QuarantinedRead::reason)
                .isEqualTo(reason);
        // the row is quarantined: its magnitude counted under its reason
        assertThat(dqCount(r, 35, DataQualityMeasure.quarantined(reason))).isEqualTo(1);
        assertThat(dqMwh(r, 35, DataQualityMeasure.quarantined(reason))).isEqualTo(quarantinedMwh);
        // E: LOAD_SHAPE_ANNUAL 2,700 x 0.2100 / 2,950.0 = 0.19220... -> R1 0.192 kWh, estimated class G: CCC 28,
        // LLF 1 so no loss: 0.000192 MWh. HH (class C, AC unknown) has no value and no estimate: 0, no row.
        assertThat(uncorrected(r, 35)).isEqualTo(Map.of(UNIT + "/28", "0.000192"));
        assertThat(dqCount(r, 35, DataQualityMeasure.DEFAULTED_LOAD_SHAPE_ANNUAL))
                .isEqualTo(1);
        assertThat(dqMwh(r, 35, DataQualityMeasure.DEFAULTED_LOAD_SHAPE_ANNUAL)).isEqualTo("0.000192");
        // missing: SMALL (defaulted), HH and EXPORT (no AC: no estimate)
        assertThat(dqCount(r, 35, DataQualityMeasure.MISSING)).isEqualTo(3);
        assertThat(dqCount(r, 35, DataQualityMeasure.NO_ESTIMATE)).isEqualTo(2);
    }

    @Test
    void test_value_of_a_deenergised_mpan_is_used_with_a_warning() {
        long m = mpan(7);
        TestRun t = TestRun.on("_A", DATE).llf("L1", "1.000").unit("SUPA", 0);
        t.system(hh(m, "L1").energised(false));
        t.read(m, MeterReads.AI, 35, "10.000", 'A', 0).read(m, MeterReads.AI, 36, "4.000", 'E', 0);
        RunResult r = t.run();
        // used as submitted: SP35 A 10 kWh -> CCC 1 0.01 MWh; SP36 E 4 kWh -> CCC 9 0.004 MWh
        assertThat(uncorrected(r, 35)).isEqualTo(Map.of(UNIT + "/1", "0.01"));
        assertThat(uncorrected(r, 36)).isEqualTo(Map.of(UNIT + "/9", "0.004"));
        assertThat(r.issues(IssueCode.DEENERGISED_CONSUMPTION))
                .extracting(CalculationIssue::mpan, CalculationIssue::period)
                .containsExactlyInAnyOrder(tuple(m, 35), tuple(m, 36));
        assertThat(r.quarantine()).isEmpty();
        // the other 46 periods: de-energised without a value, 0
        assertThat(dqCount(r, 0, DataQualityMeasure.DEENERGISED_ZERO)).isEqualTo(46);
        assertThat(r.issues(IssueCode.NO_ESTIMATE)).isEmpty();
    }

    @Test
    void test_deenergised_mpan_without_a_value_gets_zero_and_no_estimate() {
        long m = mpan(8);
        RegistrationBuilder reg =
                hh(m, "L1").measurementClass(MeasurementClass.G).eac("2700").energised(false);
        TestRun t = TestRun.on("_A", DATE)
                .llf("L1", "1.050")
                .unit("SUPA", 0)
                .config(CalculationConfig.defaults().withLoadShapeSource(CalculationConfig.LoadShapeSource.PUBLISHED))
                // an estimate would apply if the MPAN were energised: AC 2,700 and a published shape
                .shapes(PublishedLoadShapes.builder()
                        .periodValue(CAT, 35, new BigDecimal("0.2100"))
                        .annualTotal(CAT, new BigDecimal("2950.0"))
                        .build());
        t.system(reg);
        RunResult r = t.run();
        // 0 in every period: no volume rows at all, 48 DEENERGISED_ZERO, nothing missing or defaulted
        assertThat(r.supplierVolumes()).isEmpty();
        assertThat(dqCount(r, 35, DataQualityMeasure.DEENERGISED_ZERO)).isEqualTo(1);
        assertThat(dqCount(r, 0, DataQualityMeasure.DEENERGISED_ZERO)).isEqualTo(48);
        assertThat(dqCount(r, 0, DataQualityMeasure.MISSING)).isZero();
        assertThat(dqCount(r, 0, DataQualityMeasure.DEFAULTED_LOAD_SHAPE_ANNUAL))
                .isZero();
        assertThat(r.issues(IssueCode.NO_ESTIMATE)).isEmpty();
        assertThat(t.explain(m, 35).method()).isEqualTo("DEENERGISED_ZERO");
        assertThat(t.explain(m, 35).valueKwh()).isEqualByComparingTo("0");
    }

    @Test
    void test_data_quality_counts_every_reason() {
        TestRun t = base(DATE);
        byte ai = MeterReads.AI;
        long t0 = TestRun.T0;
        t.reads()
                .add(1315001165123L, ai, 35, 1_000, (byte) 'A', t0, 1) // BAD_MPAN
                .add(12345L, ai, 36, 2_000, (byte) 'A', t0, 2) // BAD_MPAN
                .add(UNREGISTERED, ai, 35, 3_000, (byte) 'A', t0, 3) // UNKNOWN_MPAN
                .add(OTHER_GROUP, ai, 35, 4_000, (byte) 'A', t0, 4) // UNKNOWN_MPAN
                .add(HH, MeterReads.AE, 35, 5_000, (byte) 'A', t0, 5) // WRONG_MQ
                .add(HH, ai, 0, 6_000, (byte) 'A', t0, 6) // BAD_PERIOD
                .add(HH, ai, 49, 7_000, (byte) 'A', t0, 7) // BAD_PERIOD
                .add(HH, ai, 35, 8_000, (byte) 'X', t0, 8) // BAD_VALUE
                .add(HH, ai, 35, -9_000, (byte) 'A', t0, 9) // NEGATIVE
                .add(SMALL, ai, 35, 100_010, (byte) 'A', t0, 10) // OUT_OF_RANGE
                .add(HH, ai, 35, 11_000, (byte) 'A', t0, 11); // valid
        RunResult r = t.run();
        assertThat(r.quarantine())
                .extracting(QuarantinedRead::rowId, QuarantinedRead::reason)
                .containsExactly(
                        tuple(1L, QuarantineReason.BAD_MPAN),
                        tuple(2L, QuarantineReason.BAD_MPAN),
                        tuple(3L, QuarantineReason.UNKNOWN_MPAN),
                        tuple(4L, QuarantineReason.UNKNOWN_MPAN),
                        tuple(5L, QuarantineReason.WRONG_MQ),
                        tuple(6L, QuarantineReason.BAD_PERIOD),
                        tuple(7L, QuarantineReason.BAD_PERIOD),
                        tuple(8L, QuarantineReason.BAD_VALUE),
                        tuple(9L, QuarantineReason.NEGATIVE),
                        tuple(10L, QuarantineReason.OUT_OF_RANGE));
        // day totals per reason: count and MWh magnitude
        assertThat(dqCount(r, 0, DataQualityMeasure.QUARANTINED_BAD_MPAN)).isEqualTo(2);
        assertThat(dqMwh(r, 0, DataQualityMeasure.QUARANTINED_BAD_MPAN)).isEqualTo("0.003"); // 1 + 2 kWh
        assertThat(dqCount(r, 0, DataQualityMeasure.QUARANTINED_UNKNOWN_MPAN)).isEqualTo(2);
        assertThat(dqMwh(r, 0, DataQualityMeasure.QUARANTINED_UNKNOWN_MPAN)).isEqualTo("0.007"); // 3 + 4
        assertThat(dqCount(r, 0, DataQualityMeasure.QUARANTINED_WRONG_MQ)).isEqualTo(1);
        assertThat(dqCount(r, 0, DataQualityMeasure.QUARANTINED_BAD_PERIOD)).isEqualTo(2);
        assertThat(dqMwh(r, 0, DataQualityMeasure.QUARANTINED_BAD_PERIOD)).isEqualTo("0.013"); // 6 + 7
        assertThat(dqCount(r, 0, DataQualityMeasure.QUARANTINED_BAD_VALUE)).isEqualTo(1);
        assertThat(dqCount(r, 0, DataQualityMeasure.QUARANTINED_NEGATIVE)).isEqualTo(1);
        assertThat(dqMwh(r, 0, DataQualityMeasure.QUARANTINED_NEGATIVE)).isEqualTo("0.009");
        assertThat(dqCount(r, 0, DataQualityMeasure.QUARANTINED_OUT_OF_RANGE)).isEqualTo(1);
        assertThat(dqMwh(r, 0, DataQualityMeasure.QUARANTINED_OUT_OF_RANGE)).isEqualTo("0.10001");
        // per period: SP35 has 1 BAD_MPAN, 2 UNKNOWN_MPAN; SP36 the other BAD_MPAN
        assertThat(dqCount(r, 35, DataQualityMeasure.QUARANTINED_BAD_MPAN)).isEqualTo(1);
        assertThat(dqCount(r, 36, DataQualityMeasure.QUARANTINED_BAD_MPAN)).isEqualTo(1);
        assertThat(dqCount(r, 35, DataQualityMeasure.QUARANTINED_UNKNOWN_MPAN)).isEqualTo(2);
        // the valid row is used: HH 11 kWh actual, CCC 1, 0.011 MWh
        assertThat(uncorrected(r, 35)).containsEntry(UNIT + "/1", "0.011");
    }

    @Test
    void test_negative_value_of_a_deenergised_mpan_is_quarantined_and_zero_used() {
        long m = mpan(8);
        TestRun t = TestRun.on("_A", DATE)
                .llf("L1", "1.000")
                .unit("SUPA", 0)
                .config(CalculationConfig.defaults().withLoadShapeSource(CalculationConfig.LoadShapeSource.PUBLISHED))
                .shapes(PublishedLoadShapes.builder()
                        .periodValue(CAT, 35, new BigDecimal("0.2100"))
                        .annualTotal(CAT, new BigDecimal("2950.0"))
                        .build());
        t.system(hh(m, "L1").measurementClass(MeasurementClass.G).eac("2700").energised(false));
        t.read(m, MeterReads.AI, 35, "-1.000", 'A', 0);
        RunResult r = t.run();
        // quarantined NEGATIVE; the period is then without a value, and de-energised without a value is 0 (§4 step 1)
        assertThat(r.quarantine())
                .singleElement()
                .extracting(QuarantinedRead::reason)
                .isEqualTo(QuarantineReason.NEGATIVE);
        assertThat(r.supplierVolumes()).isEmpty();
        assertThat(dqCount(r, 35, DataQualityMeasure.DEENERGISED_ZERO)).isEqualTo(1);
        assertThat(dqCount(r, 35, DataQualityMeasure.DEFAULTED_LOAD_SHAPE_ANNUAL))
                .isZero();
        assertThat(r.issues(IssueCode.DEENERGISED_CONSUMPTION)).isEmpty();
    }
}
