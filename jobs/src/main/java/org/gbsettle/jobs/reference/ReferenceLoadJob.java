package org.gbsettle.jobs.reference;

import org.gbsettle.jobs.batch.JobResults;
import org.gbsettle.jobs.io.postgres.JdbcReferenceLoadRepository;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reference-data load as a Spring Batch job, {@value #JOB_NAME}: one tasklet step, {@value #STEP_NAME}, that
 * gathers, checks and writes a load's files under a new load version, all or nothing ({@link ReferenceLoadTasklet}).
 *
 * <p>Identifying parameters: {@value #FILES} (the folders and files given, absolute, sorted, one per line; empty for
 * the shipped files alone), {@value #SHIPPED} (whether the shipped files come first), {@value #LOADED_BY} and
 * {@value #REQUESTED_AT} (so that each load is a job instance of its own: a load is a new version by design). The
 * non-identifying {@value #SOURCES} holds the folders and files as given, in load order (a later source wins). The
 * step's execution context records the load version, the files and the rows per table.
 */
@Configuration(value = "referenceLoadJobConfiguration", proxyBeanMethods = false)
public class ReferenceLoadJob {

    /** The job's name in the Spring Batch job repository. */
    public static final String JOB_NAME = "referenceLoad";

    /** The job's one step. */
    public static final String STEP_NAME = "load";

    /** Identifying: the folders and files given, absolute and sorted, one per line. */
    public static final String FILES = "files";

    /** Identifying: whether the shipped files are loaded first ({@code true} or {@code false}). */
    public static final String SHIPPED = "shipped";

    /** Identifying: who loads it, recorded with the load. */
    public static final String LOADED_BY = "loaded.by";

    /** Identifying: when the load was asked for, ISO-8601 UTC to the microsecond. */
    public static final String REQUESTED_AT = "requested.at";

    /** Non-identifying: the folders and files as given, in load order, one per line. */
    public static final String SOURCES = "sources";

    /** Step execution context key: the load version written. */
    public static final String LOAD_VERSION = "load.version";

    /** Step execution context key: the number of files loaded. */
    public static final String FILE_COUNT = "files";

    /** Step execution context key prefix: rows loaded into a table, e.g. {@code rows.registration}. */
    public static final String ROWS_PREFIX = "rows.";

    @Bean
    Job referenceLoadJob(JobRepository jobRepository, Step referenceLoadStep) {
        return new JobBuilder(JOB_NAME, jobRepository).start(referenceLoadStep).build();
    }

    @Bean
    Step referenceLoadStep(JobRepository jobRepository, JdbcReferenceLoadRepository loads, JobResults results) {
        // the load writes in its own transaction (JdbcReferenceLoadRepository), the step's is resourceless
        return new StepBuilder(STEP_NAME, jobRepository)
                .tasklet(new ReferenceLoadTasklet(loads, results), new ResourcelessTransactionManager())
                .build();
    }
}
