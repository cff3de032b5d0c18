package org.gbsettle.engine.run;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gbsettle.engine.metering.MeasurementClass;

/**
 * The configurable rules of a calculation, each an assumption or a choice the BSC leaves open (domain.md §4-§8).
 * {@link #defaults()} gives the project's defaults; every run records the configuration it used.
 *
 * @param correctionMode single GSP group correction factor (legacy rule) or separate import/export factors (an
 *     assumption, domain.md §4 step 6b)
 * @param onZeroCorrectableVolume what to do when a period's correctable volume is zero
 * @param cfBandLow lowest correction factor that raises no {@code CF_OUT_OF_RANGE} warning
 * @param cfBandHigh highest correction factor that raises no {@code CF_OUT_OF_RANGE} warning
 * @param selection how one value is chosen among several submissions for one MPAN and period
 * @param estimationMethods the defaulting methods, tried in order, for a missing HH value
 * @param loadShapeSource where load shapes come from: this run's actual values, or published IF-022/023 data
 * @param loadShapeMinSample fewest actual values a category needs in a period for its computed load shape to be used
 * @param daysPerYear days in the annual total of a computed load shape, {@code daysPerYear x sum of the day's shape}
 *     (assumption: the settlement date is representative of the year)
 * @param recentMinDays complete days of history {@code LOAD_SHAPE_RECENT} needs
 * @param llfFallback what to use for a missing LLF
 * @param balanceToTake rounding step R4: after R3, move published corrected volumes by 0.0001 MWh steps so they add up
 *     to the take exactly (see {@code GspGroupCorrector})
 * @param outOfRangeCapWh the largest accepted value per period, Wh, per measurement class ({@code OUT_OF_RANGE})
 * @param outlierRatio a used value more than this many times, or less than one over this many times, its expected
 *     value (annual consumption x load shape / annual total) and at least 1 kWh away from it raises {@code OUTLIER};
 *     0 turns the check off
 */
