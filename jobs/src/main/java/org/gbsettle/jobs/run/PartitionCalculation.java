package org.gbsettle.jobs.run;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.gbsettle.engine.SettlementCalculator;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.DataQualityCount;
import org.gbsettle.engine.run.DataQualityMeasure;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.engine.run.QuarantineReason;
import org.gbsettle.engine.run.QuarantinedRead;
import org.gbsettle.engine.run.RunContext;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.run.RunResult;
import org.gbsettle.engine.slice.GroupSlice;
import org.gbsettle.engine.slice.MpanRange;
import org.gbsettle.engine.slice.ShapeSample;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.batch.TestPause;
import org.gbsettle.jobs.ingest.ReceivedMeterDataFile;
import org.gbsettle.jobs.io.postgres.JdbcReferenceDataRepository;
import org.gbsettle.jobs.io.postgres.JdbcRunOutputRepository;
import org.gbsettle.jobs.io.postgres.JdbcSettlementRunRepository;
import org.gbsettle.jobs.reference.LoadedTake;
import org.gbsettle.jobs.reference.ReferenceSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One partition of a settlement run (the worker step): for each GSP group of the partition that is not complete yet,
 * takes the group's metering systems from the day's reference data (read once per run, as pinned by the run), reads
 * the group's take, calculates the group with the engine from its meter data, and writes its outputs, quarantine,
 * data-quality counts, input manifest and completion in one transaction (deleting whatever an earlier attempt wrote),
 * so that a partition is either wholly written or not at all. A group that fails is marked {@code FAILED} with the
 * message and fails the step. The partitions of a group cut into slices sample, calculate or combine them instead
 * ({@link #sliced}).
 */
final class PartitionCalculation implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionCalculation.class);

    private final JdbcSettlementRunRepository runs;
    private final JdbcReferenceDataRepository reference;
    private final JdbcRunOutputRepository outputs;
    private final RunMeterData meterData;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final int engineThreads;
    private final RunShutdown shutdown;
    private final java.time.Duration testDelay;
    private final PartitionRequests requests;
    private final RunSlices slices;

    PartitionCalculation(
            JdbcSettlementRunRepository runs,
            JdbcReferenceDataRepository reference,
            JdbcRunOutputRepository outputs,
            RunMeterData meterData,
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            int engineThreads,
            RunShutdown shutdown,
            java.time.Duration testDelay,
            PartitionRequests requests,
            RunSlices slices) {
        this.runs = runs;
        this.reference = reference;
        this.outputs = outputs;
        this.meterData = meterData;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.engineThreads = engineThreads;
        this.shutdown = shutdown;
        this.testDelay = testDelay;
        this.requests = requests;
        this.slices = slices;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        long runId = SettlementRunJob.runId(chunk);
        StepExecution step = chunk.getStepContext().getStepExecution();
        RunDefinition run = runs.get(runId);
        Map<String, RunStatus> status = runs.partitions(runId);
        MDC.put(RunLogging.RUN_ID, Long.toString(runId));
        if (step.getExecutionContext().containsKey(SettlementRunJob.PHASE)) {
            try {
                sliced(run, step, status, contribution);
            } finally {
                MDC.remove(RunLogging.GSP_GROUP);
                MDC.remove(RunLogging.RUN_ID);
            }
            return RepeatStatus.FINISHED;
        }
        try {
            for (String id : SettlementRunJob.groups(chunk)) {
                if (status.get(id) == RunStatus.COMPLETE) {
                    LOG.info("Run {}: GSP group {} is complete already", runId, id);
                    continue;
                }
                MDC.put(RunLogging.GSP_GROUP, id);
                if (shutdown.stopRequested()) {
                    // a partition boundary: what is written stays, this group is left for a restart
                    markFailedIfHeld(step, runId, id, RunShutdown.STOPPED_MESSAGE);
                    throw new GbSettleException("run " + runId + ": " + RunShutdown.STOPPED_MESSAGE);
                }
                GspGroup group = GspGroup.of(id);
                // a worker that no longer holds its partition (sent again to another) starts nothing
                boolean marked = Boolean.TRUE.equals(transactions.execute(s -> {
                    requests.checkHeld(step);
                    return runs.markPartitionRunning(runId, id);
                }));
                if (!marked) {
                    LOG.info("Run {}: GSP group {} was completed by another attempt", runId, id);
                    continue;
                }
                try {
                    testDelay(runId, id);
                    calculateAndWrite(run, group, step);
                    contribution.incrementWriteCount(1);
                } catch (PartitionRequests.SupersededException e) {
                    throw e;
                } catch (RuntimeException e) {
                    String message = e instanceof GbSettleException || e instanceof MissingReferenceDataException
                            ? String.valueOf(e.getMessage())
                            : rootCause(e);
                    markFailedIfHeld(step, runId, id, message);
                    throw new GbSettleException("run " + runId + ": GSP group " + id + " failed: " + message, e);
                }
            }
        } finally {
            MDC.remove(RunLogging.GSP_GROUP);
            MDC.remove(RunLogging.RUN_ID);
        }
        return RepeatStatus.FINISHED;
    }

    /** Marks a GSP group failed, unless this is a remote attempt whose partition was sent again to another worker. */
    private void markFailedIfHeld(StepExecution step, long runId, String group, String message) {
        try {
            transactions.executeWithoutResult(s -> {
                requests.checkHeld(step);
                runs.markPartitionFailed(runId, group, message);
            });
        } catch (PartitionRequests.SupersededException e) {
            LOG.warn("Run {}: GSP group {} not marked failed: {}", runId, group, e.getMessage());
        }
    }

    /**
     * The test hook {@code gbsettle.run.test.partition-delay}: a wait before each GSP group is calculated (0, the
     * default, none), so that a test can stop or kill the process while a partition is in flight.
     */
    private void testDelay(long runId, String group) {
        if (testDelay.isZero()) {
            return;
        }
        LOG.info(
                "Run {}: GSP group {} waits {} (test hook gbsettle.run.test.partition-delay)", runId, group, testDelay);
        try {
            Thread.sleep(testDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GbSettleException("interrupted waiting (test hook gbsettle.run.test.partition-delay)", e);
        }
    }

    private void calculateAndWrite(RunDefinition run, GspGroup group, StepExecution step) {
        LocalDate date = run.settlementDate();
        LoadedTake take = take(run, group);
        // the day's reference data and file index, once per run; the group's rows read from its row groups
        RunMeterData.RunDay day = meterData.dayForPartitions(run);
        long t0 = System.nanoTime();
        ReferenceSnapshot snapshot = day.reference(group);
        MeteringSystems systems = snapshot.meteringSystems();
        long tr = System.nanoTime();
        RunMeterData.GroupData data = day.read(group, systems);
        long t1 = System.nanoTime();
        RunInputs inputs = RunInputs.of(context(run, group), systems, data.reads(), take.take())
                .withConfig(CalculationConfig.defaults());
        RunResult engine = SettlementCalculator.calculate(inputs, snapshot.referenceData(), engineThreads);
        long t2 = System.nanoTime();
        String fingerprint = write(
                run,
                group,
                step,
                take,
                snapshot,
                engine,
                new RunSlices.ReaderRows(data.rejected(), data.unassigned()),
                data.reads().size() + data.rejected().size(),
                day.files().stream().map(RunMeterData.RunFile::file).toList());
        day.release(group);
        long t3 = System.nanoTime();
        LOG.info(
                "Run {}: GSP group {} written, fingerprint {}; {} metering systems, {} meter rows read ({} of the"
                        + " group, {} registered in no group); reference data {} ms, meter data read {} ms,"
                        + " calculated {} ms, written {} ms",
                run.runId(),
                group,
                fingerprint,
                systems.size(),
                data.rowsRead(),
                data.reads().size() + data.rejected().size(),
                data.unassigned().size(),
                (tr - t0) / 1_000_000,
                (t1 - tr) / 1_000_000,
                (t2 - t1) / 1_000_000,
                (t3 - t2) / 1_000_000);
    }

    private LoadedTake take(RunDefinition run, GspGroup group) {
        LocalDate date = run.settlementDate();
        return reference
                .take(group, date, run.referenceLoadMax())
                .orElseThrow(() -> new MissingReferenceDataException(
                        "GSP group " + group + " " + date, List.of(RunPreparation.missingTake(group, date))));
    }

    private static RunContext context(RunDefinition run, GspGroup group) {
        return new RunContext(
                SettlementDate.of(run.settlementDate()), run.runType(), run.runNumber(), group, run.dataCutoff());
    }

    /**
     * Writes a GSP group's outputs, quarantine (the engine's, with the reader's rejections and the rows registered in
     * no group that the group quarantines), data quality, manifest and completion in one transaction, replacing
     * whatever an earlier attempt wrote; returns the group's output fingerprint.
     *
     * @param read the group's meter rows read: accepted by the reader, or rejected by it
     * @param files the run's meter-data files in file id order (the engine's row ids index them)
     */
    private String write(
            RunDefinition run,
            GspGroup group,
            StepExecution step,
            LoadedTake take,
            ReferenceSnapshot snapshot,
            RunResult engine,
            RunSlices.ReaderRows readerRows,
            long read,
            List<ReceivedMeterDataFile> files) {
        LocalDate date = run.settlementDate();
        List<QuarantineOutput> quarantine = new ArrayList<>();
        List<QuarantinedRead> all = new ArrayList<>(engine.quarantine());
        for (QuarantinedRead q : engine.quarantine()) {
            ReceivedMeterDataFile f = files.get((int) (q.rowId() >>> RunMeterData.FILE_SHIFT) - 1);
            quarantine.add(new QuarantineOutput(
                    f.fileId(),
                    f.path().toString(),
                    q.rowId() & RunMeterData.ROW_MASK,
                    q.mpan(),
                    q.period(),
                    q.field(),
                    q.value(),
                    q.reason().name(),
                    "rejected by the calculation"));
        }
        for (RunMeterData.Rejection rejection : readerRows.rejected()) {
            QuarantineOutput q = rejection.row();
            int index = fileIndex(files, q.fileId());
            all.add(new QuarantinedRead(
                    ((long) (index + 1) << RunMeterData.FILE_SHIFT) + q.rowNumber(),
                    q.mpan(),
                    q.period(),
                    q.field(),
                    q.value(),
                    QuarantineReason.valueOf(q.reason())));
            quarantine.add(q);
        }
        all.sort(Comparator.comparingLong(QuarantinedRead::rowId));
        quarantine.sort(
                Comparator.comparingLong(QuarantineOutput::fileId).thenComparingLong(QuarantineOutput::rowNumber));
        List<QuarantineOutput> unassigned = new ArrayList<>(readerRows.unassigned());
        unassigned.sort(
                Comparator.comparingLong(QuarantineOutput::fileId).thenComparingLong(QuarantineOutput::rowNumber));
        RunResult result = new RunResult(
                engine.context(),
                engine.config(),
                engine.supplierVolumes(),
                engine.bmUnitVolumes(),
                engine.corrections(),
                withReaderRejections(
                        engine.dataQuality(),
                        readerRows.rejected(),
                        SettlementDate.of(date).periodCount()),
                engine.issues(),
                all);

        String fingerprint = result.tables().fingerprint();
        long quarantined = Math.min(read, quarantine.size());
        int systems = snapshot.meteringSystems().size();
        String manifest = "{\"reference_load_versions\": " + RunManifest.versions(snapshot.loadVersions())
                + ", \"take\": {\"cdca_run_type\": "
                + RunManifest.quote(take.cdcaRunType().name())
                + ", \"cdca_run_number\": " + take.take().cdcaRunNumber() + ", \"load_version\": "
                + take.loadVersion() + "}}";
        transactions.executeWithoutResult(s -> {
            // a remote attempt writes only while it holds its request (a worker presumed dead must not overwrite
            // the attempt that replaced it); the request's row stays locked until this transaction commits
            requests.checkHeld(step);
            outputs.replace(run.runId(), group.id(), date, result, quarantine, unassigned);
            TestPause.at(TestPause.Point.OUTPUT_WRITE, "run " + run.runId() + ", GSP group " + group.id());
            // the heartbeat again as the write ends, so that a long write is not taken for a dead worker once it
            // commits
            requests.checkHeld(step);
            jdbc.sql("""
                            UPDATE run_partition
                               SET status = 'COMPLETE', completed_at = now(), failure_message = NULL,
                                   output_fingerprint = :fp, metering_systems = :systems, meter_rows_read = :read,
                                   meter_rows_accepted = :accepted, meter_rows_quarantined = :quarantined,
                                   bm_unit_volume_rows = :bmu, supplier_volume_rows = :supplier,
                                   calculation_issue_rows = :issues, input_manifest = CAST(:manifest AS JSONB)
                             WHERE run_id = :run AND gsp_group = :group
                            """)
                    .param("fp", fingerprint)
                    .param("systems", systems)
                    .param("read", read)
                    .param("accepted", read - quarantined)
                    .param("quarantined", quarantined)
                    .param("bmu", result.bmUnitVolumes().size())
                    .param("supplier", result.supplierVolumes().size())
                    .param("issues", result.issues().size())
                    .param("manifest", manifest)
                    .param("run", run.runId())
                    .param("group", group.id())
                    .update();
        });
        return fingerprint;
    }

    /**
     * A partition of a GSP group the run cut into slices ({@link RunSlices}): a slice's load-shape sample, a slice
     * calculated, or the group's slices combined and written, as the partition's {@link SettlementRunJob#PHASE} says.
     * Each is idempotent: what is stored and parses is not computed again, and what is missing is computed here
     * (whatever step it was due in), so that a restart or a partition sent again to another worker completes the
     * group.
     */
    private void sliced(
            RunDefinition run, StepExecution step, Map<String, RunStatus> status, StepContribution contribution) {
        long runId = run.runId();
        ExecutionContext context = step.getExecutionContext();
        String id = context.getString(SettlementRunJob.GROUPS);
        String phase = context.getString(SettlementRunJob.PHASE);
        int piece = context.containsKey(SettlementRunJob.PIECE) ? context.getInt(SettlementRunJob.PIECE) : 0;
        GspGroup group = GspGroup.of(id);
        String what = piece == 0 ? "GSP group " + id : "slice " + id + "#" + piece;
        MDC.put(RunLogging.GSP_GROUP, piece == 0 ? id : id + "#" + piece);
        if (status.get(id) == RunStatus.COMPLETE) {
            LOG.info("Run {}: GSP group {} is complete already", runId, id);
            return;
        }
        if (shutdown.stopRequested()) {
            markFailedIfHeld(step, runId, id, RunShutdown.STOPPED_MESSAGE);
            throw new GbSettleException("run " + runId + ": " + RunShutdown.STOPPED_MESSAGE);
        }
        try {
            if (!phase.equals(SettlementRunJob.PHASE_COMBINE)) {
                // the group is being calculated from its first slice on (its attempts count its combines)
                transactions.executeWithoutResult(s -> {
                    requests.checkHeld(step);
                    runs.markSlicedPartitionStarted(runId, id);
                });
            }
            switch (phase) {
                case SettlementRunJob.PHASE_SAMPLE -> sample(run, group, slices.get(runId, id, piece), step);
                case SettlementRunJob.PHASE_SLICE -> {
                    testDelay(runId, id + "#" + piece);
                    slice(run, group, slices.get(runId, id, piece), step);
                }
                case SettlementRunJob.PHASE_COMBINE -> {
                    boolean marked = Boolean.TRUE.equals(transactions.execute(s -> {
                        requests.checkHeld(step);
                        return runs.markPartitionRunning(runId, id, true);
                    }));
                    if (!marked) {
                        LOG.info("Run {}: GSP group {} was completed by another attempt", runId, id);
                        return;
                    }
                    combine(run, group, step);
                }
                default -> throw new IllegalStateException("partition phase " + phase);
            }
            contribution.incrementWriteCount(1);
        } catch (PartitionRequests.SupersededException e) {
            throw e;
        } catch (RuntimeException e) {
            String message = e instanceof GbSettleException || e instanceof MissingReferenceDataException
                    ? String.valueOf(e.getMessage())
                    : rootCause(e);
            if (e instanceof SlicesRefusedException) {
                // the engine refused the slices or the group's sample: the group's next attempt computes both passes
                // again (unless this attempt no longer holds the partition: then the attempt that does decides)
                try {
                    transactions.executeWithoutResult(s -> {
                        requests.checkHeld(step);
                        slices.clear(runId, id);
                    });
                    message = message + "; the group's slices are cleared for the next attempt";
                } catch (PartitionRequests.SupersededException superseded) {
                    throw superseded;
                } catch (RuntimeException notCleared) {
                    e.addSuppressed(notCleared);
                }
            }
            markFailedIfHeld(step, runId, id, message);
            throw new GbSettleException("run " + runId + ": " + what + " failed: " + message, e);
        }
    }

    /**
     * The engine refused a group's slices or samples (they disagree: run, configuration, sample digest, tiling,
     * metering-system count): the group's stored bytes are cleared, so that its next attempt computes them again.
     */
    private static final class SlicesRefusedException extends GbSettleException {
        private static final long serialVersionUID = 1L;

        SlicesRefusedException(IllegalArgumentException cause) {
            super("the engine refused the group's slices: " + cause.getMessage(), cause);
        }
    }

    /** {@code work}, with the engine's refusal ({@code IllegalArgumentException}) as a {@link SlicesRefusedException}. */
    private static <T> T refusedAs(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            throw new SlicesRefusedException(e);
        }
    }

    /** A slice's inputs: the group's registrations, its meter rows of the slice's range, the take. */
    private record SliceInputs(
            RunInputs inputs, ReferenceSnapshot snapshot, RunMeterData.GroupData data, MpanRange range) {}

    private SliceInputs sliceInputs(RunDefinition run, GspGroup group, RunSlices.Slice slice) {
        RunMeterData.RunDay day = meterData.dayForPartitions(run);
        ReferenceSnapshot snapshot = meterData.reference(run, day, group, slice.range());
        RunMeterData.GroupData data = day.read(group, snapshot.meteringSystems(), slice.range());
        RunInputs inputs = RunInputs.of(
                        context(run, group),
                        snapshot.meteringSystems(),
                        data.reads(),
                        take(run, group).take())
                .withConfig(CalculationConfig.defaults());
        return new SliceInputs(inputs, snapshot, data, slice.range());
    }

    /** A slice's load-shape sample: stored and valid, or computed and stored. */
    private ShapeSample sample(RunDefinition run, GspGroup group, RunSlices.Slice slice, StepExecution step) {
        byte[] stored = slice.sample();
        if (stored != null) {
            try {
                return ShapeSample.parse(stored);
            } catch (IllegalArgumentException e) {
                LOG.warn(
                        "Run {}: the stored sample of slice {} is refused, computed again: {}",
                        run.runId(),
                        slice.name(),
                        e.getMessage());
            }
        }
        long t0 = System.nanoTime();
        SliceInputs in = sliceInputs(run, group, slice);
        ShapeSample sample =
                SettlementCalculator.sampleSlice(in.inputs(), in.snapshot().referenceData(), in.range());
        byte[] bytes = sample.toBytes();
        transactions.executeWithoutResult(s -> {
            requests.checkHeld(step);
            slices.saveSample(run.runId(), group.id(), slice.piece(), bytes);
        });
        LOG.info(
                "Run {}: slice {} {} sampled, {} meter rows read, {} ms",
                run.runId(),
                slice.name(),
                slice.range(),
                in.data().reads().size() + in.data().rejected().size(),
                (System.nanoTime() - t0) / 1_000_000);
        return sample;
    }

    /** A slice calculated: stored and valid, or calculated (against the group's summed sample) and stored. */
    private GroupSlice slice(RunDefinition run, GspGroup group, RunSlices.Slice slice, StepExecution step) {
        byte[] stored = slice.slice();
        byte[] storedRows = slice.readerRows();
        if (stored != null && storedRows != null) {
            try {
                RunSlices.ReaderRows.parse(storedRows);
                return GroupSlice.parse(stored);
            } catch (IllegalArgumentException e) {
                LOG.warn(
                        "Run {}: the stored slice {} is refused, calculated again: {}",
                        run.runId(),
                        slice.name(),
                        e.getMessage());
            }
        }
        ShapeSample groupSample = null;
        if (SettlementCalculator.slicesNeedGroupSample(CalculationConfig.defaults())) {
            List<ShapeSample> samples = new ArrayList<>();
            for (RunSlices.Slice other : slices.of(run.runId(), group.id())) {
                samples.add(sample(run, group, other, step));
            }
            groupSample = refusedAs(() ->
                    ShapeSample.sum(SettlementDate.of(run.settlementDate()).periodCount(), samples));
        }
        long t0 = System.nanoTime();
        SliceInputs in = sliceInputs(run, group, slice);
        ShapeSample sample = groupSample;
        GroupSlice calculated = refusedAs(() ->
                SettlementCalculator.calculateSlice(in.inputs(), in.snapshot().referenceData(), in.range(), sample));
        byte[] bytes = calculated.toBytes();
        byte[] rows = new RunSlices.ReaderRows(in.data().rejected(), in.data().unassigned()).toBytes();
        long read = in.data().reads().size() + in.data().rejected().size();
        transactions.executeWithoutResult(s -> {
            requests.checkHeld(step);
            slices.saveSlice(
                    run.runId(),
                    group.id(),
                    slice.piece(),
                    bytes,
                    rows,
                    read,
                    PartitionRequests.processName() + "/"
                            + Thread.currentThread().getName());
        });
        LOG.info(
                "Run {}: slice {} {} calculated, {} meter rows read ({} of the slice), {} bytes stored, {} ms",
                run.runId(),
                slice.name(),
                slice.range(),
                in.data().rowsRead(),
                read,
                bytes.length + rows.length,
                (System.nanoTime() - t0) / 1_000_000);
        return calculated;
    }

    /**
     * A cut group's slices combined exactly, corrected and written as a whole group is ({@link #write}); a slice not
     * stored (or refused) is calculated here first.
     */
    private void combine(RunDefinition run, GspGroup group, StepExecution step) {
        long t0 = System.nanoTime();
        List<GroupSlice> parts = new ArrayList<>();
        List<RunMeterData.Rejection> rejected = new ArrayList<>();
        List<QuarantineOutput> unassigned = new ArrayList<>();
        long read = 0;
        List<RunSlices.Slice> stored = slices.of(run.runId(), group.id());
        for (RunSlices.Slice s : stored) {
            parts.add(slice(run, group, s, step));
        }
        for (RunSlices.Slice s : slices.of(run.runId(), group.id())) {
            RunSlices.ReaderRows rows = RunSlices.ReaderRows.parse(
                    Objects.requireNonNull(s.readerRows(), () -> "slice " + s.name() + " has no reader rows"));
            rejected.addAll(rows.rejected());
            unassigned.addAll(rows.unassigned());
            read += s.meterRowsRead();
        }
        ReferenceSnapshot snapshot = meterData.reference(run, group);
        LoadedTake take = take(run, group);
        RunInputs inputs = RunInputs.of(
                        context(run, group), snapshot.meteringSystems(), MeterReads.empty(), take.take())
                .withConfig(CalculationConfig.defaults());
        RunResult engine = refusedAs(() -> SettlementCalculator.combineSlices(inputs, snapshot.referenceData(), parts));
        long t1 = System.nanoTime();
        String fingerprint = write(
                run,
                group,
                step,
                take,
                snapshot,
                engine,
                new RunSlices.ReaderRows(rejected, unassigned),
                read,
                meterData.files(run));
        meterData.release(run.runId(), group);
        LOG.info(
                "Run {}: GSP group {} written from {} slices, fingerprint {}; {} metering systems, {} meter rows of"
                        + " the group read; combined {} ms, written {} ms",
                run.runId(),
                group,
                stored.size(),
                fingerprint,
                snapshot.meteringSystems().size(),
                read,
                (t1 - t0) / 1_000_000,
                (System.nanoTime() - t1) / 1_000_000);
    }

    /** The innermost cause's message and type: what an operator can act on, without the wrappers' text. */
    static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return (message == null || message.isBlank() ? "" : message.strip() + " ") + "("
                + root.getClass().getSimpleName() + ")";
    }

    /**
     * The engine's data-quality counts with the rows the Parquet reader rejected (bad values, periods the date does not
     * have...) added under their {@code QUARANTINED_*} measure: in their period when it is one of the date's, and in
     * the day total (period 0) always; the energy is the value's magnitude when it had a valid kWh value, as the
     * engine counts the rows it quarantines.
     */
    static List<DataQualityCount> withReaderRejections(
            List<DataQualityCount> engine, List<RunMeterData.Rejection> rejected, int periods) {
        if (rejected.isEmpty()) {
            return engine;
        }
        record Key(DataQualityMeasure measure, int period) {}
        record Sum(long count, BigDecimal mwh) {}
        Map<Key, Sum> sums = new TreeMap<>(Comparator.comparing((Key k) -> k.measure())
                .thenComparingInt(k -> k.period() == 0 ? Integer.MAX_VALUE : k.period()));
        for (DataQualityCount c : engine) {
            sums.put(new Key(c.measure(), c.period()), new Sum(c.count(), c.mwh()));
        }
        for (RunMeterData.Rejection r : rejected) {
            QuarantineOutput q = r.row();
            DataQualityMeasure m = DataQualityMeasure.quarantined(QuarantineReason.valueOf(q.reason()));
            BigDecimal mwh = BigDecimal.valueOf(Math.abs(r.wh()), 6).setScale(6);
            List<Integer> periodsOf = q.period() >= 1 && q.period() <= periods ? List.of(q.period(), 0) : List.of(0);
            for (int p : periodsOf) {
                sums.merge(
                        new Key(m, p),
                        new Sum(1, mwh),
                        (a, b) -> new Sum(a.count() + b.count(), a.mwh().add(b.mwh())));
            }
        }
        List<DataQualityCount> out = new ArrayList<>();
        sums.forEach((k, v) -> out.add(new DataQualityCount(k.period(), k.measure(), v.count(), v.mwh())));
        return out;
    }

    private static int fileIndex(List<ReceivedMeterDataFile> files, long fileId) {
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).fileId() == fileId) {
                return i;
            }
        }
        throw new IllegalStateException("file " + fileId + " is not among the run's files");
    }
}
