package org.gbsettle.jobs.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gbsettle.engine.calc.LongIntMap;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.input.Registration;
import org.gbsettle.engine.metering.Mpan;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.run.QuarantineReason;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.ingest.ReceivedMeterDataFile;
import org.gbsettle.jobs.io.parquet.MeterDataFile;
import org.gbsettle.jobs.io.parquet.MeterDataParquetReader;
import org.gbsettle.jobs.io.parquet.RejectedRow;
import org.gbsettle.jobs.io.postgres.JdbcMeterDataFileRepository;
import org.gbsettle.jobs.reference.ReferenceSnapshot;
import org.springframework.stereotype.Component;

/**
 * The meter data of the runs in progress in this process, read once per run and split by GSP group: the accepted
 * meter-data files received by the run's cut-off (among those it pinned) are read in place, column-wise, each file
 * checked against the SHA-256 recorded at ingest; every row goes to the GSP group its MPAN is registered in on the
 * date, or to the rows registered in no group. The partitions of a run take their group's rows from here; the job
 * releases the run when it ends.
 */
@Component
public final class RunMeterData {

    /** Row ids of file i (0-based, in file id order) are {@code (i + 1) << FILE_SHIFT} + the 1-based row number. */
    static final int FILE_SHIFT = 40;

    static final long ROW_MASK = (1L << FILE_SHIFT) - 1;

    private final JdbcMeterDataFileRepository meterFiles;
    private final Map<Long, Split> runs = new HashMap<>();

    private final int readers;

    public RunMeterData(
            JdbcMeterDataFileRepository meterFiles,
            @org.springframework.beans.factory.annotation.Value("${gbsettle.run.pool-size:2}") int readers) {
        this.meterFiles = meterFiles;
        this.readers = Math.max(1, readers);
    }

    /** A meter-data file as read for a run: its registration and what was read from it. */
    record FileRead(ReceivedMeterDataFile file, MeterDataFile read) {}

    /** A row the reader rejected, as quarantined, with its value in Wh when it had one (else 0). */
    record Rejection(QuarantineOutput row, long wh) {}

    /**
     * A GSP group's share of a run: its metering systems registered on the date, its meter rows for the engine and
     * the rows the reader rejected.
     */
    record GroupData(MeteringSystems systems, MeterReads reads, List<Rejection> rejected) {}

    /** A run's meter data split by GSP group, with the reference data of the date it was split by. */
    static final class Split {
        private final ReferenceSnapshot reference;
        private final List<FileRead> files;
        private final Map<GspGroup, GroupData> groups;
        private final List<QuarantineOutput> unassigned;

        Split(
                ReferenceSnapshot reference,
                List<FileRead> files,
                Map<GspGroup, GroupData> groups,
                List<QuarantineOutput> unassigned) {
            this.reference = reference;
            this.files = List.copyOf(files);
            this.groups = groups;
            this.unassigned = List.copyOf(unassigned);
        }

        /** The reference data of the run's date, all GSP groups, as pinned by the run: read once per run. */
        ReferenceSnapshot reference() {
            return reference;
        }

        /** The files read, in file id order: row ids say which (see {@link #FILE_SHIFT}). */
        List<FileRead> files() {
            return files;
        }

        /** A group's rows (empty if the files have none of it). */
        synchronized GroupData group(GspGroup group) {
            GroupData d = groups.get(group);
            return d != null ? d : new GroupData(MeteringSystems.of(List.of()), MeterReads.empty(), List.of());
        }

        /** Forgets a group's rows once its partition has written them, to free memory for the others. */
        synchronized void release(GspGroup group) {
            groups.remove(group);
        }

        /** Rows whose MPAN is registered in no GSP group on the date, in file and row order. */
        List<QuarantineOutput> unassigned() {
            return unassigned;
        }
    }

    /**
     * The run's meter data, read on first use and kept until {@link #release(long)}.
     *
     * @param reference the reference data of the run's date for all GSP groups (as pinned by the run)
     */
    synchronized Split split(RunDefinition run, ReferenceSnapshot reference) {
        Split s = runs.get(run.runId());
        if (s == null) {
            s = read(run, reference);
            runs.put(run.runId(), s);
        }
        return s;
    }

    /** The run's meter data if this process has read it, else null. */
    synchronized @org.jspecify.annotations.Nullable Split cached(long runId) {
        return runs.get(runId);
    }

    /** Forgets a run's meter data. */
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

