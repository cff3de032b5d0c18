package org.gbsettle.jobs.ingest;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.batch.BatchJobs;
import org.gbsettle.jobs.batch.JobResults;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Ingests meter-data files by running the {@link MeterDataIngestJob} to its end, so that every ingest is recorded in
 * the job repository, and returns what became of each file.
 */
@Component
public final class MeterDataIngestService {

    private final JobOperator jobOperator;
    private final Job job;
    private final JobResults results;

    public MeterDataIngestService(
            JobOperator jobOperator, @Qualifier("meterDataIngestJob") Job job, JobResults results) {
        this.jobOperator = jobOperator;
        this.job = job;
        this.results = results;
    }

    /**
     * Ingests the files in order.
     *
     * @param receivedAt the receipt time of every file, or null for each file's last-modified time
     * @return a result per file handled; with a failure message if the job stopped before the end
     * @throws GbSettleException if the job cannot start
     */
    public IngestReport ingest(List<Path> files, @Nullable Instant receivedAt) {
        JobExecution execution = BatchJobs.run(jobOperator, job, parameters(files, receivedAt));
        IngestReport report = results.take(execution.getId(), IngestReport.class);
        List<IngestResult> done = report == null ? List.of() : report.results();
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            return new IngestReport(
                    done, String.valueOf(BatchJobs.failure(execution).getMessage()));
        }
        return new IngestReport(done, null);
    }

    /** The job's parameters: the absolute files in order, the receipt time if given, and when it was asked for. */
    static JobParameters parameters(List<Path> files, @Nullable Instant receivedAt) {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(
                        MeterDataIngestJob.FILES,
                        BatchJobs.lines(files.stream()
                                .map(p -> p.toAbsolutePath().normalize().toString())
                                .toList()));
        if (receivedAt != null) {
            builder.addString(
                    MeterDataIngestJob.RECEIVED_AT,
                    receivedAt.truncatedTo(ChronoUnit.MICROS).toString());
        }
        return builder.addString(MeterDataIngestJob.REQUESTED_AT, BatchJobs.now())
                .toJobParameters();
    }
}
