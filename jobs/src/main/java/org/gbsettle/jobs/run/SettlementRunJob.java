package org.gbsettle.jobs.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gbsettle.engine.SettlementCalculator;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.jobs.io.postgres.JdbcReferenceDataRepository;
import org.gbsettle.jobs.io.postgres.JdbcRunOutputRepository;
import org.gbsettle.jobs.io.postgres.JdbcSettlementRunRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The settlement run as a Spring Batch job, {@value #JOB_NAME}, with one identifying parameter {@value #RUN_ID} (the
 * {@code settlement_run} row it computes, created before the job starts):
 *
 * <ol>
 *   <li>{@code prepare} (on every attempt): GSP groups, the check of mandatory reference data, partitions, meter data
 *       read once, rows registered in no group quarantined ({@link RunPreparation});
 *   <li>{@code calculate}: partitioned by GSP group, run on a local thread pool of {@code gbsettle.run.pool-size}
 *       threads; {@code gbsettle.run.partitions} = 0 gives one partition per GSP group, N deals the groups in turn
 *       into at most N partitions; each partition step calculates and writes its groups ({@link
 *       PartitionCalculation}); with {@code gbsettle.partitioning.mode=remote} the partitions are sent to worker JVMs
 *       instead ({@link RemotePartitionHandler}, {@link PartitionWorker});
 *   <li>{@code publish}: manifest, fingerprints and the completion marker ({@link RunPublication}).
 * </ol>
 *
 * <p>With {@code gbsettle.partitioning.target-partitions} = N above 0, the first preparation cuts the GSP groups
 * heavier than 1/N of the run's metering systems into MPAN-range slices ({@link RunSlices}), so that groups of very
 * different sizes spread evenly over the threads or workers: the step {@code sample} (before {@code calculate}) gives
 * each slice's load-shape sample, {@code calculate} calculates the slices besides the whole groups (up to but not
 * including the correction), and {@code combine} (after it) combines each cut group's slices exactly, corrects the group
 * and writes it as a whole group's partition does. Both steps have no partitions when no group is cut. The outputs are
 * byte for byte those of whole groups.</p>
 *
 * <p>A failed run is restarted as a Spring Batch restart of the same job instance: the partition step executions
 * that completed are not run again, and a partition whose GSP groups were all written is skipped even if its step
 * did not record the completion.
 */
@Configuration(value = "settlementRunJobConfiguration", proxyBeanMethods = false)
public class SettlementRunJob {

    /** The job's name in the Spring Batch job repository. */
    public static final String JOB_NAME = "settlementRun";

    /** The identifying job parameter: the settlement run id. */
    public static final String RUN_ID = "run.id";

    /** The partition execution context key holding the partition's GSP group ids, joined by {@code +}. */
    static final String GROUPS = "gspGroups";

    /**
     * The partition execution context key of a sliced group's partition: {@value #PHASE_SAMPLE}, {@value #PHASE_SLICE}
     * or {@value #PHASE_COMBINE}; absent for whole groups.
     */
    static final String PHASE = "phase";

    /** The slice's load-shape sample. */
    static final String PHASE_SAMPLE = "sample";

    /** The slice calculated. */
    static final String PHASE_SLICE = "slice";

    /** The group's slices combined, corrected and written. */
    static final String PHASE_COMBINE = "combine";

    /** The partition execution context key holding a slice's piece number (from 1). */
    static final String PIECE = "piece";

    /**
     * The job: its steps, the {@link RunJobListener}, then every other {@link JobExecutionListener} bean qualified
     * {@code @Qualifier(SettlementRunJob.JOB_NAME)} (observers such as the run metrics), in their order; Spring Batch
     * calls their {@code afterJob} in reverse, so the run listener's last.
     */
    @Bean
    Job settlementRunJob(
            JobRepository jobRepository,
            Step runPrepareStep,
            Step runSampleStep,
            Step runCalculateStep,
            Step runCombineStep,
            Step runPublishStep,
            RunJobListener listener,
            @Qualifier(JOB_NAME) ObjectProvider<JobExecutionListener> observers) {
        SimpleJobBuilder job = new JobBuilder(JOB_NAME, jobRepository)
                .start(runPrepareStep)
                .next(runSampleStep)
                .next(runCalculateStep)
                .next(runCombineStep)
                .next(runPublishStep)
                .listener(listener);
        observers.orderedStream().forEach(job::listener);
        return job.build();
    }

