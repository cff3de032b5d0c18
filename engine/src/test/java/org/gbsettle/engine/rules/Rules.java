package org.gbsettle.engine.rules;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gbsettle.engine.run.BmUnitVolume;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.DataQualityCount;
import org.gbsettle.engine.run.DataQualityMeasure;
import org.gbsettle.engine.run.GspGroupCorrection;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.run.SupplierVolume;
import org.gbsettle.engine.testing.RegistrationBuilder;

/**
 * Helpers of the rule tests: valid MPAN cores made by the check-digit rule of domain.md §6.7 (implemented here
 * independently of {@code Mpan}), registrations with the test LLFC distributor, and lookups into a {@link RunResult}.
 */
final class Rules {

    private static final int[] PRIMES = {3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43};

    private Rules() {}

    /** A valid MPAN core: distributor 10, the serial as the next 10 digits, then the check digit of §6.7. */
    static long mpan(int serial) {
        String first12 = String.format("10%010d", serial);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (first12.charAt(i) - '0') * PRIMES[i];
        }
        return Long.parseLong(first12) * 10 + sum % 11 % 10;
    }

    /** An HH import registration (class C, supplier SUPA, no BM unit given) on LLFC {@code DIST/code}. */
    static RegistrationBuilder hh(long mpan, String llfc) {
        return RegistrationBuilder.mpan(mpan).llfc("DIST", llfc);
    }

    /** Uncorrected volumes of a period, MWh with trailing zeros stripped, by {@code bmUnit/ccc}. */
    static Map<String, String> uncorrected(RunResult r, int period) {
        Map<String, String> out = new TreeMap<>();
        for (SupplierVolume v : r.supplierVolumes()) {
            if (v.period() == period) {
                out.put(v.bmUnit() + "/" + v.cccId(), plain(v.uncorrectedMwh()));
            }
        }
        return out;
    }

    /** Uncorrected volumes of a period by CCC, summed over BM units, MWh, trailing zeros stripped. */
    static Map<Integer, String> uncorrectedByCcc(RunResult r, int period) {
        Map<Integer, BigDecimal> sums = new TreeMap<>();
        for (SupplierVolume v : r.supplierVolumes()) {
            if (v.period() == period) {
                sums.merge(v.cccId(), v.uncorrectedMwh(), BigDecimal::add);
            }
        }
        Map<Integer, String> out = new TreeMap<>();
        sums.forEach((k, v) -> out.put(k, plain(v)));
        return out;
    }

    /** Published corrected volumes (4 dp) of a period by {@code bmUnit/ccc}. */
    static Map<String, String> published(RunResult r, int period) {
        Map<String, String> out = new TreeMap<>();
        for (SupplierVolume v : r.supplierVolumes()) {
            if (v.period() == period) {
                out.put(v.bmUnit() + "/" + v.cccId(), v.correctedMwh().toPlainString());
            }
        }
        return out;
    }

    /** Exact corrected volumes of a period by {@code bmUnit/ccc}, trailing zeros stripped. */
    static Map<String, String> correctedExact(RunResult r, int period) {
        Map<String, String> out = new TreeMap<>();
        for (SupplierVolume v : r.supplierVolumes()) {
            if (v.period() == period) {
                out.put(v.bmUnit() + "/" + v.cccId(), plain(v.correctedExactMwh()));
            }
        }
        return out;
    }

    /** Published BM unit allocated volumes of a period by BM unit id. */
    static Map<String, String> bmuadv(RunResult r, int period) {
        Map<String, String> out = new TreeMap<>();
        for (BmUnitVolume v : r.bmUnitVolumes()) {
            if (v.period() == period) {
                out.put(v.bmUnit().id(), v.bmuadvMwh().toPlainString());
            }
        }
        return out;
    }

    /** The correction of a period and factor type ({@code legacy_gcf}, {@code mhhs_import_gcf} ...). */
    static GspGroupCorrection correction(RunResult r, int period, String type) {
        return r.corrections().stream()
                .filter(c -> c.period() == period && c.gcfType().equals(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " correction for SP" + period));
    }

    /** The data-quality count of a measure in a period (0 = day total), if any. */
    static Optional<DataQualityCount> dq(RunResult r, int period, DataQualityMeasure measure) {
        return r.dataQuality().stream()
                .filter(d -> d.period() == period && d.measure() == measure)
                .findFirst();
    }

    /** The count of a measure in a period (0 = day total), 0 if absent. */
    static long dqCount(RunResult r, int period, DataQualityMeasure measure) {
        return dq(r, period, measure).map(DataQualityCount::count).orElse(0L);
    }

    /** The MWh of a measure in a period (0 = day total), trailing zeros stripped, "0" if absent. */
    static String dqMwh(RunResult r, int period, DataQualityMeasure measure) {
        return dq(r, period, measure).map(d -> plain(d.mwh())).orElse("0");
    }

    /** The defaults with another minimum sample for computed load shapes. */
    static CalculationConfig withMinSample(CalculationConfig c, int minSample) {
        return c.withLoadShapeMinSample(minSample);
    }

    static String plain(BigDecimal v) {
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }
}
