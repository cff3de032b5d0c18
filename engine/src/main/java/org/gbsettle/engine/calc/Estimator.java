package org.gbsettle.engine.calc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.gbsettle.engine.input.RecentConsumption;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.run.DataQualityMeasure;
import org.gbsettle.engine.run.EstimationMethod;
import org.jspecify.annotations.Nullable;

/**
 * Defaults a missing HH value with the first configured method that applies, and shapes NHH EACs, each rounded once
 * by R1 to whole Wh (kWh 3 dp, HALF_UP). See {@link EstimationMethod} for the formulas.
 *
 * <p>Example (domain.md §10.2): AC 438,000 kWh/yr, LS_5 0.180 kWh, annual total 3,285.000 kWh: {@code 438,000 x 0.180
 * / 3,285 = 24.000 kWh}.
 */
final class Estimator {

    /** A defaulted value: Wh and the method, or {@code method == null} when none applied. */
    record Estimate(long wh, @Nullable EstimationMethod method) {}

    private final Plan plan;
    private final LoadShapes shapes;
    private final List<EstimationMethod> methods;
    private final @Nullable Fraction[][] shareOfYear;
    private final @Nullable BigDecimal[] marketDefaultEac;
    private final double outlierRatio;
    /** Per HH system, annual consumption in kWh for the outlier check, NaN if none or the check is off. */
    private final double[] acKwh;
    /** Per category and period, the load shape's share of the year, NaN if none. */
    private final double[][] shareDouble;
    /** Per measurement class, the market default EAC in 0.1 kWh, or {@code Long.MIN_VALUE}. */
    private final long[] marketDefaultTenths;
    /** Per category and period, the share of the year x 100 in fixed point (2^-62), or -1. */
    private final long[][] shareFixed;
    /** Per system, EAC in 0.1 kWh, or {@code Long.MIN_VALUE} if none. */
    private final long[] eacTenths;
    /** Per coefficient set, coefficients as unscaled longs at a common scale, and 10^(scale - 2). */
    private final long[][] coefficientUnscaled;

    private final long[] coefficientDivisor;

    Estimator(Plan plan, LoadShapes shapes) {
        this.plan = plan;
        this.shapes = shapes;
        this.methods = plan.config.estimationMethods();
        int cats = plan.categories.size();
        shareOfYear = new Fraction[cats][plan.periods];
        for (int c = 0; c < cats; c++) {
            Fraction total = shapes.annualTotal(c);
            for (int p = 0; p < plan.periods; p++) {
                Fraction ls = shapes.shape(c, p);
                shareOfYear[c][p] = ls == null || total == null ? null : ls.divide(total);
            }
        }
        int n = plan.systems.length;
        eacTenths = new long[n];
        for (int i = 0; i < n; i++) {
            BigDecimal eac = plan.systems[i].annualConsumptionKwh();
            eacTenths[i] = tenths(eac);
        }
        int keys = plan.coefficients.size();
        coefficientUnscaled = new long[keys][];
        coefficientDivisor = new long[keys];
        for (int k = 0; k < keys; k++) {
            BigDecimal[] c = plan.coefficients.get(k);
            int scale = 2;
            for (BigDecimal v : c) {
                if (v != null) {
                    scale = Math.max(scale, v.stripTrailingZeros().scale());
                }
            }
            coefficientUnscaled[k] = new long[c.length];
            for (int p = 0; p < c.length; p++) {
                coefficientUnscaled[k][p] =
                        c[p] == null ? 0 : c[p].setScale(scale).unscaledValue().longValueExact();
            }
            coefficientDivisor[k] = BigDecimal.ONE.movePointRight(scale - 2).longValueExact();
        }
        double ratio = plan.config.outlierRatio().doubleValue();
        outlierRatio = ratio;
        acKwh = new double[n];
        for (int i = 0; i < n; i++) {
            BigDecimal ac = plan.systems[i].annualConsumptionKwh();
            acKwh[i] = ratio > 0 && ac != null && plan.systemHh[i] ? ac.doubleValue() : Double.NaN;
        }
        shareDouble = new double[cats][plan.periods];
        for (int c = 0; c < cats; c++) {
            for (int p = 0; p < plan.periods; p++) {
                Fraction share = shareOfYear[c][p];
                shareDouble[c][p] =
                        share == null ? Double.NaN : share.toDecimal().doubleValue();
            }
        }
        var classes = org.gbsettle.engine.metering.MeasurementClass.values();
        marketDefaultEac = new BigDecimal[classes.length];
        marketDefaultTenths = new long[classes.length];
        for (var mc : classes) {
            BigDecimal eac = plan.reference.hhDefaultEac(mc, plan.date).orElse(null);
            marketDefaultEac[mc.ordinal()] = eac;
            marketDefaultTenths[mc.ordinal()] = tenths(eac);
        }
        // shares x 100 (Wh per 0.1 kWh of annual consumption) in fixed point with 62 fraction bits, rounded down;
        // -1 where the share is missing, negative or too large for the fast path
        shareFixed = new long[cats][plan.periods];
        java.math.BigInteger limit = java.math.BigInteger.ONE.shiftLeft(63);
        for (int c = 0; c < cats; c++) {
            for (int p = 0; p < plan.periods; p++) {
                Fraction share = shareOfYear[c][p];
                long fixed = -1;
                if (share != null && share.signum() >= 0) {
                    java.math.BigInteger v = share.numerator()
                            .multiply(java.math.BigInteger.valueOf(100))
                            .shiftLeft(62)
                            .divide(share.denominator());
                    if (v.compareTo(limit) < 0) {
                        fixed = v.longValueExact();
                    }
                }
                shareFixed[c][p] = fixed;
            }
        }
    }