    @Bean
    Step runPrepareStep(
            JobRepository jobRepository,
            JdbcSettlementRunRepository runs,
            JdbcReferenceDataRepository reference,
            JdbcRunOutputRepository outputs,
            RunMeterData meterData,
            PlatformTransactionManager transactionManager,
            RunSlices slices,
            @Value("${gbsettle.partitioning.target-partitions:0}") int targetPartitions,
            SharedRunDay shared,
            PartitioningSettings settings) {
        return new StepBuilder("prepare", jobRepository)
                .tasklet(
                        new RunPreparation(
                                runs,
                                reference,
                                outputs,
                                meterData,
                                transactionManager,
                                slices,
                                targetPartitions,
                                shared,
                                settings.remote()),
                        new ResourcelessTransactionManager())
                .allowStartIfComplete(true)
                .build();
    }

    /** The load-shape samples of the slices of the GSP groups the run cut (none when every group is whole). */
    @Bean
    Step runSampleStep(
            JobRepository jobRepository,
            @Qualifier("runSamplePartitioner") Partitioner partitioner,
            Step runPartitionStep,
            @Qualifier("runPartitionExecutor") ThreadPoolTaskExecutor runPartitionExecutor,
            PartitionRequests requests,
            RunShutdown shutdown,
            PartitioningSettings settings) {
        return partitioned(
                "sample", "sample", partitioner, runPartitionStep, runPartitionExecutor, requests, shutdown, settings);
    }

    /** The whole GSP groups (calculated and written) and the slices of the groups the run cut (calculated). */
    @Bean
    Step runCalculateStep(
            JobRepository jobRepository,
            @Qualifier("runPartitioner") Partitioner partitioner,
            Step runPartitionStep,
            @Qualifier("runPartitionExecutor") ThreadPoolTaskExecutor runPartitionExecutor,
            PartitionRequests requests,
            RunShutdown shutdown,
            PartitioningSettings settings) {
        return partitioned(
                "calculate",
                "partition",
                partitioner,
                runPartitionStep,
                runPartitionExecutor,
                requests,
                shutdown,
                settings);
    }

    /** Each GSP group the run cut: its slices combined, corrected and written (none when every group is whole). */
    @Bean
    Step runCombineStep(
            JobRepository jobRepository,
            @Qualifier("runCombinePartitioner") Partitioner partitioner,
            Step runPartitionStep,
            @Qualifier("runPartitionExecutor") ThreadPoolTaskExecutor runPartitionExecutor,
            PartitionRequests requests,
            RunShutdown shutdown,
            PartitioningSettings settings) {
        return partitioned(
                "combine",
                "combine",
                partitioner,
                runPartitionStep,
                runPartitionExecutor,
                requests,
                shutdown,
                settings);
    }

    /**
     * The partitioning settings: {@code gbsettle.partitioning.mode} ({@code local} or {@code remote}), {@code
     * gbsettle.run.partitions} (0: a partition per GSP group; N: whole groups dealt into at most N), the remote
     * poll interval and worker timeout.
     */
    record PartitioningSettings(
            JobRepository jobRepository,
            boolean remote,
            int partitions,
            java.time.Duration pollInterval,
            java.time.Duration workerTimeout) {}

    @Bean
    PartitioningSettings runPartitioningSettings(
            JobRepository jobRepository,
            @Value("${gbsettle.run.partitions:0}") int partitions,
            @Value("${gbsettle.partitioning.mode:local}") String mode,
            @Value("${gbsettle.partitioning.poll-interval:1s}") String pollInterval,
            @Value("${gbsettle.partitioning.worker-timeout:30s}") String workerTimeout) {
        if (partitions < 0) {
            throw new IllegalArgumentException("gbsettle.run.partitions is " + partitions + ", not 0 or more");
        }
        boolean remote = mode.strip().equalsIgnoreCase("remote");
        if (!remote && !mode.strip().equalsIgnoreCase("local")) {
            throw new IllegalArgumentException("gbsettle.partitioning.mode is " + mode + ", not local or remote");
        }
        return new PartitioningSettings(
                jobRepository,
                remote,
                partitions,
                DurationStyle.detectAndParse(pollInterval.strip()),
                DurationStyle.detectAndParse(workerTimeout.strip()));
    }

