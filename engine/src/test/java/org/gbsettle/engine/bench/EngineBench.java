package org.gbsettle.engine.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import org.gbsettle.engine.calc.GroupCalculation;
import org.gbsettle.engine.reference.ReferenceData;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.testing.Scenario;
import org.gbsettle.engine.testing.ScenarioGenerator;

/**
 * A plain benchmark of {@link SettlementCalculator#calculate} (the quick alternative to {@link AggregationBenchmark}
 * on a small machine): generates one GSP group of N HH metering systems x 48 periods in memory ({@link
 * ScenarioGenerator#large(long, int)}), runs the calculation a few times to warm up, then times N runs and prints per
 * run the wall time, the throughput in values (metering-system periods) per second and the bytes allocated by the
 * calling thread ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}), then the median and best.
 *
 * <p>Arguments: {@code --metering-systems N} (default 1,000,000), {@code --threads T} (default 1; with more, the
 * group is split into 4T chunks by MPAN hash and the allocation counts the calling thread only), {@code --warmup W}
 * (default 3), {@code --runs R} (default 5), {@code --seed S} (default 42), {@code --missing-percent P} (default 1:
 * periods without a value, defaulted) and {@code --estimated-percent P} (default 2.5: submitted estimates).
 */
public final class EngineBench {

    private EngineBench() {}

    public static void main(String[] args) {
        int systems = 1_000_000;
        int threads = 1;
        int warmup = 3;
        int runs = 5;
        long seed = 42;
        double missing = 1.0;
        double estimated = 2.5;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                System.out.println("EngineBench [--metering-systems N] [--threads T] [--warmup W] [--runs R] [--seed S]"
                        + " [--missing-percent P] [--estimated-percent P]");
                return;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + a + " needs a value");
            }
            String v = args[++i].replace(",", "").replace("_", "");
            switch (a) {
                case "--metering-systems" -> systems = positive(a, v);
                case "--threads" -> threads = positive(a, v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--runs" -> runs = positive(a, v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--missing-percent" -> missing = Double.parseDouble(v);
                case "--estimated-percent" -> estimated = Double.parseDouble(v);
                default -> throw new IllegalArgumentException("Unknown option " + a + " (try --help)");
            }
        }

        long t0 = System.nanoTime();
        Scenario s = ScenarioGenerator.large(seed, systems, missing, estimated);
        RunInputs inputs = s.inputs();
        ReferenceData reference = s.reference();
        long values = (long) systems * s.periods();
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                Locale.ROOT,
                "data: %s; %,d values; generated in %.1f s; heap used %,d MB of max %,d MB%n",
                s.description(),
                values,
                (System.nanoTime() - t0) / 1e9,
                (rt.totalMemory() - rt.freeMemory()) >> 20,
                rt.maxMemory() >> 20);
        System.out.printf(
                Locale.ROOT,
                "JVM %s, %d processors, threads %d, warm-up %d, runs %d%n",
                System.getProperty("java.vm.version"),
                rt.availableProcessors(),
                threads,
                warmup,
                runs);

        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        String fingerprint = null;
        java.util.Map<String, Double> phases = java.util.Map.of();
        double[] ms = new double[runs];
        long[] allocated = new long[runs];
        for (int i = -warmup; i < runs; i++) {
            long a0 = mx.getThreadAllocatedBytes(self);
            long n0 = System.nanoTime();
            GroupCalculation calculation = run(inputs, reference, threads);
            RunResult r = calculation.result();
            long n1 = System.nanoTime();
            long a1 = mx.getThreadAllocatedBytes(self);
            phases = calculation.phaseMillis();
            String f = r.tables().fingerprint();
            if (fingerprint != null && !fingerprint.equals(f)) {
                throw new IllegalStateException("Run " + i + " gave another result: " + f + " vs " + fingerprint);
            }
            fingerprint = f;
            double runMs = (n1 - n0) / 1e6;
            System.out.printf(
                    Locale.ROOT,
                    "%s %2d: %9.1f ms  %,15.0f values/s  %,15d bytes allocated (%.1f per value)%n",
                    i < 0 ? "warm-up" : "run    ",
                    i < 0 ? i + warmup + 1 : i + 1,
                    runMs,
                    values / (runMs / 1e3),
                    a1 - a0,
                    (double) (a1 - a0) / values);
            if (i >= 0) {
                ms[i] = runMs;
                allocated[i] = a1 - a0;
            }
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        long[] sortedAlloc = allocated.clone();
        Arrays.sort(sortedAlloc);
        double median = sorted[runs / 2];
        System.out.printf(
                Locale.ROOT,
                "median %.1f ms/run = %,.0f values/s (best %.1f ms = %,.0f values/s); allocated %,d bytes/run"
                        + " (%.1f bytes/value)%s; result fingerprint %s%n",
                median,
                values / (median / 1e3),
                sorted[0],
                values / (sorted[0] / 1e3),
                sortedAlloc[runs / 2],
                (double) sortedAlloc[runs / 2] / values,
                threads > 1 ? " by the calling thread only" : "",
                fingerprint);
        // the per-value phases are the aggregation step proper: select (per row) and aggregate (per value)
        StringBuilder sb = new StringBuilder("phases of the last run:");
        phases.forEach((name, millis) -> sb.append(String.format(Locale.ROOT, " %s %.0f ms;", name, millis)));
        double perValue =
                phases.getOrDefault("validate and select", 0.0) + phases.getOrDefault("default and aggregate", 0.0);
        System.out.println(sb);
        System.out.printf(
                Locale.ROOT,
                "aggregation step (validate and select + default and aggregate): %.0f ms = %,.0f values/s%n",
                perValue,
                values / (perValue / 1e3));
    }

    private static GroupCalculation run(RunInputs inputs, ReferenceData reference, int threads) {
        return threads == 1
                ? GroupCalculation.run(inputs, reference, 1, null, 1)
                : GroupCalculation.run(inputs, reference, threads, null, threads);
    }

    private static int positive(String option, String value) {
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be 1 or more, not " + value);
        }
        return n;
    }
}
