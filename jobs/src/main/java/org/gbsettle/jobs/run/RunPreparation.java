package org.gbsettle.jobs.run;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gbsettle.engine.SettlementCalculator;
import org.gbsettle.engine.input.GspGroupTake;
import org.gbsettle.engine.input.MeterReads;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.reference.GspGroup;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.engine.run.CalculationIssue;
import org.gbsettle.engine.run.IssueCode;
import org.gbsettle.engine.run.RunContext;
import org.gbsettle.engine.run.RunInputs;
import org.gbsettle.engine.slice.SplitPlanner;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.io.postgres.JdbcReferenceDataRepository;
import org.gbsettle.jobs.io.postgres.JdbcRunOutputRepository;
import org.gbsettle.jobs.io.postgres.JdbcSettlementRunRepository;
import org.gbsettle.jobs.reference.LoadedTake;
import org.gbsettle.jobs.reference.ReferenceSnapshot;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first step of a settlement run (and of each restart): marks the run {@code RUNNING}, finds its GSP groups (those
 * with metering systems registered on the date, from the reference data the run pinned), checks the mandatory
 * reference data of every group not yet complete before anything is calculated (failing with the whole list of what
 * is missing), checks the meter-data files against their SHA-256 and indexes their row groups for the partitions
 * ({@link RunMeterData}), adds the missing {@code run_partition} rows (the first preparation also plans the GSP groups'
 * slices, {@link RunSlices}), and quarantines the rows of row groups that no
 * group's partition reads (all registered in no GSP group).
 */
