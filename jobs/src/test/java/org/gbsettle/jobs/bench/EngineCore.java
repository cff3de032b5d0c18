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
import org.gbsettle.engine.calc.LongIntMap;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.reference.Basis;
import org.gbsettle.engine.reference.ConsumptionComponentClass;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.run.SupplierVolume;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.io.parquet.MeterDataFile;
import org.gbsettle.jobs.io.parquet.MeterDataParquetReader;
import org.gbsettle.jobs.run.GroupSplit;

/**
 * Approach (b) of the benchmark: the engine's core on a day folder without a database. The meter-data files are read
 * by the application's Parquet reader ({@link MeterDataParquetReader}, files read in parallel on the given threads)
 * into the engine's {@link MeterReads}, split by the GSP group each MPAN is registered in on the date, and each GSP
 * group of the run is calculated by {@link SettlementCalculator#calculate(RunInputs,
 * org.gbsettle.engine.reference.ReferenceData, int)} on the given threads, the groups one after another. The whole
 * calculation runs (selection, estimation, NHH shaping, CCCs, correction), not only the aggregation.
 */
public final class EngineCore {

    /** Row ids of file i (0-based) are {@code (i + 1) << FILE_SHIFT} + row number, as the application's run does. */
    private static final int FILE_SHIFT = 40;

    private final BenchDay day;
    private final List<Path> files;
    private final List<GspGroup> groups;
    private final LongIntMap groupOfMpan;

    private EngineCore(BenchDay day, List<Path> files, List<GspGroup> groups, LongIntMap groupOfMpan) {
        this.day = day;
        this.files = files;
        this.groups = groups;
        this.groupOfMpan = groupOfMpan;
    }

    /** The result of one calculation of every group: the groups' results and the meter rows read. */
    public record Outcome(Map<GspGroup, RunResult> results, long rowsRead) {}

    /** Prepares a day: the index of every MPAN registered on the date to its GSP group (the groups of the run). */
    public static EngineCore prepare(BenchDay day) {
        List<GspGroup> groups = new ArrayList<>(day.groups().keySet());
        Map<GspGroup, Integer> index = new HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            index.put(groups.get(i), i);
        }
        List<Registration> on = day.systems().effectiveOn(day.date());
        LongIntMap map = new LongIntMap(Math.max(16, on.size()));
        for (Registration r : on) {
            Integer g = index.get(r.gspGroup());
            if (g != null && map.get(r.mpan()) < 0) {
                map.put(r.mpan(), g);
            }
        }
        return new EngineCore(day, day.day().meterDataFiles(), groups, map);
    }

    /** Reads the meter data and calculates every GSP group of the run. */
    public Outcome run(int threads) {
        SettlementDate date = SettlementDate.of(day.date());
        List<MeterDataFile> read = readAll(date, threads);
        long rows = 0;
        for (MeterDataFile f : read) {
            rows += f.stats().rowsRead();
        }
        // the run's own split (jobs/.../run/GroupSplit): one pass to find the groups, one to copy
        MeterReads[] byGroup = GroupSplit.split(
                read.stream().map(MeterDataFile::reads).toList(), groupOfMpan, groups.size(), (file, row) -> {});
        Map<GspGroup, RunResult> results = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            MeterReads reads = byGroup[g];
            GspGroup group = groups.get(g);
            BenchDay.Group data = day.groups().get(group);
            RunInputs inputs = RunInputs.of(day.context(group), data.systems(), reads, data.take());
            results.put(group, SettlementCalculator.calculate(inputs, day.reference(), threads));
        }
        return new Outcome(results, rows);
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

    private List<MeterDataFile> readAll(SettlementDate date, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, files.size())));
        try {
            List<Future<MeterDataFile>> futures = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                long base = (long) (i + 1) << FILE_SHIFT;
                futures.add(pool.submit(
                        () -> MeterDataParquetReader.read(f, date, day.day().receivedAt(), base)));
            }
            List<MeterDataFile> out = new ArrayList<>();
            for (Future<MeterDataFile> f : futures) {
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
