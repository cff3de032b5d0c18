package org.gbsettle.jobs.batch;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The in-process results of job executions, keyed by job execution id: a tasklet puts what it produced (a value
 * object, possibly replaced as it progresses) and the caller that started the job, in the same process, takes it
 * once the execution has ended. What the job repository must keep goes in the step's execution context; this holds
 * the full result for the command to print, and only until it is taken.
 */
@Component
public final class JobResults {

    private final Map<Long, Object> results = new ConcurrentHashMap<>();

    /** Records (or replaces) the result of a job execution. */
    public void put(long jobExecutionId, Object result) {
        results.put(jobExecutionId, Objects.requireNonNull(result, "result"));
    }

    /**
     * Takes the result of a job execution, removing it.
     *
     * @return the result, or null if the execution recorded none
     * @throws IllegalStateException if the result is not of the type asked for
     */
    public <T> @Nullable T take(long jobExecutionId, Class<T> type) {
        Object result = results.remove(jobExecutionId);
        if (result == null) {
            return null;
        }
        if (!type.isInstance(result)) {
            throw new IllegalStateException("job execution " + jobExecutionId + " produced a "
                    + result.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(result);
    }
}
