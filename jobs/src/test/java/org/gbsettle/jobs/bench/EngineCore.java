package org.gbsettle.jobs.bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.gbsettle.engine.SettlementCalculator;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.reference.Basis;
import org.gbsettle.engine.reference.ConsumptionComponentClass;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.run.SupplierVolume;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.io.parquet.MeterDataParquetReader;
import org.gbsettle.jobs.io.parquet.MeterDataParquetReader.RowGroup;
import org.gbsettle.jobs.io.parquet.MeterReadColumns;

/**
 * Approach (b) of the benchmark: the engine's core on a day folder without a database. The meter-data files are read
 * by the application's Parquet reader ({@link MeterDataParquetReader}, files read in parallel on the given threads)
 * into the engine's {@link MeterReads} group by group, as the run's partitions read them (the row groups that may
 * hold the group's MPANs), and each GSP group of the run is calculated by {@link SettlementCalculator#calculate(RunInputs,
 * org.gbsettle.engine.reference.ReferenceData, int)} on the given threads, the groups one after another. The whole
 * calculation runs (selection, estimation, NHH shaping, CCCs, correction), not only the aggregation.
 */
public final class EngineCore {

    /** Row ids of file i (0-based) are {@code (i + 1) << FILE_SHIFT} + row number, as the application's run does. */
    private static final int FILE_SHIFT = 40;

    private final BenchDay day;
    private final List<Path> files;
    private final List<GspGroup> groups;
    /** The distinct MPANs of each group registered on the date, ascending. */
    private final long[][] mpansOf;

    private EngineCore(BenchDay day, List<Path> files, List<GspGroup> groups, long[][] mpansOf) {
        this.day = day;
        this.files = files;
        this.groups = groups;
        this.mpansOf = mpansOf;
    }

    /** The result of one calculation of every group: the groups' results and the meter rows read. */
    public record Outcome(Map<GspGroup, RunResult> results, long rowsRead) {}

    /** Prepares a day: the MPANs registered on the date in each GSP group of the run, sorted. */
    public static EngineCore prepare(BenchDay day) {
        List<GspGroup> groups = new ArrayList<>(day.groups().keySet());
        long[][] mpans = new long[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            mpans[g] = day.groups().get(groups.get(g)).systems().effectiveOn(day.date()).stream()
                    .mapToLong(Registration::mpan)
                    .sorted()
                    .distinct()
                    .toArray();
        }
        return new EngineCore(day, day.day().meterDataFiles(), groups, mpans);
    }

