package org.gbsettle.jobs.run;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.gbsettle.engine.run.CalculationConfig;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.events.RunEvents;
import org.gbsettle.jobs.io.postgres.JdbcSettlementRunRepository;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts and restarts settlement runs. {@link #run(RunRequest)} creates the immutable {@code settlement_run} row (the
 * run's identity, cut-off, who and why, and the reference load version and meter-data file it reads up to) and runs
 * the {@link SettlementRunJob} for it to the end; {@link #restart(long, boolean)} restarts a failed run's job, which
 * recomputes only the partitions that did not complete. Both return the completed run's outcome, or throw with the
 * operator's message of what failed (the run is then {@code FAILED} and can be restarted).
 */
@Component
public final class SettlementRunService {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementRunService.class);

    private final JdbcSettlementRunRepository runs;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final JdbcClient jdbc;
    private final RunEvents events;
    private final TransactionTemplate transactions;
    private final String settings;

    public SettlementRunService(
            JdbcSettlementRunRepository runs,
            JobOperator jobOperator,
            JobRepository jobRepository,
            @Qualifier("settlementRunJob") Job job,
            JdbcClient jdbc,
            RunEvents events,
            PlatformTransactionManager transactionManager,
            @Value("${gbsettle.run.partitions:0}") int partitions,
            @Value("${gbsettle.run.pool-size:2}") int poolSize,
            @Value("${gbsettle.run.engine-threads:1}") int engineThreads,
            @Value("${gbsettle.partitioning.target-partitions:0}") int targetPartitions) {
        this.runs = runs;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = job;
        this.jdbc = jdbc;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.settings = "\"partitions\": " + partitions + ", \"pool_size\": " + poolSize + ", \"engine_threads\": "
                + engineThreads + ", \"target_partitions\": " + targetPartitions;
    }

    /**
     * Creates a settlement run and runs it to completion (without the run lock: {@link RunLauncher} takes it).
     *
     * @throws GbSettleException if the run fails (it is then recorded as {@code FAILED} with the message)
     */
    public RunOutcome run(RunRequest request) {
        return execute(create(request, false));
    }

    /**
     * Creates a settlement run ({@code PENDING}): its immutable row with the next run number (unless the request
     * names one), the data cut-off (now unless given), who, why and whether it was forced, and the inputs it pins;
     * its started event is written in the same transaction.
     *
     * @return the run id
     */
    public long create(RunRequest request, boolean forced) {
        Instant cutoff =
                (request.dataCutoff() == null ? Instant.now() : request.dataCutoff()).truncatedTo(ChronoUnit.MICROS);
        int number = request.runNumber() != null
                ? request.runNumber()
                : runs.nextRunNumber(request.settlementDate(), request.runType());
        CalculationConfig config = CalculationConfig.defaults();
        long runId = Objects.requireNonNull(transactions.execute(tx -> {
            long id = runs.create(
                    request.settlementDate(),
                    request.runType(),
                    number,
                    cutoff,
                    request.startedBy(),
                    request.reason(),
                    engineVersion(),
                    "{\"calculation\": " + RunManifest.quote(config.toString()) + ", " + settings + "}",
                    forced);
            events.started(id);
            return id;
        }));
        LOG.info(
                "Run {}: {} {} {} created, data cut-off {}, by {}{}",
                runId,
                request.settlementDate(),
                request.runType(),
                number,
                cutoff,
                request.startedBy(),
                forced ? ", forced" : "");
        return runId;
    }

    /**
     * Runs a created run's job to the end.
     *
     * @throws GbSettleException if the run fails (it is then recorded as {@code FAILED} with the message)
     */
    public RunOutcome execute(long runId) {
        JobExecution execution;
        try {
            execution = jobOperator.start(job, parameters(runId));
        } catch (org.springframework.batch.core.launch.JobExecutionAlreadyRunningException
                | org.springframework.batch.core.launch.JobRestartException
                | org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException
                | org.springframework.batch.core.job.parameters.InvalidJobParametersException e) {
            String message = "the settlement run job could not start: " + e.getMessage();
            transactions.executeWithoutResult(tx -> {
                if (runs.markFailed(runId, message)) {
                    events.failed(runId, message);
                }
            });
            throw new GbSettleException(
                    "run " + runId + ": the settlement run job could not start: " + e.getMessage(), e);
        }
        return finished(runId, execution);
    }

    /** The last job execution of a run, if its job was ever started. */
    public java.util.Optional<JobExecution> lastExecution(long runId) {
        JobInstance instance = jobRepository.getJobInstance(SettlementRunJob.JOB_NAME, parameters(runId));
        return java.util.Optional.ofNullable(instance == null ? null : jobRepository.getLastJobExecution(instance));
    }

    /**
     * Restarts a run that failed: its job runs again from the failed step, recomputing only the partitions not
     * complete, from the inputs the run pinned, so that its outputs equal those of an uninterrupted run.
     *
     * @param recover whether a job execution still recorded as running is known to be dead (its process was killed):
     *     it is then marked failed first; without this such a run is refused
     * @throws GbSettleException if the run does not exist, is complete, is running, or fails again
     */
    public RunOutcome restart(long runId, boolean recover) {
        RunDefinition run = runs.get(runId);
        if (run.status() == RunStatus.COMPLETE) {
            throw new GbSettleException("run " + runId + " is COMPLETE: there is nothing to restart (start a new run"
                    + " of " + run.settlementDate() + " " + run.runType() + " to recompute it)");
        }
        boolean outputsDeleted = jdbc.sql(
                        "SELECT outputs_deleted_at IS NOT NULL FROM settlement_run WHERE run_id = :run")
                .param("run", runId)
                .query(Boolean.class)
                .single();
        if (outputsDeleted) {
            throw new GbSettleException("run " + runId + " cannot be restarted: housekeeping deleted its outputs (it"
                    + " was never authoritative and is past its retention); start a new run of "
                    + run.settlementDate() + " " + run.runType() + " instead");
        }
        JobInstance instance = jobRepository.getJobInstance(SettlementRunJob.JOB_NAME, parameters(runId));
        JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
        JobExecution execution;
        try {
            if (last == null) {
                execution = jobOperator.start(job, parameters(runId));
            } else {
                if (last.isRunning()) {
                    if (!recover) {
                        throw new GbSettleException("run " + runId + " is " + run.status() + ": its job execution "
                                + last.getId() + " (started " + last.getStartTime() + ") is recorded as "
                                + last.getStatus() + "; if the process that ran it is gone (killed, machine lost),"
                                + " restart with --recover");
                    }
                    LOG.info("Run {}: job execution {} recovered (marked failed)", runId, last.getId());
                    last = jobOperator.recover(last);
                }
                LOG.info("Run {}: restarting job execution {} ({})", runId, last.getId(), last.getStatus());
                execution = jobOperator.restart(last);
            }
        } catch (org.springframework.batch.core.launch.JobExecutionAlreadyRunningException
                | org.springframework.batch.core.launch.JobRestartException
                | org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException
                | org.springframework.batch.core.job.parameters.InvalidJobParametersException e) {
            throw new GbSettleException("run " + runId + " cannot be restarted: " + e.getMessage(), e);
        }
        return finished(runId, execution);
    }

    private RunOutcome finished(long runId, JobExecution execution) {
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            RunDefinition run = runs.get(runId);
            String message =
                    run.status() == RunStatus.FAILED ? failureMessage(runId) : RunJobListener.failureMessage(execution);
            String prefix = "run " + runId + ": ";
            if (message.startsWith(prefix)) {
                message = message.substring(prefix.length());
            }
            boolean restartable = runs.partitions(runId).containsValue(RunStatus.FAILED);
            throw new GbSettleException("run " + runId + " FAILED (job execution " + execution.getId() + "): "
                    + message
                    + (restartable
                            ? "\nThe outputs of the GSP groups that completed are kept; once the cause is fixed,"
                                    + " 'restart --run " + runId + "' recomputes the others."
                            : ""));
        }
        RunOutcome o = outcome(runId);
        return new RunOutcome(
                o.runId(),
                o.runNumber(),
                o.dataCutoff(),
                o.inputFingerprint(),
                o.outputFingerprint(),
                o.partitions(),
                o.unassignedQuarantined(),
                timing(execution));
    }

    /**
     * The job execution's duration, then each step's (a partitioned step's partitions together, as {@code sample},
     * {@code calculate} or {@code combine}), in the order they started; steps not run in this execution (complete before
     * a restart) are left out, and so are {@code sample} and {@code combine} when they had no partitions.
     */
    static List<RunOutcome.StepTime> timing(JobExecution execution) {
        List<RunOutcome.StepTime> out = new ArrayList<>();
        java.time.Duration job = between(execution.getStartTime(), execution.getEndTime());
        if (job != null) {
            out.add(new RunOutcome.StepTime("job", job));
        }
        java.util.Set<String> partitioned = new java.util.HashSet<>();
        execution.getStepExecutions().stream()
                .map(s -> s.getStepName())
                .filter(n -> n.contains(":"))
                .forEach(n -> partitioned.add(n.substring(0, n.indexOf(':'))));
        execution.getStepExecutions().stream()
                .filter(s -> !s.getStepName().contains(":"))
                // sample and combine have partitions only when GSP groups are cut into slices
                .filter(s ->
                        !(s.getStepName().equals("sample") || s.getStepName().equals("combine"))
                                || partitioned.contains(s.getStepName()))
                .sorted(java.util.Comparator.comparing(
                        s -> Objects.requireNonNullElse(s.getStartTime(), java.time.LocalDateTime.MIN)))
                .forEach(s -> {
                    java.time.Duration d = between(s.getStartTime(), s.getEndTime());
                    if (d != null) {
                        out.add(new RunOutcome.StepTime(s.getStepName(), d));
                    }
                });
        return out;
    }

    private static java.time.@Nullable Duration between(
            java.time.@Nullable LocalDateTime start, java.time.@Nullable LocalDateTime end) {
        return start == null || end == null ? null : java.time.Duration.between(start, end);
    }

    private String failureMessage(long runId) {
        return jdbc.sql("SELECT COALESCE(failure_message, '') FROM settlement_run WHERE run_id = :run")
                .param("run", runId)
                .query(String.class)
                .single();
    }

    /** A complete run's outcome, from what it wrote. */
    public RunOutcome outcome(long runId) {
        RunDefinition run = runs.get(runId);
        Map<String, BigDecimal[]> cf = new HashMap<>();
        jdbc.sql("SELECT gsp_group, min(gcf), max(gcf) FROM gsp_group_correction WHERE run_id = :run GROUP BY"
                        + " gsp_group")
                .param("run", runId)
                .query((java.sql.ResultSet rs) -> {
                    cf.put(rs.getString(1), new BigDecimal[] {rs.getBigDecimal(2), rs.getBigDecimal(3)});
                });
        List<PartitionOutcome> partitions = new ArrayList<>(jdbc.sql("""
                        SELECT gsp_group, metering_systems, meter_rows_read, meter_rows_quarantined,
                               output_fingerprint
                          FROM run_partition WHERE run_id = :run ORDER BY gsp_group
                        """)
                .param("run", runId)
                .query((rs, n) -> {
                    String group = rs.getString(1);
                    BigDecimal @Nullable [] range = cf.get(group);
                    return new PartitionOutcome(
                            group,
                            rs.getInt(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            range == null ? null : range[0],
                            range == null ? null : range[1],
                            Objects.requireNonNullElse(rs.getString(5), ""));
                })
                .list());
        record Fingerprints(String in, String out) {}
        Fingerprints f = jdbc.sql(
                        "SELECT input_fingerprint, output_fingerprint FROM settlement_run WHERE run_id =" + " :run")
                .param("run", runId)
                .query((rs, n) -> new Fingerprints(
                        Objects.requireNonNullElse(rs.getString(1), ""),
                        Objects.requireNonNullElse(rs.getString(2), "")))
                .single();
        int unassigned = jdbc.sql("SELECT count(*) FROM quarantine WHERE run_id = :run AND gsp_group IS NULL")
                .param("run", runId)
                .query(Integer.class)
                .single();
        return new RunOutcome(
                runId, run.runNumber(), run.dataCutoff(), f.in(), f.out(), partitions, unassigned, List.of());
    }

    private static JobParameters parameters(long runId) {
        return new JobParametersBuilder()
                .addLong(SettlementRunJob.RUN_ID, runId)
                .toJobParameters();
    }

    /** The application's version from the build ({@code version.properties}), the run's engine version. */
    static String engineVersion() {
        Properties p = new Properties();
        try (InputStream in = SettlementRunService.class.getResourceAsStream("/org/gbsettle/jobs/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