    /**
     * A step partitioned by {@code partitioner} over the partition step: on the local thread pool, or sent to the
     * workers ({@code gbsettle.partitioning.mode=remote}, {@link RemotePartitionHandler}).
     */
    private static Step partitioned(
            String name,
            String partitionerName,
            Partitioner partitioner,
            Step runPartitionStep,
            ThreadPoolTaskExecutor executor,
            PartitionRequests requests,
            RunShutdown shutdown,
            PartitioningSettings settings) {
        // partition step executions named '<partitionerName>:<partition>', so that the three steps' names differ
        // (by default they would all be named after the partition step they run)
        SimpleStepExecutionSplitter splitter =
                new SimpleStepExecutionSplitter(settings.jobRepository(), partitionerName, partitioner);
        if (settings.remote()) {
            // the partitions go to 'gbsettle worker' JVMs through partition_request
            return new StepBuilder(name, settings.jobRepository())
                    .partitioner(partitionerName, partitioner)
                    .splitter(splitter)
                    .partitionHandler(new RemotePartitionHandler(
                            settings.jobRepository(),
                            requests,
                            shutdown,
                            settings.pollInterval(),
                            settings.workerTimeout(),
                            settings.partitions()))
                    .build();
        }
        return new StepBuilder(name, settings.jobRepository())
                .partitioner(partitionerName, partitioner)
                .splitter(splitter)
                .step(runPartitionStep)
                .taskExecutor(executor)
                .gridSize(settings.partitions())
                .build();
    }

    @Bean
    Step runPartitionStep(
            JobRepository jobRepository,
            JdbcSettlementRunRepository runs,
            JdbcReferenceDataRepository reference,
            JdbcRunOutputRepository outputs,
            RunMeterData meterData,
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            @Value("${gbsettle.run.engine-threads:1}") int engineThreads,
            RunShutdown shutdown,
            @Value("${gbsettle.run.test.partition-delay:0s}") String testDelay,
            PartitionRequests requests,
            RunSlices slices) {
        if (engineThreads < 1) {
            throw new IllegalArgumentException("gbsettle.run.engine-threads is " + engineThreads + ", not 1 or more");
        }
        return new StepBuilder("partition", jobRepository)
                .tasklet(
                        new PartitionCalculation(
                                runs,
                                reference,
                                outputs,
                                meterData,
                                jdbc,
                                transactionManager,
                                engineThreads,
                                shutdown,
                                DurationStyle.detectAndParse(testDelay.strip()),
                                requests,
                                slices),
                        new ResourcelessTransactionManager())
                .build();
    }

    @Bean
    Step runPublishStep(
            JobRepository jobRepository,
            JdbcSettlementRunRepository runs,
            RunMeterData meterData,
            JdbcClient jdbc,
            org.gbsettle.jobs.events.RunEvents events,
            PlatformTransactionManager transactionManager,
            RunSlices slices,
            SharedRunDay shared) {
        return new StepBuilder("publish", jobRepository)
                .tasklet(
                        new RunPublication(runs, meterData, jdbc, events, transactionManager, slices, shared),
                        new ResourcelessTransactionManager())
                .build();
    }

    /**
     * The calculate step's partitions: the run's whole GSP groups (from {@code run_partition}), one each or dealt into
     * {@code gridSize}, then each slice of the groups it cut ({@code run_group_slice}).
     */
    @Bean
    @StepScope
    Partitioner runPartitioner(
            JdbcSettlementRunRepository runs,
            RunSlices slices,
            @Value("#{jobParameters['run.id']}") @Nullable Long runId) {
        return gridSize -> {
            long run = Objects.requireNonNull(runId, RUN_ID);
            Map<String, List<RunSlices.Slice>> plan = slices.plan(run);
            List<String> whole = new ArrayList<>(runs.partitions(run).keySet());
            whole.removeAll(plan.keySet());
            Map<String, ExecutionContext> out = whole.isEmpty() ? new LinkedHashMap<>() : partitions(whole, gridSize);
            out.putAll(slicePartitions(plan, PHASE_SLICE));
            return out;
        };
    }