final class RunPreparation implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(RunPreparation.class);

    private final JdbcSettlementRunRepository runs;
    private final JdbcReferenceDataRepository reference;
    private final JdbcRunOutputRepository outputs;
    private final RunMeterData meterData;
    private final TransactionTemplate transactions;
    private final RunSlices slices;
    private final int targetPartitions;
    private final SharedRunDay shared;
    private final boolean shareDay;

    /**
     * @param targetPartitions {@code gbsettle.partitioning.target-partitions}: 0 keeps every GSP group whole, N cuts
     *     the groups heavier than 1/N of the run's metering systems into MPAN-range slices ({@link
     *     SplitPlanner#plan})
     * @param shareDay whether to store what the run's remote workers need of its day ({@link SharedRunDay}): in
     *     {@code gbsettle.partitioning.mode=remote}
     */
    RunPreparation(
            JdbcSettlementRunRepository runs,
            JdbcReferenceDataRepository reference,
            JdbcRunOutputRepository outputs,
            RunMeterData meterData,
            PlatformTransactionManager transactionManager,
            RunSlices slices,
            int targetPartitions,
            SharedRunDay shared,
            boolean shareDay) {
        this.runs = runs;
        this.reference = reference;
        this.outputs = outputs;
        this.meterData = meterData;
        this.transactions = new TransactionTemplate(transactionManager);
        this.slices = slices;
        this.shared = shared;
        this.shareDay = shareDay;
        if (targetPartitions < 0) {
            throw new IllegalArgumentException(
                    "gbsettle.partitioning.target-partitions is " + targetPartitions + ", not 0 or more");
        }
        this.targetPartitions = targetPartitions;
    }

    @Override
    public RepeatStatus execute(
            StepContribution contribution, org.springframework.batch.core.scope.context.ChunkContext chunk) {
        long runId = SettlementRunJob.runId(chunk);
        RunDefinition run = runs.get(runId);
        if (run.status() == RunStatus.COMPLETE) {
            throw new GbSettleException("run " + runId + " is COMPLETE already");
        }
        runs.markRunning(runId);
        LocalDate date = run.settlementDate();
        long t0 = System.nanoTime();
        // each group's reference data read and checked, the groups' MPANs and the meter-data files checked and
        // indexed: kept for the partitions
        Map<String, RunStatus> partitions = runs.partitions(runId);
        Map<GspGroup, List<String>> problemsOf = new java.util.concurrent.ConcurrentSkipListMap<>();
        meterData.release(runId);
        RunMeterData.RunDay day = meterData.day(run, (g, snapshot) -> {
            if (partitions.get(g.id()) == RunStatus.COMPLETE) {
                return;
            }
            List<String> p = new ArrayList<>();
            for (CalculationIssue issue : missing(reference, run, g, snapshot)) {
                p.add(g + ": " + issue.code() + ": " + issue.message());
            }
            if (!p.isEmpty()) {
                problemsOf.put(g, p);
            }
        });
        long t1 = System.nanoTime();
        if (day.groups().isEmpty()) {
            throw new GbSettleException("run " + runId + ": no metering system is registered on " + date
                    + " in the reference data loaded by the run's creation (load versions up to "
                    + run.referenceLoadMax() + "); load the registrations (load-reference) and start a new run");
        }
        List<String> problems = new ArrayList<>();
        problemsOf.values().forEach(problems::addAll);
        if (!problems.isEmpty()) {
            throw new GbSettleException("run " + runId + ": missing reference data, nothing calculated, "
                    + problems.size() + " problem(s) (load what is missing, then start a new run: a restart reads"
                    + " the reference loads the run pinned, up to load version " + run.referenceLoadMax() + "):\n  - "
                    + String.join("\n  - ", problems));
        }
        List<String> groupIds = day.groups().stream().map(GspGroup::id).toList();
        List<QuarantineOutput> unread = day.unread();
        long t2 = System.nanoTime();
        // the first preparation to write the partitions plans the slices; every later attempt reuses that plan
        SplitPlanner.@Nullable SplitPlan plan = partitions.isEmpty() && targetPartitions > 0
                ? SplitPlanner.plan(
                        day.groups().stream()
                                .map(g -> SplitPlanner.GroupSize.ofMpans(g.id(), day.mpans(g)))
                                .toList(),
                        targetPartitions)
                : null;
        transactions.executeWithoutResult(s -> {
            runs.addPartitions(runId, groupIds);
            if (plan != null) {
                slices.savePlan(runId, plan);
            }
            runs.resetSlicedPartitions(runId);
            if (shareDay) {
                // for the remote workers: the groups' MPANs, so that they need not read every group's registrations
                shared.save(
                        runId,
                        day.groups(),
                        day.groups().stream().map(day::mpans).toList());
            }
            outputs.replaceUnassignedQuarantine(runId, date, unread);
        });
        if (plan != null) {
            LOG.info(
                    "Run {}: {} partitions planned for gbsettle.partitioning.target-partitions={} (a group heavier"
                            + " than {} metering systems cut into MPAN ranges): {}",
                    runId,
                    plan.partitions().size(),
                    targetPartitions,
                    plan.target(),
                    plan.partitions().stream()
                            .map(SplitPlanner.Partition::name)
                            .sorted()
                            .toList());
        }
        LOG.info(
                "Run {}: attempt {}, {} GSP group(s) {}, {} metering systems, {} meter-data file(s), {} row(s) in row"
                        + " groups no group reads; reference data read and checked, files checked and indexed {} ms,"
                        + " row groups no group reads {} ms",
                runId,
                run.attempts() + 1,
                groupIds.size(),
                groupIds,
                day.meteringSystems(),
                day.files().size(),
                unread.size(),
                (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000);
        return RepeatStatus.FINISHED;
    }

    /**
     * Everything mandatory a group lacks, found without calculating: the take, LLFs, CCCs, weights, BM units... Also
     * asked before a run exists, by {@link RunInputCheck}.
     */
    static List<CalculationIssue> missing(
            JdbcReferenceDataRepository reference, RunDefinition run, GspGroup group, ReferenceSnapshot snapshot) {
        MeteringSystems systems = snapshot.meteringSystems();
        List<CalculationIssue> issues = new ArrayList<>();
        LocalDate date = run.settlementDate();
        SettlementDate sd = SettlementDate.of(date);
        Optional<LoadedTake> take = reference.take(group, date, run.referenceLoadMax());
        GspGroupTake checkedTake;
        if (take.isPresent()) {
            checkedTake = take.get().take();
        } else {
            issues.add(missingTake(group, date));
            checkedTake = GspGroupTake.builder(group, sd, 0)
                    .allPeriods(BigDecimal.ONE)
                    .build();
        }
        RunContext context = new RunContext(sd, run.runType(), run.runNumber(), group, run.dataCutoff());
        RunInputs inputs = RunInputs.of(context, systems, MeterReads.builder().build(), checkedTake)
                .withConfig(CalculationConfig.defaults());
        issues.addAll(SettlementCalculator.missingReferenceData(inputs, snapshot.referenceData()));
        return issues;
    }

    /** The problem of a GSP group without a take loaded for the date. */
    static CalculationIssue missingTake(GspGroup group, LocalDate date) {
        return new CalculationIssue(
                IssueCode.MISSING_TAKE, null, 0, "no GSP group take (CDCA-I029) loaded for " + group + " on " + date);
    }
}
