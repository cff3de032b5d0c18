package org.gbsettle.jobs.ingest;

import org.gbsettle.jobs.batch.JobResults;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The meter-data ingest as a Spring Batch job, {@value #JOB_NAME}: one tasklet step, {@value #STEP_NAME}, that
 * registers each file given in turn, one transaction per file ({@link MeterDataIngestTasklet}).
 *
 * <p>Identifying parameters: {@value #FILES} (the files, absolute, in the order given, one per line), {@value
 * #RECEIVED_AT} (only when given) and {@value #REQUESTED_AT} (so that each ingest is a job instance of its own). A
 * rejected or missing file does not fail the job: it is an outcome, counted. The step records the files (given,
 * ingested, already ingested, rejected, not found or unreadable) and rows (read, accepted, quarantined) of the files
 * ingested in its execution context, and the rows as its read, write (accepted) and filter (quarantined) counts.
 */
@Configuration(value = "meterDataIngestJobConfiguration", proxyBeanMethods = false)
public class MeterDataIngestJob {

    /** The job's name in the Spring Batch job repository. */
    public static final String JOB_NAME = "meterDataIngest";

    /** The job's one step. */
    public static final String STEP_NAME = "ingest";

    /** Identifying: the files, absolute and normalised, in the order given, one per line. */
    public static final String FILES = "files";

    /** Identifying, only when given: the receipt time of every file, ISO-8601 UTC. */
    public static final String RECEIVED_AT = "received.at";

    /** Identifying: when the ingest was asked for, ISO-8601 UTC to the microsecond. */
    public static final String REQUESTED_AT = "requested.at";

    /** Step execution context key: files given. */
    public static final String FILE_COUNT = "files";

    /** Step execution context key: files newly registered and accepted. */
    public static final String FILES_INGESTED = "files.ingested";

    /** Step execution context key: files whose bytes were registered before (nothing changed). */
    public static final String FILES_ALREADY_INGESTED = "files.already.ingested";

    /** Step execution context key: files newly registered as rejected. */
    public static final String FILES_REJECTED = "files.rejected";

    /** Step execution context key: files not registered (missing or unreadable). */
    public static final String FILES_FAILED = "files.failed";

    /** Step execution context key: rows read from the files ingested. */
    public static final String ROWS_READ = "rows.read";

    /** Step execution context key: rows accepted. */
    public static final String ROWS_ACCEPTED = "rows.accepted";

    /** Step execution context key: rows quarantined ({@code read = accepted + quarantined}). */
    public static final String ROWS_QUARANTINED = "rows.quarantined";

    @Bean
    Job meterDataIngestJob(JobRepository jobRepository, Step meterDataIngestStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(meterDataIngestStep)
                .build();
    }

    @Bean
    Step meterDataIngestStep(JobRepository jobRepository, MeterDataIngest ingest, JobResults results) {
        // each file is registered in a transaction of its own (MeterDataIngest), the step's is resourceless
        return new StepBuilder(STEP_NAME, jobRepository)
                .tasklet(new MeterDataIngestTasklet(ingest, results), new ResourcelessTransactionManager())
                .build();
    }
}
