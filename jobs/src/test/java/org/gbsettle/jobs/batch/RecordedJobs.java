package org.gbsettle.jobs.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the JDBC job repository holds of a job's executions, read back from the {@code batch_*} tables (the step
 * execution context through the job repository, which reads and deserialises it from the database): for the tests of
 * the jobs that run the commands.
 */
public final class RecordedJobs {

    /**
     * One execution of a one-step job.
     *
     * @param identifying its identifying parameters, name to value as stored
     * @param nonIdentifying its other parameters
     * @param stepContext the step's execution context, as read back from the database
     */
    public record Execution(
            long instanceId,
            long executionId,
            String status,
            Map<String, String> identifying,
            Map<String, String> nonIdentifying,
            String stepName,
            String stepStatus,
            long readCount,
            long writeCount,
            long filterCount,
            String stepExitMessage,
            Map<String, Object> stepContext) {}

    private RecordedJobs() {}

    /** The executions of a job, in the order they were created. */
    public static List<Execution> of(JdbcClient jdbc, JobRepository repository, String jobName) {
        record Row(long instance, long execution, String status) {}
        List<Row> rows = jdbc.sql("""
                        SELECT i.job_instance_id, e.job_execution_id, e.status
                          FROM batch_job_instance i JOIN batch_job_execution e USING (job_instance_id)
                         WHERE i.job_name = :name
                         ORDER BY e.job_execution_id
                        """)
                .param("name", jobName)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                .list();
        return rows.stream()
                .map(r -> {
                    Map<String, String> identifying = new LinkedHashMap<>();
                    Map<String, String> other = new LinkedHashMap<>();
                    jdbc.sql("""
                                    SELECT parameter_name, parameter_value, identifying
                                      FROM batch_job_execution_params WHERE job_execution_id = :id
                                     ORDER BY parameter_name
                                    """).param("id", r.execution()).query(rs -> {
                        ("Y".equals(rs.getString(3)) ? identifying : other).put(rs.getString(1), rs.getString(2));
                    });
                    record Step(long id, String name, String status, long read, long write, long filter, String exit) {}
                    Step step = jdbc.sql("""
                                    SELECT step_execution_id, step_name, status, read_count, write_count, filter_count,
                                           COALESCE(exit_message, '')
                                      FROM batch_step_execution WHERE job_execution_id = :id
                                    """)
                            .param("id", r.execution())
                            .query((rs, n) -> new Step(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getLong(4),
                                    rs.getLong(5),
                                    rs.getLong(6),
                                    rs.getString(7)))
                            .single();
                    JobExecution execution = Objects.requireNonNull(repository.getJobExecution(r.execution()));
                    @Nullable StepExecution stepExecution = repository.getStepExecution(r.execution(), step.id());
                    Map<String, Object> context = new LinkedHashMap<>();
                    if (stepExecution != null) {
                        stepExecution.getExecutionContext().entrySet().stream()
                                .sorted(Map.Entry.comparingByKey())
                                .forEach(e -> context.put(e.getKey(), e.getValue()));
                    }
                    return new Execution(
                            r.instance(),
                            execution.getId(),
                            r.status(),
                            identifying,
                            other,
                            step.name(),
                            step.status(),
                            step.read(),
                            step.write(),
                            step.filter(),
                            step.exit(),
                            context);
                })
                .toList();
    }
}
