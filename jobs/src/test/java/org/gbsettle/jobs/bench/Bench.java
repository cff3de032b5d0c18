package org.gbsettle.jobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.gbsettle.jobs.sample.SampleDay;

/**
 * The benchmark of {@code scripts/bench} (issue 4, item 2): on one settlement-day folder and one machine, times (a)
 * the core aggregation in DuckDB ({@link DuckDbAggregation}), (b) the engine's core without a database ({@link
 * EngineCore}) and (c) the full settlement run through the executable jar ({@code load-reference}, {@code ingest},
 * {@code run} on an embedded PostgreSQL in a temporary data directory, then {@code status}: the same process start
 * without work), each in its own process so that the peak
 * resident set size (VmHWM, {@link ChildProcess}) is that approach's alone. (a) and (b) run one warm-up and R timed
 * runs in their JVM and report the median; before any speed is printed their {@link Aggregates} are compared to the
 * published rounding (0.0001 MWh): a difference exits 1. The report is printed and appended as a Markdown table row
 * to the results file with the machine (cores, RAM, CPU, JVM).
 *
 * <p>Main arguments: {@code --day DIR --classpath CP --jar JAR --results FILE [--threads T] [--runs R] [--warmup W]
 * [--skip-run] [--label TEXT]}; child JVMs get {@code BENCH_JAVA_OPTS}. Worker arguments (one approach, in the child
 * JVM): {@code worker duckdb|engine --day DIR --threads T --runs R --warmup W --out PREFIX}, writing {@code
 * PREFIX.csv} (the aggregates) and {@code PREFIX.properties} (timings, ms).
 *
 * <p>Exit codes: 0 done, 1 (a) and (b) disagree or a step failed, 2 bad arguments.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        try {
            System.exit(
                    args.length > 0 && args[0].equals("worker")
                            ? worker(Arrays.copyOfRange(args, 1, args.length))
                            : bench(args, out));
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
        }
    }

    /** The options of a command line: {@code --name value} pairs and {@code --flag}s. */
    private static Properties options(String[] args, List<String> flags) {
        Properties p = new Properties();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            if (flags.contains(a)) {
                p.setProperty(a.substring(2), "true");
            } else if (i + 1 < args.length) {
                p.setProperty(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException(a + " needs a value");
            }
        }
        return p;
    }

    private static String required(Properties p, String name) {
        String v = p.getProperty(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    private static int positive(Properties p, String name, int fallback) {
        int n = Integer.parseInt(p.getProperty(name, Integer.toString(fallback)));
        if (n < (name.equals("warmup") ? 0 : 1)) {
            throw new IllegalArgumentException("--" + name + " must be positive, not " + n);
        }
        return n;
    }

    // ---------------------------------------------------------------- worker: one approach in this JVM

    private static int worker(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("worker needs duckdb or engine");
        }
        String approach = args[0];
        Properties o = options(Arrays.copyOfRange(args, 1, args.length), List.of());
        Path folder = Path.of(required(o, "day"));
        int threads = positive(o, "threads", Runtime.getRuntime().availableProcessors());
        int runs = positive(o, "runs", 3);
        int warmup = positive(o, "warmup", 1);
        Path prefix = Path.of(required(o, "out"));
        boolean byGroup = Boolean.getBoolean("bench.duckdb.by-group");
        Properties result = new Properties();
        double[] times = new double[runs];
        Aggregates aggregates;
        long t0 = System.nanoTime();
        if (approach.equals("duckdb")) {
            try (DuckDbAggregation a = DuckDbAggregation.load(BenchDay.load(folder), threads)) {
                result.setProperty("reference_ms", fmt(ms(t0)));
                result.setProperty("by_group", Boolean.toString(byGroup));
                // the registrations are in DuckDB now: give their heap back before DuckDB needs the memory
                System.gc();
                result.setProperty("values", Long.toString(a.rowsInFiles()));
                List<DuckDbAggregation.Row> rows = List.of();
                for (int i = -warmup; i < runs; i++) {
                    long s = System.nanoTime();
                    rows = a.aggregate(byGroup);
                    if (i >= 0) {
                        times[i] = ms(s);
                    }
                }
                aggregates = a.aggregates(rows);
            }
        } else if (approach.equals("engine")) {
            EngineCore b = EngineCore.prepare(BenchDay.load(folder));
            System.gc(); // the garbage of loading gone, so that the free heap decides how many groups run at once
            result.setProperty("reference_ms", fmt(ms(t0)));
            EngineCore.Outcome outcome = null;
            for (int i = -warmup; i < runs; i++) {
                long s = System.nanoTime();
                outcome = b.run(threads);
                if (i >= 0) {
                    times[i] = ms(s);
                }
            }
            result.setProperty("values", Long.toString(outcome == null ? 0 : outcome.rowsRead()));
            aggregates = outcome == null ? new Aggregates(Map.of()) : b.aggregates(outcome);
        } else {
            throw new IllegalArgumentException("unknown approach " + approach);
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        result.setProperty("median_ms", fmt(sorted[runs / 2]));
        result.setProperty(
                "runs_ms",
                String.join(" ", Arrays.stream(times).mapToObj(Bench::fmt).toList()));
        aggregates.write(Path.of(prefix + ".csv"));
        try (Writer w = Files.newBufferedWriter(Path.of(prefix + ".properties"), StandardCharsets.UTF_8)) {
            result.store(w, approach);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    // ---------------------------------------------------------------- the benchmark: children, check, report

    /** A timed child: its process and, for (a) and (b), what the worker wrote. */
    private record Timed(ChildProcess process, Properties result) {
        double median() {
            return Double.parseDouble(result.getProperty("median_ms"));
        }

        double reference() {
            return Double.parseDouble(result.getProperty("reference_ms"));
        }
    }

    private static int bench(String[] args, PrintStream out) {
        Properties o = options(args, List.of("--skip-run"));
        Path folder = Path.of(required(o, "day")).toAbsolutePath().normalize();
        String classpath = required(o, "classpath");
        Path jar = Path.of(required(o, "jar"));
        Path results = Path.of(required(o, "results"));
        int threads = positive(o, "threads", Runtime.getRuntime().availableProcessors());
        int runs = positive(o, "runs", 3);
        int warmup = positive(o, "warmup", 1);
        boolean skipRun = o.containsKey("skip-run");
        String label = o.getProperty("label", String.valueOf(folder.getFileName()));
        SampleDay day = SampleDay.read(folder);
        Path work = temp("gbsettle-bench-");
        try {
            out.printf(
                    Locale.ROOT,
                    "bench: %s (%s %s), threads %d, %d warm-up + %d timed runs%n",
                    folder,
                    day.settlementDate(),
                    day.runType(),
                    threads,
                    warmup,
                    runs);
            Timed a = worker("duckdb", folder, classpath, threads, runs, warmup, work);
            if (a == null) {
                return 1;
            }
            Timed b = worker("engine", folder, classpath, threads, runs, warmup, work);
            if (b == null) {
                return 1;
            }
            if (Boolean.parseBoolean(a.result().getProperty("by_group"))) {
                label += ", (a) one query per GSP group";
            }
            Aggregates aa = Aggregates.read(work.resolve("duckdb.csv"));
            Aggregates ba = Aggregates.read(work.resolve("engine.csv"));
            List<String> diff = aa.differences(ba);
            if (!diff.isEmpty() || aa.mwh().isEmpty()) {
                out.printf(
                        Locale.ROOT,
                        "FAILED: (a) DuckDB and (b) the engine disagree on %d of %d aggregates (supplier, BM unit,"
                                + " period; 0.0001 MWh), e.g.:%n",
                        diff.size(),
                        aa.mwh().size());
                diff.stream().limit(20).forEach(d -> out.println("  " + d));
                return 1;
            }
            out.printf(
                    Locale.ROOT,
                    "check: (a) and (b) agree on %,d aggregates (sum of kWh x LLF of actual HH values per supplier,"
                            + " BM unit, period; total %s MWh; %s)%n",
                    aa.mwh().size(),
                    aa.total().setScale(4, java.math.RoundingMode.HALF_UP).toPlainString(),
                    aa.exactlyEqual(ba) ? "exactly equal" : "equal to 0.0001 MWh");

            long values = Long.parseLong(b.result().getProperty("values"));
            List<Step> steps = new ArrayList<>();
            if (!skipRun) {
                steps = fullRun(day, jar, threads, work, out);
                if (steps == null) {
                    return 1;
                }
            }
            report(out, results, label, values, threads, runs, a, b, steps);
            return 0;
        } finally {
            deleteTree(work);
        }
    }

    private static @org.jspecify.annotations.Nullable Timed worker(
            String approach, Path folder, String classpath, int threads, int runs, int warmup, Path work) {
        List<String> cmd = new ArrayList<>(javaCommand());
        cmd.addAll(List.of(
                "-cp",
                classpath,
                Bench.class.getName(),
                "worker",
                approach,
                "--day",
                folder.toString(),
                "--threads",
                Integer.toString(threads),
                "--runs",
                Integer.toString(runs),
                "--warmup",
                Integer.toString(warmup),
                "--out",
                work.resolve(approach).toString()));
        Path log = work.resolve(approach + ".log");
        ChildProcess p = ChildProcess.run(cmd, Map.of(), log);
        if (p.exitCode() != 0) {
            System.out.println("FAILED: the " + approach + " worker exited with " + p.exitCode() + ":");
            System.out.println(read(log));
            return null;
        }
        Properties r = new Properties();
        try (Reader in = Files.newBufferedReader(work.resolve(approach + ".properties"))) {
            r.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Timed(p, r);
    }

    /**
     * One command of the full run, with the settlement run job's own time from the {@code Time job ...} line the
     * {@code run} command prints (ms; NaN for other commands).
     */
    private record Step(String name, ChildProcess process, double jobMs) {}

    private static final java.util.regex.Pattern JOB_TIME =
            java.util.regex.Pattern.compile("(?m)^Time job ([0-9.]+) s");

    /** The job time a run's output reports, ms, or NaN. */
    static double jobMillis(String output) {
        java.util.regex.Matcher m = JOB_TIME.matcher(output);
        return m.find() ? Double.parseDouble(m.group(1)) * 1e3 : Double.NaN;
    }

    private static @org.jspecify.annotations.Nullable List<Step> fullRun(
            SampleDay day, Path jar, int threads, Path work, PrintStream out) {
        Map<String, String> env = Map.of(
                "GBSETTLE_DATABASE_DATA_DIR", work.resolve("pgdata").toString(),
                "GBSETTLE_SAMPLES_DIR", work.resolve("samples").toString());
        Instant received = day.dataCutoff().minus(1, ChronoUnit.DAYS);
        List<String> ingest = new ArrayList<>(List.of("ingest"));
        day.meterDataFiles().forEach(f -> ingest.add(f.toAbsolutePath().toString()));
        ingest.addAll(List.of("--received-at", received.toString()));
        List<List<String>> commands = List.of(
                List.of("load-reference", day.referenceFolder().toAbsolutePath().toString()),
                ingest,
                List.of(
                        "run",
                        "--date",
                        day.settlementDate().toString(),
                        "--type",
                        day.runType().name(),
                        "--cutoff",
                        day.dataCutoff().toString(),
                        "--by",
                        "bench"),
                List.of("status"));
        List<Step> steps = new ArrayList<>();
        for (List<String> c : commands) {
            List<String> cmd = new ArrayList<>(javaCommand());
            // before BENCH_JAVA_OPTS, which may override them (e.g. one partition at a time at GB scale)
            cmd.addAll(1, List.of("-Dgbsettle.run.engine-threads=" + threads, "-Dgbsettle.run.pool-size=" + threads));
            cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
            cmd.addAll(c);
            Path log = work.resolve(c.get(0) + ".log");
            ChildProcess p = ChildProcess.run(cmd, env, log);
            if (p.exitCode() != 0) {
                out.println("FAILED: gbsettle " + c.get(0) + " exited with " + p.exitCode() + ":");
                out.println(read(log));
                return null;
            }
            steps.add(new Step(c.get(0), p, c.get(0).equals("run") ? jobMillis(read(log)) : Double.NaN));
        }
        return steps;
    }

    private static List<String> javaCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String opts = System.getenv("BENCH_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            cmd.addAll(Arrays.asList(opts.strip().split("\\s+")));
        }
        return cmd;
    }

    private static void report(
            PrintStream out,
            Path results,
            String label,
            long values,
            int threads,
            int runs,
            Timed a,
            Timed b,
            List<Step> steps) {
        double am = a.median();
        double bm = b.median();
        out.printf(Locale.ROOT, "values: %,d meter rows in the day's files%n", values);
        out.printf(
                Locale.ROOT,
                "(a) DuckDB aggregation query: %9.1f ms median  %,14.0f values/s  peak RSS %,7d MiB  (reference"
                        + " parse + tables %.1f ms)%n",
                am,
                values / (am / 1e3),
                a.process().peakRssKb() >> 10,
                a.reference());
        out.printf(
                Locale.ROOT,
                "(b) engine read + calculate:  %9.1f ms median  %,14.0f values/s  peak RSS %,7d MiB  (reference"
                        + " preparation %.1f ms)%n",
                bm,
                values / (bm / 1e3),
                b.process().peakRssKb() >> 10,
                b.reference());
        double runMs = 0;
        double jobMs = Double.NaN;
        double totalMs = 0;
        double startMs = 0;
        long runRss = 0;
        long maxRss = 0;
        for (Step s : steps) {
            out.printf(
                    Locale.ROOT,
                    "(c) gbsettle %-15s %9.1f ms (process)  peak RSS %,7d MiB%n",
                    s.name() + ":",
                    s.process().millis(),
                    s.process().peakRssKb() >> 10);
            totalMs += s.process().millis();
            maxRss = Math.max(maxRss, s.process().peakRssKb());
            if (s.name().equals("run")) {
                runMs = s.process().millis();
                jobMs = s.jobMs();
                runRss = s.process().peakRssKb();
            } else if (s.name().equals("status")) {
                startMs = s.process().millis();
                totalMs -= startMs;
            }
        }
        if (!steps.isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "(c) full run: run alone %.1f ms = %,.0f values/s (JVM and embedded PostgreSQL start"
                            + " included; a status command, the same start without work, takes %.1f ms: the run's own"
                            + " work is about %.1f ms); load-reference + ingest + run %.1f ms%n",
                    runMs,
                    values / (runMs / 1e3),
                    startMs,
                    runMs - startMs,
                    totalMs);
        }
        if (!Double.isNaN(jobMs)) {
            out.printf(
                    Locale.ROOT,
                    "(c) settlement run job (its own Time line: prepare, calculate, publish): %.1f ms = %,.0f"
                            + " values/s%n",
                    jobMs,
                    values / (jobMs / 1e3));
        }
        double c = Double.isNaN(jobMs) ? runMs : jobMs;
        String ca = steps.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f", c / am);
        out.printf(
                Locale.ROOT,
                "ratios: b/a = %.2f   c/a = %s (c = %s)%n",
                bm / am,
                ca,
                Double.isNaN(jobMs) ? "the run command's process" : "the settlement run job, database included");
        String machine = machine();
        out.println("machine: " + machine);

        String header = "| when | data | values | threads | runs | a: DuckDB query ms | a: values/s | a: RSS MiB"
                + " | b: engine ms | b: values/s | b: RSS MiB | b: reference ms | c: load-reference ms | c: ingest ms"
                + " | c: run ms | c: status ms | c: run RSS MiB | c: max RSS MiB | b/a | c/a | machine |";
        String row = String.format(
                Locale.ROOT,
                "| %s | %s | %d | %d | %d | %.0f | %.0f | %d | %.0f | %.0f | %d | %.0f | %s | %s | %s | %s | %s | %s | %.2f"
                        + " | %s | %s |",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                label,
                values,
                threads,
                runs,
                am,
                values / (am / 1e3),
                a.process().peakRssKb() >> 10,
                bm,
                values / (bm / 1e3),
                b.process().peakRssKb() >> 10,
                b.reference(),
                stepMs(steps, "load-reference"),
                stepMs(steps, "ingest"),
                stepMs(steps, "run"),
                stepMs(steps, "status"),
                steps.isEmpty() ? "-" : Long.toString(runRss >> 10),
                steps.isEmpty() ? "-" : Long.toString(maxRss >> 10),
                bm / am,
                ca,
                machine);
        try {
            Path parent = results.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!Files.exists(results)) {
                Files.writeString(
                        results,
                        "# scripts/bench results\n\n" + header + "\n" + "|---".repeat(21) + "|\n",
                        StandardCharsets.UTF_8);
            }
            Files.writeString(results, row + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("appended to " + results);
    }

    private static String stepMs(List<Step> steps, String name) {
        return steps.stream()
                .filter(s -> s.name().equals(name))
                .map(s -> String.format(Locale.ROOT, "%.0f", s.process().millis()))
                .findFirst()
                .orElse("-");
    }

    /** Cores, RAM, CPU model and JVM. */
    static String machine() {
        String cpu = "";
        long ramKb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).strip();
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    ramKb = Long.parseLong(line.substring(9).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: cores and JVM only
        }
        return String.format(
                Locale.ROOT,
                "%d cores, %.1f GiB RAM, %s, Java %s (%s)",
                Runtime.getRuntime().availableProcessors(),
                ramKb / 1048576.0,
                cpu.isEmpty() ? "unknown CPU" : cpu,
                System.getProperty("java.vm.version"),
                System.getProperty("java.vm.vendor"));
    }

    private static Path temp(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