    /** The default for a missing HH value of system {@code i} in period index {@code p} (0-based). */
    Estimate estimate(int i, int p) {
        Registration r = plan.systems[i];
        int cat = plan.category[i];
        for (EstimationMethod m : methods) {
            switch (m) {
                case LOAD_SHAPE_RECENT -> {
                    RecentConsumption rc = plan.recent.isEmpty() ? null : plan.recent.get(r.mpan());
                    Fraction ls = shapes.shape(cat, p);
                    if (rc != null
                            && ls != null
                            && rc.completeDays() >= plan.config.recentMinDays()
                            && rc.loadShapeSum().signum() > 0) {
                        Fraction kwh = Fraction.of(rc.actualKwh())
                                .divide(Fraction.of(rc.loadShapeSum()))
                                .multiply(ls);
                        return new Estimate(kwh.multiply(1000).roundHalfUp(), m);
                    }
                }
                case LOAD_SHAPE_ANNUAL -> {
                    Fraction share = shareOfYear[cat][p];
                    BigDecimal ac = r.annualConsumptionKwh();
                    if (share != null && ac != null) {
                        return new Estimate(timesShare(eacTenths[i], ac, cat, p, share), m);
                    }
                }
                case PROFILE_COEFFICIENT -> {
                    int k = plan.coefficientIndex[i];
                    if (k >= 0 && eacTenths[i] != Long.MIN_VALUE) {
                        return new Estimate(eacTimesCoefficient(i, k, p), m);
                    }
                }
                case MARKET_DEFAULT -> {
                    Fraction share = shareOfYear[cat][p];
                    int mc = r.measurementClass().ordinal();
                    BigDecimal eac = marketDefaultEac[mc];
                    if (share != null && eac != null) {
                        return new Estimate(timesShare(marketDefaultTenths[mc], eac, cat, p, share), m);
                    }
                }
            }
        }
        return new Estimate(0, null);
    }

