package org.gbsettle.engine.run;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The GSP group correction of one period: the factor (9 dp) of one type ({@code legacy_gcf}, {@code mhhs_import_gcf}
 * or {@code mhhs_export_gcf}), the take, the totals it came from and any flags ({@code CF_UNDEFINED},
 * {@code CF_OUT_OF_RANGE}, {@code TAKE_ESTIMATED}). MWh, exact.
 *
 * @param unallocatedMwh the take less the exact corrected total: the residual of rounding lambda (step R2), or the
 *     whole unallocated volume when the correctable volume is zero
 * @param publishedResidualMwh the take less the sum of published corrected volumes after R3 and R4
 */
public record GspGroupCorrection(
        int period,
        String gcfType,
        BigDecimal gcf,
        BigDecimal takeMwh,
        boolean takeEstimated,
        BigDecimal uncorrectedTotalMwh,
        BigDecimal correctableMwh,
        BigDecimal unallocatedMwh,
        BigDecimal publishedResidualMwh,
        List<String> flags) {

    public GspGroupCorrection {
        Objects.requireNonNull(gcfType, "gcfType");
        Objects.requireNonNull(gcf, "gcf");
        Objects.requireNonNull(takeMwh, "takeMwh");
        Objects.requireNonNull(uncorrectedTotalMwh, "uncorrectedTotalMwh");
        Objects.requireNonNull(correctableMwh, "correctableMwh");
        Objects.requireNonNull(unallocatedMwh, "unallocatedMwh");
        Objects.requireNonNull(publishedResidualMwh, "publishedResidualMwh");
        flags = List.copyOf(flags);
    }
}
