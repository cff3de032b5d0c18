package org.gbsettle.engine.run;

import java.util.List;
import java.util.Objects;
import org.gbsettle.engine.input.GspGroupTake;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.input.PublishedLoadShapes;
import org.gbsettle.engine.input.RecentConsumption;

/**
 * Everything one calculation reads besides reference data, for one settlement date, run and GSP group: registrations,
 * submitted half-hourly values, the GSP group take, and optional published load shapes and recent history.
 */
public record RunInputs(
        RunContext context,
        CalculationConfig config,
        MeteringSystems meteringSystems,
        MeterReads reads,
        GspGroupTake take,
        PublishedLoadShapes publishedLoadShapes,
        List<RecentConsumption> recentConsumption) {

    public RunInputs {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(meteringSystems, "meteringSystems");
        Objects.requireNonNull(reads, "reads");
        Objects.requireNonNull(take, "take");
        Objects.requireNonNull(publishedLoadShapes, "publishedLoadShapes");
        recentConsumption = List.copyOf(recentConsumption);
        if (!take.group().equals(context.gspGroup()) || !take.date().equals(context.settlementDate())) {
            throw new IllegalArgumentException("GSP group take is for " + take.group() + " " + take.date()
                    + ", the run for " + context.gspGroup() + " " + context.settlementDate());
        }
    }

    /** Inputs with the default configuration and no published shapes or history. */
    public static RunInputs of(RunContext context, MeteringSystems systems, MeterReads reads, GspGroupTake take) {
        return new RunInputs(
                context, CalculationConfig.defaults(), systems, reads, take, PublishedLoadShapes.none(), List.of());
    }

    public RunInputs withConfig(CalculationConfig newConfig) {
        return new RunInputs(context, newConfig, meteringSystems, reads, take, publishedLoadShapes, recentConsumption);
    }

    public RunInputs withReads(MeterReads newReads) {
        return new RunInputs(context, config, meteringSystems, newReads, take, publishedLoadShapes, recentConsumption);
    }

    public RunInputs withMeteringSystems(MeteringSystems systems) {
        return new RunInputs(context, config, systems, reads, take, publishedLoadShapes, recentConsumption);
    }

    public RunInputs withPublishedLoadShapes(PublishedLoadShapes shapes) {
        return new RunInputs(context, config, meteringSystems, reads, take, shapes, recentConsumption);
    }

    public RunInputs withRecentConsumption(List<RecentConsumption> history) {
        return new RunInputs(context, config, meteringSystems, reads, take, publishedLoadShapes, history);
    }
}
