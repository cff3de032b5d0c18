package org.gbsettle.jobs.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.gbsettle.jobs.GbSettleException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Recovery of runs whose process is gone: {@link #recoverAbandoned()} finds the runs recorded as running (in {@code
 * settlement_run}, or whose Spring Batch job execution is still recorded as running) whose run lock no session holds,
 * marks each abandoned job execution failed ({@code JobOperator.recover}) and restarts the run from its finished
 * partitions, holding its lock; runs stopped by a shutdown (failed with {@link RunShutdown#STOPPED_MESSAGE}) are
 * restarted too. The {@code recover} command calls it, and {@code serve} at start.
 */
@Component
public final class RunRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(RunRecovery.class);

    private final RunLauncher launcher;
    private final JobRepository jobRepository;
    private final JdbcClient jdbc;
    private final JobOperator jobOperator;

    public RunRecovery(RunLauncher launcher, JobRepository jobRepository, JdbcClient jdbc, JobOperator jobOperator) {
        this.launcher = launcher;
        this.jobRepository = jobRepository;
        this.jdbc = jdbc;
        this.jobOperator = jobOperator;
    }

    /** What recovery did with one run. */
    public enum Action {
        /** Restarted and now complete. */
        RECOVERED,
        /** Its run lock is held: a live process is running it, left alone. */
        IN_PROGRESS,
        /** Restarted, but failed again (the message says why); it stays FAILED. */
        FAILED
    }

    /**
     * One run recovery looked at.
     *
     * @param outcome the completed run's outcome when {@link Action#RECOVERED}
     * @param message why it failed again, when {@link Action#FAILED}
     */
    public record Result(
            long runId,
            Action action,
            @Nullable RunOutcome outcome,
            @Nullable String message) {
        public Result {
            Objects.requireNonNull(action, "action");
        }
    }

    /**
     * Restarts every run whose process is gone (and every run stopped by a shutdown), oldest first, each to its end.
     *
     * @return what was done with each candidate; empty when there was nothing to recover
     */
    public List<Result> recoverAbandoned() {
        endExecutionsOfCompleteRuns();
        List<Result> results = new ArrayList<>();
        for (long runId : candidates()) {
            try {
                Optional<RunOutcome> outcome = launcher.restartIfAbandoned(runId);
                if (outcome.isEmpty()) {
                    LOG.info("Run {}: in progress in another process (its run lock is held): left alone", runId);
                    results.add(new Result(runId, Action.IN_PROGRESS, null, null));
                } else {
                    LOG.info("Run {}: recovered, COMPLETE", runId);
                    results.add(new Result(runId, Action.RECOVERED, outcome.get(), null));
                }
            } catch (GbSettleException e) {
                LOG.warn("Run {}: recovery failed: {}", runId, e.getMessage());
                results.add(new Result(runId, Action.FAILED, null, e.getMessage()));
            }
        }
        return results;
    }

    /**
     * Ends the job executions recorded as running of runs that are {@code COMPLETE} and whose run lock no session
     * holds: the process died after the completion committed but before its job execution ended (seen by
     * CrashConsistencyIT, a kill at the test hook's {@code after-completion} point). The execution is marked failed
     * ({@code JobOperator.recover}), so that it no longer counts as running; the run stays {@code COMPLETE}, its
     * outputs untouched.
     */
    private void endExecutionsOfCompleteRuns() {
        for (JobExecution e : jobRepository.findRunningJobExecutions(SettlementRunJob.JOB_NAME)) {
            Long id = e.getJobParameters().getLong(SettlementRunJob.RUN_ID);
            boolean complete = id != null
                    && "COMPLETE"
                            .equals(jdbc.sql("SELECT status FROM settlement_run WHERE run_id = :run")
                                    .param("run", id)
                                    .query(String.class)
                                    .optional()
                                    .orElse(null));
            if (complete && launcher.ifAbandoned(id, () -> jobOperator.recover(e))) {
                LOG.info(
                        "Run {}: COMPLETE, but its job execution {} was left running by a process that is gone after"
                                + " the completion committed: the execution is marked ended (FAILED), the run stays"
                                + " COMPLETE",
                        id,
                        e.getId());
            }
        }
    }

    /**
     * The runs to look at, in run id order: recorded as {@code PENDING} or {@code RUNNING}, or with a settlement run
     * job execution recorded as running, or failed by a shutdown.
     */
    List<Long> candidates() {
        TreeSet<Long> ids = new TreeSet<>(jdbc.sql("""
                        SELECT run_id FROM settlement_run
                         WHERE status IN ('PENDING', 'RUNNING')
                            OR (status = 'FAILED' AND failure_message LIKE :stopped)
                        """)
                .param("stopped", "%" + RunShutdown.STOPPED_MESSAGE.substring(0, 20) + "%")
                .query(Long.class)
                .list());
        for (JobExecution e : jobRepository.findRunningJobExecutions(SettlementRunJob.JOB_NAME)) {
            JobParameters p = e.getJobParameters();
            Long id = p.getLong(SettlementRunJob.RUN_ID);
            if (id != null) {
                ids.add(id);
            }
        }
        // a complete run has nothing to restart (a job execution of it left running is ended before)
        ids.removeIf(id -> "COMPLETE"
                .equals(jdbc.sql("SELECT status FROM settlement_run WHERE run_id = :run")
                        .param("run", id)
                        .query(String.class)
                        .optional()
                        .orElse("COMPLETE")));
        return List.copyOf(ids);
    }
}