    /**
     * Reads the files on {@code gbsettle.run.pool-size} threads (each file on one), in file order, checking each
     * against the SHA-256 recorded at ingest.
     */
    private List<FileRead> readAll(List<ReceivedMeterDataFile> received, SettlementDate date) {
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, Math.min(readers, received.size())));
        try {
            List<java.util.concurrent.Future<FileRead>> reads = new ArrayList<>();
            for (int i = 0; i < received.size(); i++) {
                ReceivedMeterDataFile f = received.get(i);
                long rowIdBase = (long) (i + 1) << FILE_SHIFT;
                reads.add(pool.submit(() -> read(f, date, rowIdBase)));
            }
            List<FileRead> files = new ArrayList<>();
            for (java.util.concurrent.Future<FileRead> r : reads) {
                files.add(r.get());
            }
            return files;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GbSettleException("reading the meter data was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new GbSettleException("reading the meter data failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private static FileRead read(ReceivedMeterDataFile f, SettlementDate date, long rowIdBase) {
        MeterDataFile read = MeterDataParquetReader.read(f.path(), date, f.receivedAt(), rowIdBase);
        if (!read.stats().sha256().equals(f.sha256())) {
            throw new GbSettleException("meter-data file " + f.path() + " (file " + f.fileId()
                    + ") has changed since it was ingested: SHA-256 "
                    + read.stats().sha256() + ", registered "
                    + f.sha256());
        }
        return new FileRead(f, read);
    }

    private Split read(RunDefinition run, ReferenceSnapshot reference) {
        MeteringSystems systems = reference.meteringSystems();
        SettlementDate date = SettlementDate.of(run.settlementDate());
        List<GspGroup> groups = new ArrayList<>();
        Map<GspGroup, Integer> index = new HashMap<>();
        List<List<Registration>> systemsOf = new ArrayList<>();
        List<Registration> on = systems.effectiveOn(run.settlementDate());
        LongIntMap groupIndexOfMpan = new LongIntMap(Math.max(16, on.size()));
        for (Registration r : on) {
            Integer g = index.get(r.gspGroup());
            if (g == null) {
                g = groups.size();
                groups.add(r.gspGroup());
                systemsOf.add(new ArrayList<>());
                index.put(r.gspGroup(), g);
            }
            systemsOf.get(g).add(r);
            if (groupIndexOfMpan.get(r.mpan()) < 0) {
                groupIndexOfMpan.put(r.mpan(), g);
            }
        }
        List<ReceivedMeterDataFile> received = files(run);
        List<FileRead> files = readAll(received, date);

        List<QuarantineOutput> unassigned = new ArrayList<>();
        MeterReads[] byGroup = GroupSplit.split(
                files.stream().map(f -> f.read().reads()).toList(), groupIndexOfMpan, groups.size(), (file, row) -> {
                    FileRead f = files.get(file);
                    MeterReads r = f.read().reads();
                    long mpan = r.mpan(row);
                    QuarantineReason reason =
                            Mpan.isValid(mpan) ? QuarantineReason.UNKNOWN_MPAN : QuarantineReason.BAD_MPAN;
                    unassigned.add(new QuarantineOutput(
                            f.file().fileId(),
                            f.file().path().toString(),
                            r.rowId(row) & ROW_MASK,
                            mpan,
                            r.period(row),
                            "mpan",
                            Mpan.format(Math.max(0, mpan)),
                            reason.name(),
                            "MPAN registered in no GSP group on " + run.settlementDate()));
                });
        Map<GspGroup, List<Rejection>> rejected = new TreeMap<>();
        for (FileRead f : files) {
            for (RejectedRow row : f.read().rejected()) {
                if (f.read().ofOtherDate(row.row())) {
                    continue;
                }
                QuarantineOutput q = new QuarantineOutput(
                        f.file().fileId(),
                        f.file().path().toString(),
                        row.row(),
                        row.mpan(),
                        row.period(),
                        row.field(),
                        row.value(),
                        row.reason().name(),
                        row.message());
                int g = groupIndexOfMpan.get(row.mpan());
                if (g < 0) {
                    unassigned.add(q);
                } else {
                    rejected.computeIfAbsent(groups.get(g), k -> new ArrayList<>())
                            .add(new Rejection(q, row.wh()));
                }
            }
        }
        Map<GspGroup, GroupData> data = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            List<Rejection> q = rejected.get(groups.get(g));
            data.put(
                    groups.get(g),
                    new GroupData(MeteringSystems.of(systemsOf.get(g)), byGroup[g], q == null ? List.of() : q));
        }
        return new Split(reference, files, data, unassigned);
    }
}
