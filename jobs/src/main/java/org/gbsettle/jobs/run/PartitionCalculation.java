package org.gbsettle.jobs.run;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gbsettle.engine.SettlementCalculator;
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
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.batch.TestPause;
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
 * message and fails the step.
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
            PartitionRequests requests) {
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
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        long runId = SettlementRunJob.runId(chunk);
        StepExecution step = chunk.getStepContext().getStepExecution();
        RunDefinition run = runs.get(runId);
        Map<String, RunStatus> status = runs.partitions(runId);
        MDC.put(RunLogging.RUN_ID, Long.toString(runId));
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
        LoadedTake take = reference
                .take(group, date, run.referenceLoadMax())
                .orElseThrow(() -> new MissingReferenceDataException(
                        "GSP group " + group + " " + date, List.of(RunPreparation.missingTake(group, date))));
        // the day's reference data and file index, once per run; the group's rows read from its row groups
        RunMeterData.RunDay day = meterData.day(run, (g, s) -> {});
        long t0 = System.nanoTime();
        ReferenceSnapshot snapshot = day.reference(group);
        MeteringSystems systems = snapshot.meteringSystems();
        long tr = System.nanoTime();
        RunMeterData.GroupData data = day.read(group, systems);
        long t1 = System.nanoTime();
        RunContext context =
                new RunContext(SettlementDate.of(date), run.runType(), run.runNumber(), group, run.dataCutoff());
        RunInputs inputs =
                RunInputs.of(context, systems, data.reads(), take.take()).withConfig(CalculationConfig.defaults());
        RunResult engine = SettlementCalculator.calculate(inputs, snapshot.referenceData(), engineThreads);
        long t2 = System.nanoTime();

        List<QuarantineOutput> quarantine = new ArrayList<>();
        List<QuarantinedRead> all = new ArrayList<>(engine.quarantine());
        for (QuarantinedRead q : engine.quarantine()) {
            RunMeterData.RunFile f = day.files().get((int) (q.rowId() >>> RunMeterData.FILE_SHIFT) - 1);
            quarantine.add(new QuarantineOutput(
                    f.file().fileId(),
                    f.file().path().toString(),
                    q.rowId() & RunMeterData.ROW_MASK,
                    q.mpan(),
                    q.period(),
                    q.field(),
                    q.value(),
                    q.reason().name(),
                    "rejected by the calculation"));
        }
        for (RunMeterData.Rejection rejection : data.rejected()) {
            QuarantineOutput q = rejection.row();
            int index = fileIndex(day.files(), q.fileId());
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
        RunResult result = new RunResult(
                engine.context(),
                engine.config(),
                engine.supplierVolumes(),
                engine.bmUnitVolumes(),
                engine.corrections(),
                withReaderRejections(
                        engine.dataQuality(),
                        data.rejected(),
                        SettlementDate.of(date).periodCount()),
                engine.issues(),
                all);

        String fingerprint = result.tables().fingerprint();
        long read = data.reads().size() + data.rejected().size();
        long quarantined = Math.min(read, quarantine.size());
        String manifest = "{\"reference_load_versions\": " + RunManifest.versions(snapshot.loadVersions())
                + ", \"take\": {\"cdca_run_type\": "
                + RunManifest.quote(take.cdcaRunType().name())
                + ", \"cdca_run_number\": " + take.take().cdcaRunNumber() + ", \"load_version\": "
                + take.loadVersion() + "}}";
        transactions.executeWithoutResult(s -> {
            // a remote attempt writes only while it holds its request (a worker presumed dead must not overwrite
            // the attempt that replaced it); the request's row stays locked until this transaction commits
            requests.checkHeld(step);
            outputs.replace(run.runId(), group.id(), date, result, quarantine, data.unassigned());
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
                    .param("systems", systems.size())
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
                read,
                data.unassigned().size(),
                (tr - t0) / 1_000_000,
                (t1 - tr) / 1_000_000,
                (t2 - t1) / 1_000_000,
                (t3 - t2) / 1_000_000);
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

    private static int fileIndex(List<RunMeterData.RunFile> files, long fileId) {
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).file().fileId() == fileId) {
                return i;
            }
        }
        throw new IllegalStateException("file " + fileId + " is not among the run's files");
    }
}
