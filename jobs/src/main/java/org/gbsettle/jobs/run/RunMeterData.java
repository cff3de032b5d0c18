package org.gbsettle.jobs.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.metering.Mpan;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.run.QuarantineReason;
import org.gbsettle.engine.slice.MpanRange;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.ingest.ReceivedMeterDataFile;
import org.gbsettle.jobs.io.parquet.MeterDataFile;
import org.gbsettle.jobs.io.parquet.MeterDataParquetReader;
import org.gbsettle.jobs.io.parquet.MeterDataParquetReader.RowGroup;
import org.gbsettle.jobs.io.parquet.MeterReadColumns;
import org.gbsettle.jobs.io.parquet.RejectedRow;
import org.gbsettle.jobs.io.postgres.JdbcMeterDataFileRepository;
import org.gbsettle.jobs.io.postgres.JdbcReferenceDataRepository;
import org.gbsettle.jobs.reference.ReferenceSnapshot;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The meter data of the runs in progress in this process, read per GSP group so that memory holds one group's rows
 * (and registrations) per partition at a time, not the day's.
 *
 * <p>Once per run ({@link #day}): each GSP group's reference data and registrations of the date, read group by group
 * (kept for the partitions while the registrations kept stay within {@code gbsettle.run.cached-registrations}, else
 * read again by the group's partition), the MPANs of each group, and the run's meter-data files (accepted, received by
 * its cut-off, among those it pinned) with the row groups their footers describe; each file is checked against the
 * SHA-256 recorded at ingest.
 *
 * <p>Per group ({@link RunDay#read}): from every file, only the row groups whose MPAN statistics may hold one of the
 * group's MPANs are decoded (with files sorted by MPAN, as data services deliver them, that is the group's own
 * rows and little else); the rows of the group's MPANs become its meter reads. A row registered in no group is
 * quarantined exactly once: by the first group (in GSP group order) that reads its row group, or, for a row group that
 * no group reads, by the run's preparation ({@link RunDay#unread}). A row group's statistics are checked against its
 * rows: a row found where another group's reading would not look fails the run rather than be lost.
 */
@Component
public final class RunMeterData {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunMeterData.class);

    /** Row ids of file i (0-based, in file id order) are {@code (i + 1) << FILE_SHIFT} + the 1-based row number. */
    static final int FILE_SHIFT = 40;

    static final long ROW_MASK = (1L << FILE_SHIFT) - 1;

    private final JdbcMeterDataFileRepository meterFiles;
    private final JdbcReferenceDataRepository reference;
    private final Map<Long, RunDay> runs = new HashMap<>();

    private final int readers;
    private final long cachedRegistrations;
    private final MeterDataPaths paths;
    private final SharedRunDay shared;

    /**
     * @param readers threads reading reference data and checking files ({@code gbsettle.run.pool-size})
     * @param cachedRegistrations registrations kept in memory from a run's preparation for its partitions ({@code
     *     gbsettle.run.cached-registrations}); a group beyond is read again by its partition
     * @param pathMap where this process finds the meter-data files recorded under a path prefix ({@code
     *     gbsettle.meter-data.path-map}, see {@link MeterDataPaths#parse}); empty: where ingest recorded them
     */
    public RunMeterData(
            JdbcMeterDataFileRepository meterFiles,
            JdbcReferenceDataRepository reference,
            @Value("${gbsettle.run.pool-size:2}") int readers,
            @Value("${gbsettle.run.cached-registrations:8000000}") long cachedRegistrations,
            @Value("${gbsettle.meter-data.path-map:}") String pathMap,
            SharedRunDay shared) {
        this.meterFiles = meterFiles;
        this.reference = reference;
        this.readers = Math.max(1, readers);
        this.cachedRegistrations = cachedRegistrations;
        this.paths = MeterDataPaths.parse(pathMap);
        this.shared = shared;
    }

    /** A row the reader rejected, as quarantined, with its value in Wh when it had one (else 0). */
    record Rejection(QuarantineOutput row, long wh) {}

    /**
     * A GSP group's share of a run: its metering systems registered on the date, its meter rows for the engine, the
     * rows the reader rejected, and the rows registered in no group that this group's reading quarantines.
     *
     * @param rowsRead the rows decoded for the group (all row groups read), for the log
     */
    record GroupData(
            MeteringSystems systems,
            MeterReads reads,
            List<Rejection> rejected,
            List<QuarantineOutput> unassigned,
            long rowsRead) {}

    /**
     * A meter-data file of a run: its registration, its row groups, and per row group the index of the group that
     * quarantines its rows registered in no group (the first group that reads it; -1 if none does).
     */
    record RunFile(ReceivedMeterDataFile file, List<RowGroup> rowGroups, int[] owner) {

        /** The row group of a 1-based row number. */
        int rowGroupOf(long row) {
            int lo = 0;
            int hi = rowGroups.size() - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (rowGroups.get(mid).firstRow() < row) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }
    }

    /**
     * A run's day: its GSP groups with their MPANs, each group's reference data (kept while the kept registrations stay
     * within a budget, else read again when its partition needs it) and its meter-data files.
     */
    static final class RunDay {
        private final SettlementDate date;
        private final Function<GspGroup, ReferenceSnapshot> readGroup;
        private final List<GspGroup> groups;
        private final Map<GspGroup, Integer> index = new HashMap<>();
        /** The distinct MPANs of each group registered on the date, ascending. */
        private final long[][] mpans;
        /** Each group's reference data while kept, else null. */
        private final @Nullable ReferenceSnapshot[] kept;

        private final List<RunFile> files;

        /** Registrations that may still be kept in {@link #kept}. */
        private long budget;

        /** Where this process reads a meter-data file recorded at a path ({@code gbsettle.meter-data.path-map}). */
        private final Function<Path, Path> locate;

        /** As the constructor below, with each meter-data file read where ingest recorded it. */
        RunDay(
                SettlementDate date,
                List<GspGroup> candidates,
                Function<GspGroup, ReferenceSnapshot> readGroup,
                BiConsumer<GspGroup, ReferenceSnapshot> inspect,
                List<ReceivedMeterDataFile> received,
                int threads,
                long cachedRegistrations) {
            this(date, candidates, readGroup, inspect, received, threads, cachedRegistrations, p -> p);
        }

        /**
         * Reads each candidate group's reference data (on up to {@code threads} threads), shows it to {@code inspect},
         * keeps the groups with metering systems registered on the date, and checks and indexes the files.
         *
         * @param readGroup a group's reference data and registrations of the date, as the run pinned them
         * @param cachedRegistrations how many registrations to keep in memory between the preparation and the
         *     partitions (a group beyond is read again by its partition)
         * @param locate where this process reads a file recorded at a path (outputs name the recorded path)
         */
        RunDay(
                SettlementDate date,
                List<GspGroup> candidates,
                Function<GspGroup, ReferenceSnapshot> readGroup,
                BiConsumer<GspGroup, ReferenceSnapshot> inspect,
                List<ReceivedMeterDataFile> received,
                int threads,
                long cachedRegistrations,
                Function<Path, Path> locate) {
            this.date = date;
            this.locate = locate;
            this.readGroup = readGroup;
            record Read(GspGroup group, @Nullable ReferenceSnapshot snapshot, long[] mpans) {}
            List<Read> reads = inParallel(candidates, threads, g -> {
                ReferenceSnapshot snapshot = readGroup.apply(g);
                List<Registration> on = snapshot.meteringSystems().effectiveOn(date.date());
                if (on.isEmpty()) {
                    return new Read(g, null, new long[0]);
                }
                inspect.accept(g, snapshot);
                long[] m = new long[on.size()];
                for (int i = 0; i < m.length; i++) {
                    m[i] = on.get(i).mpan();
                }
                Arrays.sort(m);
                return new Read(g, snapshot, distinct(m));
            });
            reads = reads.stream().filter(r -> r.mpans().length > 0).toList();
            this.groups = reads.stream().map(Read::group).toList();
            this.mpans = new long[groups.size()][];
            this.kept = new ReferenceSnapshot[groups.size()];
            long budget = cachedRegistrations;
            for (int g = 0; g < groups.size(); g++) {
                index.put(groups.get(g), g);
                mpans[g] = reads.get(g).mpans();
                ReferenceSnapshot snapshot = reads.get(g).snapshot();
                if (snapshot != null && snapshot.meteringSystems().size() <= budget) {
                    kept[g] = snapshot;
                    budget -= snapshot.meteringSystems().size();
                }
            }
            this.budget = budget;
            this.files = index(received, threads);
        }

        /**
         * A run's day built from what its preparation stored ({@link SharedRunDay}): each group's MPANs registered on
         * the date, in GSP group order. No group's reference data is read until a partition needs it (then kept within
         * {@code cachedRegistrations}); each file is checked against its SHA-256 and its footer read now, as the
         * preparation does (a file changed since would otherwise be left out silently where its new statistics meet no
         * group).
         */
        RunDay(
                SettlementDate date,
                Map<GspGroup, long[]> stored,
                Function<GspGroup, ReferenceSnapshot> readGroup,
                List<ReceivedMeterDataFile> received,
                int threads,
                long cachedRegistrations,
                Function<Path, Path> locate) {
            this.date = date;
            this.locate = locate;
            this.readGroup = readGroup;
            this.groups = stored.keySet().stream()
                    .sorted(Comparator.comparing(GspGroup::id))
                    .toList();
            this.mpans = new long[groups.size()][];
            this.kept = new ReferenceSnapshot[groups.size()];
            for (int g = 0; g < groups.size(); g++) {
                index.put(groups.get(g), g);
                mpans[g] = stored.get(groups.get(g));
            }
            this.budget = cachedRegistrations;
            this.files = index(received, threads);
        }

        /** Each file checked, its row groups, and per row group the first group that reads it. */
        private List<RunFile> index(List<ReceivedMeterDataFile> received, int threads) {
            return inParallel(received, threads, f -> {
                Path at = locate.apply(f.path());
                verify(f, at);
                List<RowGroup> rowGroups = MeterDataParquetReader.rowGroups(at);
                int[] owner = new int[rowGroups.size()];
                for (RowGroup rg : rowGroups) {
                    owner[rg.index()] = -1;
                    for (int g = 0; g < groups.size() && owner[rg.index()] < 0; g++) {
                        if (reads(g, rg)) {
                            owner[rg.index()] = g;
                        }
                    }
                }
                return new RunFile(f, rowGroups, owner);
            });
        }

        /**
         * A group's reference data and registrations of the date: kept (from the preparation, or an earlier partition),
         * or read, and then kept while the kept registrations stay within the budget (the slices of a group read it
         * once).
         */
        ReferenceSnapshot reference(GspGroup group) {
            Integer g = index.get(group);
            synchronized (this) {
                ReferenceSnapshot s = g == null ? null : kept[g];
                if (s != null) {
                    return s;
                }
            }
            ReferenceSnapshot read = readGroup.apply(group);
            if (g != null) {
                synchronized (this) {
                    int size = read.meteringSystems().size();
                    if (kept[g] == null && size <= budget) {
                        kept[g] = read;
                        budget -= size;
                    }
                }
            }
            return read;
        }

        /** A group's reference data if this day keeps it, else null. */
        synchronized @Nullable ReferenceSnapshot kept(GspGroup group) {
            Integer g = index.get(group);
            return g == null ? null : kept[g];
        }

        /** Forgets a group's kept reference data once its partition is done with it. */
        synchronized void release(GspGroup group) {
            Integer g = index.get(group);
            if (g != null && kept[g] != null) {
                budget += kept[g].meteringSystems().size();
                kept[g] = null;
            }
        }

        /** The number of metering systems registered on the date, all groups. */
        long meteringSystems() {
            long n = 0;
            for (long[] m : mpans) {
                n += m.length;
            }
            return n;
        }

        /** The index of the first group (in order) with {@code mpan} registered on the date, or -1. */
        private int groupOf(long mpan) {
            for (int g = 0; g < mpans.length; g++) {
                if (Arrays.binarySearch(mpans[g], mpan) >= 0) {
                    return g;
                }
            }
            return -1;
        }

        /** The files, in file id order: row ids say which (see {@link #FILE_SHIFT}). */
        List<RunFile> files() {
            return files;
        }

        /** The GSP groups with metering systems registered on the date, in order. */
        List<GspGroup> groups() {
            return groups;
        }

        /** Whether group {@code g}'s reading decodes row group {@code rg}: it may hold one of the group's MPANs. */
        private boolean reads(int g, RowGroup rg) {
            return rg.mayHoldOneOf(mpans[g]);
        }

        /** The distinct MPANs of a group registered on the date, ascending (empty for a group without any). */
        long[] mpans(GspGroup group) {
            Integer g = index.get(group);
            return g == null ? new long[0] : mpans[g].clone();
        }

        /** Reads a group's rows from the row groups that may hold them, file by file. */
        GroupData read(GspGroup group, MeteringSystems systems) {
            return read(group, systems, MpanRange.ALL);
        }

        /**
         * Reads a group's rows whose MPAN lies in {@code range} (a slice of the group), from the row groups that may
         * hold them, file by file: the reader's rejections and the rows registered in no group are those of the range
         * too, so that the slices of a group together read exactly what the whole group reads.
         */
        GroupData read(GspGroup group, MeteringSystems systems, MpanRange range) {
            Integer gi = index.get(group);
            if (gi == null) {
                return new GroupData(systems, MeterReads.empty(), List.of(), List.of(), 0);
            }
            int g = gi;
            long[] own = mpans[g];
            long selected = 0;
            boolean[][] chosen = new boolean[files.size()][];
            for (int i = 0; i < files.size(); i++) {
                List<RowGroup> rowGroups = files.get(i).rowGroups();
                chosen[i] = new boolean[rowGroups.size()];
                for (RowGroup rg : rowGroups) {
                    chosen[i][rg.index()] = reads(g, rg) && (overlaps(rg, range) || holdsUnreadable(rg, range));
                    selected += chosen[i][rg.index()] ? rg.rows() : 0;
                }
            }
            // the rows of the row groups read bound the group's rows; a day of values per system bounds them
            // loosely when the row groups are shared with other groups
            MeterReadColumns out = new MeterReadColumns((int) Math.max(
                    16, Math.min(selected, Math.min(Integer.MAX_VALUE - 16, own.length * 50L))));
            List<Rejection> rejected = new ArrayList<>();
            List<QuarantineOutput> unassigned = new ArrayList<>();
            long rowsRead = 0;
            for (int i = 0; i < files.size(); i++) {
                RunFile f = files.get(i);
                boolean[] ofFile = chosen[i];
                boolean any = false;
                for (boolean c : ofFile) {
                    any |= c;
                }
                if (!any) {
                    continue;
                }
                // the file's rows decoded straight after the group's rows so far; those of other MPANs taken out
                int from = out.size();
                MeterDataFile read = MeterDataParquetReader.read(
                        locate.apply(f.file().path()),
                        date,
                        f.file().receivedAt(),
                        (long) (i + 1) << FILE_SHIFT,
                        rg -> ofFile[rg],
                        false,
                        out);
                rowsRead += read.stats().rowsRead();
                long[] last = {Long.MIN_VALUE};
                int[] lastGroup = {-1};
                out.retain(from, k -> {
                    long m = out.mpan(k);
                    if (!range.contains(m)) {
                        return false; // another slice's
                    }
                    if (m != last[0]) { // rows come in runs of one MPAN: one lookup per run
                        last[0] = m;
                        lastGroup[0] = Arrays.binarySearch(own, m) >= 0 ? g : groupOf(m);
                    }
                    if (lastGroup[0] == g) {
                        return true;
                    }
                    long row = out.rowId(k) & ROW_MASK;
                    if (other(f, row, m, lastGroup[0], g)) {
                        QuarantineReason reason =
                                Mpan.isValid(m) ? QuarantineReason.UNKNOWN_MPAN : QuarantineReason.BAD_MPAN;
                        unassigned.add(unassigned(f, row, m, out.period(k), reason));
                    }
                    return false;
                });
                for (RejectedRow row : read.rejected()) {
                    if (read.ofOtherDate(row.row()) || !range.contains(row.mpan())) {
                        continue;
                    }
                    QuarantineOutput q = quarantined(f, row);
                    int rowGroup = Arrays.binarySearch(own, row.mpan()) >= 0 ? g : groupOf(row.mpan());
                    if (rowGroup == g) {
                        rejected.add(new Rejection(q, row.wh()));
                    } else if (other(f, row.row(), row.mpan(), rowGroup, g)) {
                        unassigned.add(q);
                    }
                }
            }
            return new GroupData(systems, out.reads(), rejected, unassigned, rowsRead);
        }

        /**
         * Whether a row group may hold a row that the reader rejects with the placeholder MPAN 0 (negative, or more
         * than 13 digits: outside the statistics of valid MPANs) and the range is the slice that quarantines such rows,
         * the one holding 0.
         */
        private static boolean holdsUnreadable(RowGroup rg, MpanRange range) {
            return range.contains(0) && (rg.minMpan() < 0 || rg.maxMpan() >= MeterDataParquetReader.MPAN_LIMIT);
        }

        /** Whether a row group may hold an MPAN of the range (by its statistics, when they bound every row). */
        private static boolean overlaps(RowGroup rg, MpanRange range) {
            return !rg.mpanRangeKnown()
                    || (rg.maxMpan() >= range.from() && (!range.boundedAbove() || rg.minMpan() < range.to()));
        }

        /**
         * For a row group {@code g} read but whose MPAN is not {@code g}'s: whether {@code g} quarantines it (registered
         * in no group, and {@code g} owns its row group); fails if its own group's reading would not see it.
         */
        private boolean other(RunFile f, long row, long mpan, int groupOfRow, int g) {
            int rg = f.rowGroupOf(row);
            if (groupOfRow >= 0) {
                if (!reads(groupOfRow, f.rowGroups().get(rg))) {
                    throw statisticsWrong(f, rg, row, mpan);
                }
                return false;
            }
            return f.owner()[rg] == g;
        }

        /**
         * The rows of row groups that no group reads: all registered in no group (their MPAN statistics hold no
         * registered MPAN), quarantined by the run's preparation.
         */
        List<QuarantineOutput> unread() {
            List<QuarantineOutput> out = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                RunFile f = files.get(i);
                boolean any = false;
                for (int o : f.owner()) {
                    any |= o < 0;
                }
                if (!any) {
                    continue;
                }
                MeterDataFile read = MeterDataParquetReader.read(
                        locate.apply(f.file().path()),
                        date,
                        f.file().receivedAt(),
                        (long) (i + 1) << FILE_SHIFT,
                        rg -> f.owner()[rg] < 0,
                        false);
                MeterReads r = read.reads();
                for (int k = 0; k < r.size(); k++) {
                    long m = r.mpan(k);
                    long row = r.rowId(k) & ROW_MASK;
                    if (groupOf(m) >= 0) {
                        throw statisticsWrong(f, f.rowGroupOf(row), row, m);
                    }
                    QuarantineReason reason =
                            Mpan.isValid(m) ? QuarantineReason.UNKNOWN_MPAN : QuarantineReason.BAD_MPAN;
                    out.add(unassigned(f, row, m, r.period(k), reason));
                }
                for (RejectedRow row : read.rejected()) {
                    if (read.ofOtherDate(row.row())) {
                        continue;
                    }
                    if (groupOf(row.mpan()) >= 0) {
                        throw statisticsWrong(f, f.rowGroupOf(row.row()), row.row(), row.mpan());
                    }
                    out.add(quarantined(f, row));
                }
            }
            out.sort(Comparator.comparingLong(QuarantineOutput::fileId).thenComparingLong(QuarantineOutput::rowNumber));
            return out;
        }

        private QuarantineOutput unassigned(RunFile f, long row, long mpan, int period, QuarantineReason reason) {
            return new QuarantineOutput(
                    f.file().fileId(),
                    f.file().path().toString(),
                    row,
                    mpan,
                    period,
                    "mpan",
                    Mpan.format(Math.max(0, mpan)),
                    reason.name(),
                    "MPAN registered in no GSP group on " + date.date());
        }

        private static QuarantineOutput quarantined(RunFile f, RejectedRow row) {
            return new QuarantineOutput(
                    f.file().fileId(),
                    f.file().path().toString(),
                    row.row(),
                    row.mpan(),
                    row.period(),
                    row.field(),
                    row.value(),
                    row.reason().name(),
                    row.message());
        }

        private static GbSettleException statisticsWrong(RunFile f, int rowGroup, long row, long mpan) {
            RowGroup rg = f.rowGroups().get(rowGroup);
            return new GbSettleException(
                    "meter-data file " + f.file().path() + " (file " + f.file().fileId()
                            + "): row " + row + " has MPAN " + mpan + ", outside the range [" + rg.minMpan() + ", "
                            + rg.maxMpan() + "] that the statistics of its row group " + rowGroup
                            + " give; the file's statistics are wrong, re-deliver it");
        }
    }

    /**
     * The run's day, built on first use and kept until {@link #release(long)}; {@code inspect} sees each group's
     * reference data as it is read (not when the day was built already).
     */
    synchronized RunDay day(RunDefinition run, BiConsumer<GspGroup, ReferenceSnapshot> inspect) {
        RunDay d = runs.get(run.runId());
        if (d == null) {
            LocalDate date = run.settlementDate();
            d = new RunDay(
                    SettlementDate.of(date),
                    reference.registeredGroups(run.referenceLoadMax()),
                    g -> reference.read(date, g, run.referenceLoadMax()),
                    inspect,
                    files(run),
                    readers,
                    cachedRegistrations,
                    paths::locate);
            runs.put(run.runId(), d);
        }
        return d;
    }

    /**
     * A group's reference data and registrations of the date as the run pinned them: kept by the run's day in this
     * process, or read (without building the day: no meter-data file is checked or indexed).
     */
    ReferenceSnapshot reference(RunDefinition run, GspGroup group) {
        RunDay d;
        synchronized (this) {
            d = runs.get(run.runId());
        }
        return d != null ? d.reference(group) : reference.read(run.settlementDate(), group, run.referenceLoadMax());
    }

    /**
     * The run's day for its partitions: the one this process keeps (built by the run's preparation, or an earlier
     * partition), else built from what the preparation stored for remote workers ({@link SharedRunDay}: no group's
     * registrations read until needed), else built as the preparation builds it.
     */
    RunDay dayForPartitions(RunDefinition run) {
        synchronized (this) {
            RunDay d = runs.get(run.runId());
            if (d != null) {
                return d;
            }
        }
        Map<GspGroup, long[]> stored = shared.load(run.runId());
        if (stored.isEmpty()) {
            return day(run, (g, s) -> {});
        }
        synchronized (this) {
            RunDay d = runs.get(run.runId());
            if (d == null) {
                long t0 = System.nanoTime();
                LocalDate date = run.settlementDate();
                d = new RunDay(
                        SettlementDate.of(date),
                        stored,
                        g -> reference.read(date, g, run.referenceLoadMax()),
                        files(run),
                        readers,
                        cachedRegistrations,
                        paths::locate);
                runs.put(run.runId(), d);
                LOG.info(
                        "Run {}: day built from the MPANs its preparation stored: {} GSP groups, {} metering systems,"
                                + " {} meter-data files indexed, {} ms",
                        run.runId(),
                        d.groups().size(),
                        d.meteringSystems(),
                        d.files().size(),
                        (System.nanoTime() - t0) / 1_000_000);
            }
            return d;
        }
    }

    /**
     * A slice's reference data: its group's, if the run's day keeps it (the whole group's registrations: the engine
     * ignores those outside the range), else read with only the registrations of the range (not kept: each slice
     * reads its own share, so a cut group's registrations are read about once per pass, whichever workers take its
     * slices).
     */
    ReferenceSnapshot reference(RunDefinition run, RunDay day, GspGroup group, MpanRange range) {
        ReferenceSnapshot kept = day.kept(group);
        if (kept != null) {
            return kept;
        }
        return range.equals(MpanRange.ALL)
                ? day.reference(group)
                : reference.read(run.settlementDate(), group, run.referenceLoadMax(), range);
    }

    /** Forgets a group's kept reference data in the run's day, if this process keeps the day. */
    void release(long runId, GspGroup group) {
        RunDay d;
        synchronized (this) {
            d = runs.get(runId);
        }
        if (d != null) {
            d.release(group);
        }
    }

    /** The runs whose day this process keeps. */
    synchronized java.util.Set<Long> runs() {
        return java.util.Set.copyOf(runs.keySet());
    }

    /** Forgets a run's day. */
    synchronized void release(long runId) {
        runs.remove(runId);
    }

    /** The files a run reads: accepted, received by its cut-off, among the files it pinned; in file id order. */
    List<ReceivedMeterDataFile> files(RunDefinition run) {
        List<ReceivedMeterDataFile> received =
                new ArrayList<>(meterFiles.receivedFor(run.settlementDate(), run.dataCutoff(), run.meterDataFileMax()));
        received.sort(Comparator.comparingLong(ReceivedMeterDataFile::fileId));
        return received;
    }

    /** Checks a file against the SHA-256 recorded at ingest. */
    private static void verify(ReceivedMeterDataFile f, Path at) {
        String sha256;
        try {
            sha256 = MeterDataParquetReader.sha256(at);
        } catch (IOException e) {
            throw new GbSettleException(
                    "meter-data file " + f.path() + (at.equals(f.path()) ? "" : " (read at " + at + ")") + " (file "
                            + f.fileId() + ") cannot be read: " + e,
                    e);
        }
        if (!sha256.equals(f.sha256())) {
            throw new GbSettleException("meter-data file " + f.path() + " (file " + f.fileId()
                    + ") has changed since it was ingested: SHA-256 " + sha256 + ", registered " + f.sha256());
        }
    }

    /** {@code work} applied to each item on up to {@code threads} threads; results in the items' order. */
    private static <T, R> List<R> inParallel(List<T> items, int threads, java.util.function.Function<T, R> work) {
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, items.size())));
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                Callable<R> task = () -> work.apply(item);
                futures.add(pool.submit(task));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GbSettleException("reading the meter-data files was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new GbSettleException("reading the meter-data files failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] distinct(long[] sorted) {
        int w = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (w == 0 || sorted[i] != sorted[w - 1]) {
                sorted[w++] = sorted[i];
            }
        }
        return w == sorted.length ? sorted : Arrays.copyOf(sorted, w);
    }
}
