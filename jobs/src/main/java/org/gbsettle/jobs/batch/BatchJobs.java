package org.gbsettle.jobs.batch;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gbsettle.jobs.GbSettleException;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.step.StepExecution;

/**
 * Starting the application's jobs and reading their failures: a job started synchronously to its end, the
 * operator's message of a failed execution, and lists of paths as one job parameter.
 */
public final class BatchJobs {

    private BatchJobs() {}

    /**
     * Runs a job to its end (the job operator runs jobs synchronously).
     *
     * @throws GbSettleException if the job cannot start (e.g. the same job instance exists already)
     */
    public static JobExecution run(JobOperator jobOperator, Job job, JobParameters parameters) {
        try {
            return jobOperator.start(job, parameters);
        } catch (JobExecutionAlreadyRunningException
                | JobRestartException
                | JobInstanceAlreadyCompleteException
                | InvalidJobParametersException e) {
            throw new GbSettleException("the " + job.getName() + " job could not start: " + e.getMessage(), e);
        }
    }

    /**
     * The operator's message of a job execution's failures, each once: the message of the first {@link
     * GbSettleException} in each failure's chain of causes, else the failure itself.
     */
    public static String failureMessage(JobExecution execution) {
        Set<String> messages = new LinkedHashSet<>();
        for (StepExecution step : execution.getStepExecutions()) {
            for (Throwable t : step.getFailureExceptions()) {
                messages.add(message(t));
            }
        }
        for (Throwable t : execution.getFailureExceptions()) {
            messages.add(message(t));
        }
        return messages.isEmpty()
                ? "the " + execution.getJobInstance().getJobName() + " job ended " + execution.getStatus()
                : String.join("\n", messages);
    }

    /**
     * The failure of a job execution as the operator's exception: the first {@link GbSettleException} among its
     * failures' causes, as it is; else one with the {@link #failureMessage}, caused by the first failure (for
     * {@code --debug}).
     */
    public static GbSettleException failure(JobExecution execution) {
        Throwable first = null;
        List<Throwable> failures = new ArrayList<>();
        for (StepExecution step : execution.getStepExecutions()) {
            failures.addAll(step.getFailureExceptions());
        }
        failures.addAll(execution.getFailureExceptions());
        for (Throwable t : failures) {
            if (first == null) {
                first = t;
            }
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof GbSettleException g) {
                    return g;
                }
            }
        }
        return new GbSettleException(failureMessage(execution), first);
    }

    /** The operator's message of a failure, else its deepest cause's message and type. */
    private static String message(Throwable t) {
        Throwable deepest = t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof GbSettleException) {
                return String.valueOf(c.getMessage());
            }
            deepest = c;
        }
        String message = deepest.getMessage();
        return message == null || message.isBlank()
                ? deepest.getClass().getName()
                : message.strip() + " (" + deepest.getClass().getSimpleName() + ")";
    }

    /**
     * Paths (or other items) as one job parameter value: one per line.
     *
     * @throws GbSettleException if an item holds a line break
     */
    public static String lines(List<String> items) {
        for (String item : items) {
            if (item.indexOf('\n') >= 0 || item.indexOf('\r') >= 0) {
                throw new GbSettleException("a file name holds a line break, which is not supported: " + item);
            }
        }
        return String.join("\n", items);
    }

    /** The items of a {@link #lines} value; none for an empty value. */
    public static List<String> splitLines(String value) {
        return value.isEmpty() ? List.of() : Arrays.asList(value.split("\n", -1));
    }

    /** Now, to the microsecond (as PostgreSQL keeps it), in ISO-8601: a job's {@code requested.at}. */
    public static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
    }
}
