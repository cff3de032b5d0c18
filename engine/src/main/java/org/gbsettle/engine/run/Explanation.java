package org.gbsettle.engine.run;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.gbsettle.engine.metering.Mpan;
import org.jspecify.annotations.Nullable;

/**
 * How one metering system's value in one period became part of a run's volumes: read (every submission and what
 * happened to it) -> estimate -> line loss -> CCC -> aggregate -> correction. For analysts and disputes; the numbers
 * are the engine's own, exact.
 *
 * @param valueKwh the value used, kWh at the meter (magnitude), or null if none (not registered in the group)
 * @param quality {@code A}, {@code E} (submitted or defaulted), or empty if none
 * @param method how the value came about: {@code ACTUAL}, {@code SUBMITTED_ESTIMATE}, {@code DEFAULTED_*},
 *     {@code NHH_PROFILED}, {@code DEENERGISED_ZERO}, {@code NO_ESTIMATE}, or {@code NOT_SETTLED}
 * @param llf the line loss factor applied
 * @param consumptionKwh signed consumption component, kWh
 * @param lossKwh signed loss component, kWh
 * @param factors the correction factors {@code 1 + lambda x W} applied to the consumption and loss CCCs
 * @param correctedMwh this value's corrected contribution (consumption + loss), MWh exact
 */
public record Explanation(
        long mpan,
        int period,
        @Nullable BigDecimal valueKwh,
        String quality,
        String method,
        @Nullable BigDecimal llf,
        @Nullable BigDecimal consumptionKwh,
        @Nullable BigDecimal lossKwh,
        @Nullable Integer consumptionCcc,
        @Nullable Integer lossCcc,
        @Nullable String supplier,
        @Nullable String bmUnit,
        @Nullable BigDecimal lambda,
        List<BigDecimal> factors,
        @Nullable BigDecimal correctedMwh,
        List<Step> steps) {

    /** One step of the chain, in words with its numbers. */
    public record Step(String name, String detail) {
        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public Explanation {
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(method, "method");
        factors = List.copyOf(factors);
        steps = List.copyOf(steps);
    }

    /** The chain as text, one step a line. */
    public String text() {
        return "MPAN " + Mpan.format(mpan) + " SP" + period + "\n"
                + steps.stream().map(s -> "  " + s.name() + ": " + s.detail()).collect(Collectors.joining("\n"));
    }
}
