package org.gbsettle.jobs.run;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.gbsettle.engine.run.MissingReferenceDataException;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.events.RunEvents;
import org.gbsettle.jobs.io.postgres.JdbcSettlementRunRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends a settlement run job: forgets the run's meter data, and when the job did not complete marks the run
 * {@code FAILED} with the operator's messages of every failure (the partitions' first, in step order), and its failed
 * event in the same transaction.
 */
@Component
class RunJobListener implements JobExecutionListener {

    private static final Logger LOG = LoggerFactory.getLogger(RunJobListener.class);

    private final JdbcSettlementRunRepository runs;
    private final RunMeterData meterData;
    private final RunEvents events;
    private final TransactionTemplate transactions;

    RunJobListener(
            JdbcSettlementRunRepository runs,
            RunMeterData meterData,
            RunEvents events,
            PlatformTransactionManager transactionManager) {
        this.runs = runs;
        this.meterData = meterData;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public void afterJob(JobExecution execution) {
        long runId = Objects.requireNonNull(execution.getJobParameters().getLong(SettlementRunJob.RUN_ID));
        meterData.release(runId);
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return;
        }
        // the run's own row: its id need not be repeated
        String message = failureMessage(execution).replace("run " + runId + ": ", "");
        transactions.executeWithoutResult(tx -> {
            if (runs.markFailed(runId, message)) {
                events.failed(runId, message);
            }
        });
        LOG.info("Run {}: FAILED: {}", runId, message);
    }

    /** The operator's messages of a job execution's failures, each once. */
    static String failureMessage(JobExecution execution) {
        Set<String> messages = new LinkedHashSet<>();
        for (StepExecution step : execution.getStepExecutions()) {
            for (Throwable t : step.getFailureExceptions()) {
                messages.add(message(t));
            }
        }
        for (Throwable t : execution.getFailureExceptions()) {
            messages.add(message(t));
        }
        // the partition manager's own failure only says a partition failed: drop it when a partition said why
        if (messages.size() > 1) {
            messages.removeIf(m -> m.contains("Partition handler returned an unsuccessful step"));
        }
        return messages.isEmpty() ? "the job ended " + execution.getStatus() : String.join("\n", messages);
    }

    private static String message(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof GbSettleException || c instanceof MissingReferenceDataException) {
                return String.valueOf(c.getMessage());
            }
        }
        return String.valueOf(t);
    }
}
