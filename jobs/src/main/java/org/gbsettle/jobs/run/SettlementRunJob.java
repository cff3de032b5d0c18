package org.gbsettle.jobs.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
     * The job: its steps, the {@link RunJobListener}, then every other {@link JobExecutionListener} bean qualified
     * {@code @Qualifier(SettlementRunJob.JOB_NAME)} (observers such as the run metrics), in their order; Spring Batch
     * calls their {@code afterJob} in reverse, so the run listener's last.
     */
    @Bean
    Job settlementRunJob(
            JobRepository jobRepository,
            Step runPrepareStep,
            Step runCalculateStep,
            Step runPublishStep,
            RunJobListener listener,
            @Qualifier(JOB_NAME) ObjectProvider<JobExecutionListener> observers) {
        SimpleJobBuilder job = new JobBuilder(JOB_NAME, jobRepository)
                .start(runPrepareStep)
                .next(runCalculateStep)
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
            PlatformTransactionManager transactionManager) {
        return new StepBuilder("prepare", jobRepository)
                .tasklet(
                        new RunPreparation(runs, reference, outputs, meterData, transactionManager),
                        new ResourcelessTransactionManager())
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step runCalculateStep(
            JobRepository jobRepository,
            Partitioner runPartitioner,
            Step runPartitionStep,
            @Qualifier("runPartitionExecutor") ThreadPoolTaskExecutor runPartitionExecutor,
            @Value("${gbsettle.run.partitions:0}") int partitions,
            @Value("${gbsettle.partitioning.mode:local}") String mode,
            PartitionRequests requests,
            RunShutdown shutdown,
            @Value("${gbsettle.partitioning.poll-interval:1s}") String pollInterval,
            @Value("${gbsettle.partitioning.worker-timeout:30s}") String workerTimeout) {
        if (partitions < 0) {
            throw new IllegalArgumentException("gbsettle.run.partitions is " + partitions + ", not 0 or more");
        }
        if (mode.strip().equalsIgnoreCase("remote")) {
            // the partitions go to 'gbsettle worker' JVMs through partition_request
            return new StepBuilder("calculate", jobRepository)
                    .partitioner("partition", runPartitioner)
                    .partitionHandler(new RemotePartitionHandler(
                            jobRepository,
                            requests,
                            shutdown,
                            DurationStyle.detectAndParse(pollInterval.strip()),
                            DurationStyle.detectAndParse(workerTimeout.strip()),
                            partitions))
                    .build();
        }
        if (!mode.strip().equalsIgnoreCase("local")) {
            throw new IllegalArgumentException("gbsettle.partitioning.mode is " + mode + ", not local or remote");
        }
        return new StepBuilder("calculate", jobRepository)
                .partitioner("partition", runPartitioner)
                .step(runPartitionStep)
                .taskExecutor(runPartitionExecutor)
                .gridSize(partitions)
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
            PartitionRequests requests) {
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
                                requests),
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
            PlatformTransactionManager transactionManager) {
        return new StepBuilder("publish", jobRepository)
                .tasklet(
                        new RunPublication(runs, meterData, jdbc, events, transactionManager),
                        new ResourcelessTransactionManager())
                .build();
    }

    /** The run's partitions: its GSP groups (from {@code run_partition}), one each or dealt into {@code gridSize}. */
    @Bean
    @StepScope
    Partitioner runPartitioner(
            JdbcSettlementRunRepository runs, @Value("#{jobParameters['run.id']}") @Nullable Long runId) {
        return gridSize -> partitions(
                List.copyOf(
                        runs.partitions(Objects.requireNonNull(runId, RUN_ID)).keySet()),
                gridSize);
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