    /** The sample step's partitions: each slice, when the engine's load shapes need the group's sample. */
    @Bean
    @StepScope
    Partitioner runSamplePartitioner(RunSlices slices, @Value("#{jobParameters['run.id']}") @Nullable Long runId) {
        return gridSize -> SettlementCalculator.slicesNeedGroupSample(CalculationConfig.defaults())
                ? slicePartitions(slices.plan(Objects.requireNonNull(runId, RUN_ID)), PHASE_SAMPLE)
                : new LinkedHashMap<>();
    }

    /** The combine step's partitions: one per GSP group the run cut. */
    @Bean
    @StepScope
    Partitioner runCombinePartitioner(RunSlices slices, @Value("#{jobParameters['run.id']}") @Nullable Long runId) {
        return gridSize -> {
            Map<String, ExecutionContext> out = new LinkedHashMap<>();
            for (String group :
                    slices.plan(Objects.requireNonNull(runId, RUN_ID)).keySet()) {
                ExecutionContext context = new ExecutionContext();
                context.putString(GROUPS, group);
                context.putString(PHASE, PHASE_COMBINE);
                out.put(group, context);
            }
            return out;
        };
    }

    /** A partition per slice, named as the engine's planner names it ({@code _A#2of5}). */
    static Map<String, ExecutionContext> slicePartitions(Map<String, List<RunSlices.Slice>> plan, String phase) {
        Map<String, ExecutionContext> out = new LinkedHashMap<>();
        plan.values()
                .forEach(group -> group.forEach(slice -> {
                    ExecutionContext context = new ExecutionContext();
                    context.putString(GROUPS, slice.group());
                    context.putString(PHASE, phase);
                    context.putInt(PIECE, slice.piece());
                    out.put(slice.name(), context);
                }));
        return out;
    }

    /**
     * Partitions of GSP groups: one per group when {@code gridSize} is 0 or at least the number of groups, else the
     * groups (in order) dealt in turn into {@code gridSize} partitions. Named by their groups joined by {@code +}.
     */
    static Map<String, ExecutionContext> partitions(List<String> groups, int gridSize) {
        int n = gridSize <= 0 || gridSize >= groups.size() ? groups.size() : gridSize;
        List<List<String>> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < groups.size(); i++) {
            parts.get(i % n).add(groups.get(i));
        }
        Map<String, ExecutionContext> out = new LinkedHashMap<>();
        for (List<String> part : parts) {
            String name = String.join("+", part);
            ExecutionContext context = new ExecutionContext();
            context.putString(GROUPS, name);
            out.put(name, context);
        }
        return out;
    }

    /** The threads partitions run on. */
    @Bean
    ThreadPoolTaskExecutor runPartitionExecutor(@Value("${gbsettle.run.pool-size:2}") int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("gbsettle.run.pool-size is " + poolSize + ", not 1 or more");
        }
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(poolSize);
        executor.setMaxPoolSize(poolSize);
        executor.setThreadNamePrefix("gbsettle-partition-");
        // on shutdown the partitions in flight finish (RunShutdown makes the queued ones fail at once, unstarted)
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(60);
        executor.initialize();
        return executor;
    }

    /** The settlement run id of the running job. */
    static long runId(ChunkContext chunk) {
        Long id = chunk.getStepContext().getStepExecution().getJobParameters().getLong(RUN_ID);
        return Objects.requireNonNull(id, RUN_ID);
    }

    /** The GSP group ids of the running partition. */
    static List<String> groups(ChunkContext chunk) {
        String groups =
                chunk.getStepContext().getStepExecution().getExecutionContext().getString(GROUPS);
        return Arrays.asList(groups.split("\\+"));
    }
}