    /**
     * Reads the meter data and calculates every GSP group of the run as the run's partitions do, {@code threads}
     * groups at a time: a group's rows are decoded from the row groups whose MPAN statistics may hold one of its
     * MPANs, file after file, into one set of columns, then calculated (the engine on one thread per group, the run's
     * default) while the largest groups fit in the heap, else fewer groups at a time and the engine on threads / G
     * ({@link #groupsAtOnce}). The rows read are the rows of the files, each counted once.
     */
    public Outcome run(int threads) {
        SettlementDate date = SettlementDate.of(day.date());
        List<List<RowGroup>> rowGroups =
                inParallel(threads, files.size(), i -> MeterDataParquetReader.rowGroups(files.get(i)));
        long rows = 0;
        for (List<RowGroup> file : rowGroups) {
            for (RowGroup rg : file) {
                rows += rg.rows();
            }
        }
        // per group, file and row group: may the row group hold one of the group's MPANs (from the footers, once)
        boolean[][][] chosen = new boolean[groups.size()][files.size()][];
        long[] selected = new long[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            for (int i = 0; i < files.size(); i++) {
                List<RowGroup> file = rowGroups.get(i);
                chosen[g][i] = new boolean[file.size()];
                for (RowGroup rg : file) {
                    chosen[g][i][rg.index()] = rg.mayHoldOneOf(mpansOf[g]);
                    selected[g] += chosen[g][i][rg.index()] ? rg.rows() : 0;
                }
            }
        }
        int atOnce = groupsAtOnce(threads, selected);
        int engineThreads = Math.max(1, threads / atOnce);
        List<RunResult> results =
                inParallel(atOnce, groups.size(), g -> calculate(g, date, chosen[g], selected[g], engineThreads));
        Map<GspGroup, RunResult> byGroup = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            byGroup.put(groups.get(g), results.get(g));
        }
        return new Outcome(byGroup, rows);
    }

    /** The bytes of heap one meter row takes while its group is read and calculated (columns and engine arrays). */
    private static final long BYTES_PER_ROW = 64;

    /**
     * How many groups are read and calculated at once: {@code -Dbench.engine.groups-at-once=G} if given, else as many
     * as threads while the largest groups' rows fit in the free heap (at GB scale one group at a time, the engine then
     * on all threads).
     */
    private int groupsAtOnce(int threads, long[] selectedRows) {
        Integer given = Integer.getInteger("bench.engine.groups-at-once");
        if (given != null) {
            return Math.max(1, Math.min(threads, given));
        }
        long[] rows = selectedRows.clone();
        java.util.Arrays.sort(rows);
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        int atOnce = Math.min(threads, groups.size());
        while (atOnce > 1) {
            long need = 0;
            for (int k = 0; k < atOnce; k++) {
                need += rows[rows.length - 1 - k] * BYTES_PER_ROW;
            }
            if (need <= free) {
                break;
            }
            atOnce--;
        }
        return Math.max(1, atOnce);
    }

    private RunResult calculate(int g, SettlementDate date, boolean[][] read, long selected, int engineThreads) {
        GspGroup group = groups.get(g);
        BenchDay.Group data = day.groups().get(group);
        long[] mpans = mpansOf[g];
        // the files' row groups that may hold the group's MPANs, decoded straight into the group's columns, one file
        // after another; the rows of other groups' MPANs taken out
        MeterReadColumns columns = new MeterReadColumns((int) Math.min(selected, Integer.MAX_VALUE - 16));
        for (int i = 0; i < files.size(); i++) {
            boolean[] chosen = read[i];
            boolean any = false;
            for (boolean c : chosen) {
                any |= c;
            }
            if (!any) {
                continue;
            }
            int from = columns.size();
            long base = (long) (i + 1) << FILE_SHIFT;
            MeterDataParquetReader.read(
                    files.get(i), date, day.day().receivedAt(), base, x -> chosen[x], false, columns);
            long[] last = {Long.MIN_VALUE};
            boolean[] lastOwn = {false};
            columns.retain(from, k -> {
                long m = columns.mpan(k);
                if (m != last[0]) { // one lookup per run of one MPAN
                    last[0] = m;
                    lastOwn[0] = java.util.Arrays.binarySearch(mpans, m) >= 0;
                }
                return lastOwn[0];
            });
        }
        RunInputs inputs = RunInputs.of(day.context(group), data.systems(), columns.reads(), data.take());
        return SettlementCalculator.calculate(inputs, day.reference(), engineThreads);
    }

    /**
     * The aggregates of {@link Aggregates}: per supplier, BM unit and period, the sum of the uncorrected volumes of
     * the half-hourly CCCs of basis actual (consumption and loss components together: kWh x LLF).
     */
    public Aggregates aggregates(Outcome outcome) {
        Set<Integer> actual = day.reference().consumptionComponentClassesOn(day.date()).stream()
                .filter(c -> c.halfHourly() && c.basis() == Basis.A)
                .map(ConsumptionComponentClass::id)
                .collect(Collectors.toSet());
        Map<String, BigDecimal> sums = new HashMap<>();
        for (RunResult r : outcome.results().values()) {
            for (SupplierVolume v : r.supplierVolumes()) {
                if (actual.contains(v.cccId())) {
                    sums.merge(
                            Aggregates.key(v.supplier().toString(), v.bmUnit().toString(), v.period()),
                            v.uncorrectedMwh(),
                            BigDecimal::add);
                }
            }
        }
        return new Aggregates(sums);
    }

    /** {@code work(i)} for i in 0..n-1 on up to {@code threads} threads, results in order. */
    private static <T> List<T> inParallel(int threads, int n, java.util.function.IntFunction<T> work) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int at = i;
                futures.add(pool.submit(() -> work.apply(at)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the meter data failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
