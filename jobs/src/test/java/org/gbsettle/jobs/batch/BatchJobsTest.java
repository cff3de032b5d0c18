package org.gbsettle.jobs.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gbsettle.jobs.GbSettleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

class BatchJobsTest {

    @Test
    void paths_are_one_per_line_and_split_back_in_order() {
        List<String> paths = List.of("/data/in/b:2026-01-17T05:12:00Z.parquet", "/data/in/a, b.parquet");

        String value = BatchJobs.lines(paths);

        assertThat(value).isEqualTo("/data/in/b:2026-01-17T05:12:00Z.parquet\n/data/in/a, b.parquet");
        assertThat(BatchJobs.splitLines(value)).containsExactlyElementsOf(paths);
        assertThat(BatchJobs.splitLines("")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"'/a\nb'", "'/a\rb'"})
    void a_path_with_a_line_break_is_refused(String path) {
        assertThatThrownBy(() -> BatchJobs.lines(List.of("/ok", path)))
                .isInstanceOf(GbSettleException.class)
                .hasMessageContaining("line break");
    }

    @Test
    void a_failed_steps_operator_exception_is_the_failure_as_it_is() {
        JobExecution execution = execution();
        StepExecution step = new StepExecution(2L, "load", execution);
        GbSettleException operator = new GbSettleException("reference files rejected, nothing loaded: x");
        step.addFailureException(new IllegalStateException("wrapped", operator));
        execution.addStepExecutions(List.of(step));

        assertThat(BatchJobs.failure(execution)).isSameAs(operator);
        assertThat(BatchJobs.failureMessage(execution)).isEqualTo("reference files rejected, nothing loaded: x");
    }

    @Test
    void another_failure_is_its_deepest_causes_message_and_type() {
        JobExecution execution = execution();
        StepExecution step = new StepExecution(2L, "ingest", execution);
        RuntimeException cause = new IllegalStateException("connection refused");
        step.addFailureException(new RuntimeException("step failed", cause));
        execution.addStepExecutions(List.of(step));

        GbSettleException failure = BatchJobs.failure(execution);

        assertThat(failure).hasMessage("connection refused (IllegalStateException)");
        assertThat(failure.getCause()).hasCause(cause);
    }

    @Test
    void a_failure_without_exceptions_names_the_job_and_status() {
        JobExecution execution = execution();
        execution.setStatus(BatchStatus.STOPPED);

        assertThat(BatchJobs.failureMessage(execution)).isEqualTo("the referenceLoad job ended STOPPED");
    }

    @Test
    void results_are_taken_once_and_of_their_type() {
        JobResults results = new JobResults();
        results.put(7L, "first");
        results.put(7L, "second");

        assertThatThrownBy(() -> results.take(7L, Integer.class)).isInstanceOf(IllegalStateException.class);
        results.put(7L, "second");
        assertThat(results.take(7L, String.class)).isEqualTo("second");
        assertThat(results.take(7L, String.class)).isNull();
    }

    private static JobExecution execution() {
        return new JobExecution(1L, new JobInstance(1L, "referenceLoad"), new JobParameters());
    }
}