    /** An annual consumption in 0.1 kWh, or {@code Long.MIN_VALUE} if none (or beyond a long). */
    private static long tenths(@Nullable BigDecimal kwh) {
        if (kwh == null) {
            return Long.MIN_VALUE;
        }
        try {
            return kwh.movePointRight(1).longValueExact();
        } catch (ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    /** The outlier ratio; 0 when the check is off. */
    double outlierRatio() {
        return outlierRatio;
    }

    /** System {@code i}'s annual consumption in kWh for the outlier check, or NaN when it is not checked. */
    double outlierAnnualKwh(int i) {
        return acKwh[i];
    }

    /**
     * A category's share of the year per period index (load shape / annual total), NaN where it has none; for the
     * {@code OUTLIER} warning only, so double arithmetic (deterministic in Java) is enough.
     */
    double[] shareOfYearRow(int category) {
        return shareDouble[category];
    }

    /** The shaped value of an NHH system in period index {@code p}, Wh; 0 if it has no EAC. */
    long nhh(int i, int p) {
        int k = plan.coefficientIndex[i];
        if (eacTenths[i] == Long.MIN_VALUE || k < 0) {
            return 0;
        }
        return eacTimesCoefficient(i, k, p);
    }

    /**
     * {@code annual x share x 1000} in Wh, rounded once (R1), for an annual consumption of {@code tenths} 0.1 kWh
     * ({@code annual} the same as a decimal). The share's fixed-point form (62 fraction bits, rounded down) gives the
     * answer unless the product lies so near a half that the truncation could decide; then the exact fraction does.
     */
    private long timesShare(long tenths, BigDecimal annual, int cat, int p, Fraction share) {
        long f = shareFixed[cat][p];
        if (f >= 0 && tenths != Long.MIN_VALUE && tenths != Long.MAX_VALUE && Math.abs(tenths) < (1L << 40)) {
            long a = Math.abs(tenths);
            long hi = Math.multiplyHigh(a, f);
            long lo = a * f;
            long whole = hi << 2 | lo >>> 62;
            long fraction = lo & FRACTION_MASK;
            // the true product is in [a x f, a x f + a) units of 2^-62 Wh
            if (fraction >= HALF) {
                return tenths < 0 ? -(whole + 1) : whole + 1;
            }
            if (fraction + a <= HALF) {
                return tenths < 0 ? -whole : whole;
            }
        }
        return Fraction.of(annual).multiply(share).multiply(1000).roundHalfUp();
    }

    private static final long FRACTION_MASK = (1L << 62) - 1;
    private static final long HALF = 1L << 61;

    /** {@code EAC x coefficient} of system {@code i} with coefficient set {@code k}, Wh, rounded once (R1). */
    private long eacTimesCoefficient(int i, int k, int p) {
        long eac = eacTenths[i];
        // EAC (0.1 kWh) x coefficient (10^-scale) x 1000 Wh/kWh = product / 10^(scale - 2) Wh, rounded once (R1)
        long c = coefficientUnscaled[k][p];
        long hi = Math.multiplyHigh(eac, c);
        long lo = eac * c;
        if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) {
            return shapeEac(
                    java.util.Objects.requireNonNull(plan.systems[i].annualConsumptionKwh()),
                    plan.coefficients.get(k)[p]);
        }
        return roundHalfUp(lo, coefficientDivisor[k]);
    }

    /** {@code value / divisor} rounded half away from zero; {@code divisor} positive. */
    static long roundHalfUp(long value, long divisor) {
        long q = value / divisor;
        long r = Math.abs(value % divisor);
        if (r >= divisor - r) {
            q += value < 0 ? -1 : 1;
        }
        return q;
    }

    /** {@code EAC x PPC} in Wh, rounded once (R1): 2,700 kWh x 0.0000571 = 154.17 Wh, so 154 Wh. */
    static long shapeEac(BigDecimal eacKwh, BigDecimal coefficient) {
        return eacKwh.multiply(coefficient)
                .movePointRight(3)
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    static DataQualityMeasure measure(EstimationMethod m) {
        return switch (m) {
            case LOAD_SHAPE_RECENT -> DataQualityMeasure.DEFAULTED_LOAD_SHAPE_RECENT;
            case LOAD_SHAPE_ANNUAL -> DataQualityMeasure.DEFAULTED_LOAD_SHAPE_ANNUAL;
            case PROFILE_COEFFICIENT -> DataQualityMeasure.DEFAULTED_PROFILE_COEFFICIENT;
            case MARKET_DEFAULT -> DataQualityMeasure.DEFAULTED_MARKET_DEFAULT;
        };
    }
}
