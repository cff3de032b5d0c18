package org.gbsettle.engine.testing;

import java.math.BigDecimal;
import java.util.Objects;
import org.gbsettle.engine.input.GspGroupTake;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.run.RunInputs;

/**
 * A generated calculation case: the run inputs and reference data of one GSP group and settlement date, the seed that
 * made it and a one-line description of its shape (for failure messages).
 *
 * @param seed the generator seed; the same seed gives the same scenario
 * @param description what the scenario contains (sizes, variants), for failure messages
 * @param inputs the run inputs
 * @param reference the reference data
 * @param meteredTotalMwh per period (index {@code period - 1}), the sum of the values the generator meant to be chosen
 *     times their LLF, MWh: an estimate of the uncorrected total that ignores defaults and NHH volumes
 */
public record Scenario(
        long seed, String description, RunInputs inputs, ReferenceData reference, BigDecimal[] meteredTotalMwh) {

    public Scenario {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(reference, "reference");
        meteredTotalMwh = meteredTotalMwh.clone();
    }

    /** The same scenario with another GSP group take. */
    public Scenario withTake(GspGroupTake take) {
        RunInputs in = new RunInputs(
                inputs.context(),
                inputs.config(),
                inputs.meteringSystems(),
                inputs.reads(),
                take,
                inputs.publishedLoadShapes(),
                inputs.recentConsumption());
        return new Scenario(seed, description, in, reference, meteredTotalMwh);
    }

    /** The same scenario with other inputs. */
    public Scenario withInputs(RunInputs in) {
        return new Scenario(seed, description, in, reference, meteredTotalMwh);
    }

    /** Number of settlement periods of the scenario's date. */
    public int periods() {
        return inputs.context().settlementDate().periodCount();
    }

    @Override
    public String toString() {
        return "Scenario[seed " + seed + ": " + description + "]";
    }
}