public record CalculationConfig(
        CorrectionMode correctionMode,
        ZeroDenominatorPolicy onZeroCorrectableVolume,
        BigDecimal cfBandLow,
        BigDecimal cfBandHigh,
        SelectionPolicy selection,
        List<EstimationMethod> estimationMethods,
        LoadShapeSource loadShapeSource,
        int loadShapeMinSample,
        int daysPerYear,
        int recentMinDays,
        LlfFallback llfFallback,
        boolean balanceToTake,
        Map<MeasurementClass, Long> outOfRangeCapWh,
        BigDecimal outlierRatio) {

    /**
     * The hard limit on one value, Wh (1 GWh in a half hour): with LLFs at most 9 (in millionths) products stay below
     * 2^63, and sums of up to 9.2 x 10^9 values cannot overflow a {@code long}.
     */
    public static final long MAX_VALUE_WH = 1_000_000_000L;

    /** GSP group correction rule. */
    public enum CorrectionMode {
        SINGLE,
        IMPORT_EXPORT
    }

    /** Zero correctable volume: warn and publish uncorrected, or fail the run. */
    public enum ZeroDenominatorPolicy {
        WARN,
        FAIL
    }

    /** Value selection among several submissions. */
    public enum SelectionPolicy {
        /** Actual beats estimated; within one quality the latest received wins. */
        ACTUAL_BEATS_ESTIMATE,
        /** The latest received wins regardless of quality. */
        LATEST_WINS
    }

    /** Load shape source. */
    public enum LoadShapeSource {
        COMPUTED,
        PUBLISHED
    }

    /** Fallback for a missing LLF. */
    public enum LlfFallback {
        /** Fail the run ({@code MISSING_LLF}). */
        NONE,
        /** The same period a year earlier, as the CDCA does (29 Feb to 28 Feb, clock-change day to clock-change day). */
        PREVIOUS_YEAR,
        /** An LLF of 1.0. */
        UNITY
    }

    public CalculationConfig {
        Objects.requireNonNull(correctionMode, "correctionMode");
        Objects.requireNonNull(onZeroCorrectableVolume, "onZeroCorrectableVolume");
        Objects.requireNonNull(cfBandLow, "cfBandLow");
        Objects.requireNonNull(cfBandHigh, "cfBandHigh");
        Objects.requireNonNull(selection, "selection");
        estimationMethods = List.copyOf(estimationMethods);
        Objects.requireNonNull(loadShapeSource, "loadShapeSource");
        Objects.requireNonNull(llfFallback, "llfFallback");
        // in measurement class order, so that the text (and the slices' configuration digest) is the same in every
        // JVM: Map.copyOf's iteration order changes from one JVM to the next
        outOfRangeCapWh = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(Map.copyOf(outOfRangeCapWh)));
        Objects.requireNonNull(outlierRatio, "outlierRatio");
        if (outlierRatio.signum() < 0 || (outlierRatio.signum() > 0 && outlierRatio.compareTo(BigDecimal.ONE) <= 0)) {
            throw new IllegalArgumentException("outlier ratio " + outlierRatio + " is not 0 (off) or above 1");
        }
        if (loadShapeMinSample < 1) {
            throw new IllegalArgumentException("loadShape.minSample " + loadShapeMinSample + " is not 1 or more");
        }
        if (daysPerYear < 1) {
            throw new IllegalArgumentException("daysPerYear " + daysPerYear + " is not 1 or more");
        }
        for (var cap : outOfRangeCapWh.entrySet()) {
            if (cap.getValue() < 0 || cap.getValue() > MAX_VALUE_WH) {
                throw new IllegalArgumentException("Out-of-range cap of measurement class " + cap.getKey() + " is "
                        + cap.getValue() + " Wh, outside 0.." + MAX_VALUE_WH);
            }
        }
    }

    /**
     * The defaults: single factor, warn on zero correctable volume, CF band 0.9-1.1, actual beats estimate, estimation
     * by recent history, annual consumption, profile coefficient, then market default; computed load shapes from at
     * least one value; 365 days a year; no LLF fallback; balancing to the take on; caps per period of 50 MWh for 100 kW
     * premises (class C: 100 MW for half an hour), 500 kWh for HH unmetered supplies (class D) and 100 kWh for premises
     * below 100 kW (classes E, F, G: twice 100 kW for half an hour, so that a meter at its limit is never rejected);
     * outliers at 10 times (or a tenth of) the expected value.
     */
    public static CalculationConfig defaults() {
        Map<MeasurementClass, Long> caps = new EnumMap<>(MeasurementClass.class);
        for (MeasurementClass mc : MeasurementClass.values()) {
            caps.put(mc, 100_000L);
        }
        caps.put(MeasurementClass.C, 50_000_000L);
        caps.put(MeasurementClass.D, 500_000L);
        return new CalculationConfig(
                CorrectionMode.SINGLE,
                ZeroDenominatorPolicy.WARN,
                new BigDecimal("0.9"),
                new BigDecimal("1.1"),
                SelectionPolicy.ACTUAL_BEATS_ESTIMATE,
                List.of(
                        EstimationMethod.LOAD_SHAPE_RECENT,
                        EstimationMethod.LOAD_SHAPE_ANNUAL,
                        EstimationMethod.PROFILE_COEFFICIENT,
                        EstimationMethod.MARKET_DEFAULT),
                LoadShapeSource.COMPUTED,
                1,
                365,
                7,
                LlfFallback.NONE,
                true,
                caps,
                new BigDecimal("10"));
    }

    public CalculationConfig withCorrectionMode(CorrectionMode mode) {
        Copy c = new Copy(this);
        c.correctionMode = mode;
        return c.build();
    }

    public CalculationConfig withOnZeroCorrectableVolume(ZeroDenominatorPolicy policy) {
        Copy c = new Copy(this);
        c.onZeroCorrectableVolume = policy;
        return c.build();
    }

    public CalculationConfig withSelection(SelectionPolicy policy) {
        Copy c = new Copy(this);
        c.selection = policy;
        return c.build();
    }

    public CalculationConfig withEstimationMethods(List<EstimationMethod> methods) {
        Copy c = new Copy(this);
        c.estimationMethods = methods;
        return c.build();
    }

    public CalculationConfig withLoadShapeSource(LoadShapeSource source) {
        Copy c = new Copy(this);
        c.loadShapeSource = source;
        return c.build();
    }

    public CalculationConfig withLlfFallback(LlfFallback fallback) {
        Copy c = new Copy(this);
        c.llfFallback = fallback;
        return c.build();
    }

    public CalculationConfig withBalanceToTake(boolean balance) {
        Copy c = new Copy(this);
        c.balanceToTake = balance;
        return c.build();
    }

    public CalculationConfig withOutlierRatio(BigDecimal ratio) {
        Copy c = new Copy(this);
        c.outlierRatio = ratio;
        return c.build();
    }

    public CalculationConfig withLoadShapeMinSample(int minSample) {
        Copy c = new Copy(this);
        c.loadShapeMinSample = minSample;
        return c.build();
    }

    public CalculationConfig withRecentMinDays(int days) {
        Copy c = new Copy(this);
        c.recentMinDays = days;
        return c.build();
    }

    public CalculationConfig withCfBand(BigDecimal low, BigDecimal high) {
        Copy c = new Copy(this);
        c.cfBandLow = low;
        c.cfBandHigh = high;
        return c.build();
    }

    public CalculationConfig withOutOfRangeCapWh(MeasurementClass measurementClass, long capWh) {
        Map<MeasurementClass, Long> caps = new EnumMap<>(MeasurementClass.class);
        caps.putAll(outOfRangeCapWh);
        caps.put(measurementClass, capWh);
        Copy c = new Copy(this);
        c.outOfRangeCapWh = caps;
        return c.build();
    }

    /** A mutable copy, for the {@code with} methods. */
    private static final class Copy {
        private CorrectionMode correctionMode;
        private ZeroDenominatorPolicy onZeroCorrectableVolume;
        private BigDecimal cfBandLow;
        private BigDecimal cfBandHigh;
        private SelectionPolicy selection;
        private List<EstimationMethod> estimationMethods;
        private LoadShapeSource loadShapeSource;
        private int loadShapeMinSample;
        private int daysPerYear;
        private int recentMinDays;
        private LlfFallback llfFallback;
        private boolean balanceToTake;
        private Map<MeasurementClass, Long> outOfRangeCapWh;
        private BigDecimal outlierRatio;

        Copy(CalculationConfig c) {
            correctionMode = c.correctionMode;
            onZeroCorrectableVolume = c.onZeroCorrectableVolume;
            cfBandLow = c.cfBandLow;
            cfBandHigh = c.cfBandHigh;
            selection = c.selection;
            estimationMethods = c.estimationMethods;
            loadShapeSource = c.loadShapeSource;
            loadShapeMinSample = c.loadShapeMinSample;
            daysPerYear = c.daysPerYear;
            recentMinDays = c.recentMinDays;
            llfFallback = c.llfFallback;
            balanceToTake = c.balanceToTake;
            outOfRangeCapWh = c.outOfRangeCapWh;
            outlierRatio = c.outlierRatio;
        }

        CalculationConfig build() {
            return new CalculationConfig(
                    correctionMode,
                    onZeroCorrectableVolume,
                    cfBandLow,
                    cfBandHigh,
                    selection,
                    estimationMethods,
                    loadShapeSource,
                    loadShapeMinSample,
                    daysPerYear,
                    recentMinDays,
                    llfFallback,
                    balanceToTake,
                    outOfRangeCapWh,
                    outlierRatio);
        }
    }

    /** The cap of a measurement class, Wh, or the hard limit if none is set. */
    public long capWh(MeasurementClass measurementClass) {
        return outOfRangeCapWh.getOrDefault(measurementClass, MAX_VALUE_WH);
    }
}
