package org.gbsettle.engine.bench;

import java.util.concurrent.TimeUnit;
import org.gbsettle.engine.SettlementCalculator;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.testing.Scenario;
import org.gbsettle.engine.testing.ScenarioGenerator;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of {@link SettlementCalculator#calculate} on one GSP group of {@code meteringSystems} HH metering
 * systems x 48 periods ({@link ScenarioGenerator#large(long, int)}; 48 million values at the default million): one
 * operation is one whole calculation. Besides calculations per second it reports {@code values}, the throughput in
 * metering-system periods per second ({@link AuxCounters}). Run with {@code -prof gc} for the allocation per
 * operation ({@code gc.alloc.rate.norm}); {@code scripts/bench-engine --jmh} does both.
 *
 * <p>With {@code threads > 1} the group is split into {@code threads} contiguous MPAN ranges.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 20)
@Measurement(iterations = 3, time = 20)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
@State(Scope.Benchmark)
public class AggregationBenchmark {

    /** Number of HH metering systems in the group. */
    @Param("1000000")
    public int meteringSystems;

    /** Threads of the calculation; 1 is the single-threaded path. */
    @Param("1")
    public int threads;

    private RunInputs inputs;
    private ReferenceData reference;
    private long values;

    /** Metering-system periods calculated, as an operations counter: JMH reports it per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Values {
        /** Metering-system periods calculated in this iteration. */
        public long values;

        @Setup(Level.Iteration)
        public void reset() {
            values = 0;
        }
    }

    @Setup(Level.Trial)
    public void generate() {
        Scenario s = ScenarioGenerator.large(42, meteringSystems);
        inputs = s.inputs();
        reference = s.reference();
        values = (long) meteringSystems * s.periods();
    }

    @Benchmark
    public RunResult calculate(Values counter) {
        RunResult r = threads == 1
                ? SettlementCalculator.calculate(inputs, reference)
                : SettlementCalculator.calculate(inputs, reference, threads);
        counter.values += values;
        return r;
    }
}
