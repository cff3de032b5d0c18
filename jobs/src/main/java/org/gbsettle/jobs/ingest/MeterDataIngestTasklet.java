package org.gbsettle.jobs.ingest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.batch.BatchJobs;
import org.gbsettle.jobs.batch.JobResults;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code ingest} step of the {@link MeterDataIngestJob}: registers each file in the order given ({@link
 * MeterDataIngest}, one transaction per file); a file that does not exist or cannot be read is a result of its own
 * and the others are still ingested. The results so far go to {@link JobResults} after each file (an unexpected
 * failure keeps what was done); the counts to the step's execution context and contribution.
 */
final class MeterDataIngestTasklet implements Tasklet {

    private final MeterDataIngest ingest;
    private final JobResults results;

    MeterDataIngestTasklet(MeterDataIngest ingest, JobResults results) {
        this.ingest = ingest;
        this.results = results;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        JobParameters parameters = step.getJobParameters();
        List<Path> files = BatchJobs.splitLines(Objects.requireNonNull(
                        parameters.getString(MeterDataIngestJob.FILES), MeterDataIngestJob.FILES))
                .stream()
                .map(Path::of)
                .toList();
        String received = parameters.getString(MeterDataIngestJob.RECEIVED_AT);
        Instant receivedAt = received == null ? null : Instant.parse(received);

        long jobExecutionId = step.getJobExecutionId();
        List<IngestResult> done = new ArrayList<>();
        results.put(jobExecutionId, new IngestReport(done, null));
        for (Path file : files) {
            IngestResult result;
            try {
                result = IngestResult.of(ingest.ingest(file, receivedAt));
            } catch (GbSettleException e) {
                result = IngestResult.failed(file, String.valueOf(e.getMessage()));
            }
            done.add(result);
            results.put(jobExecutionId, new IngestReport(done, null));
        }
        record(step, contribution, files.size(), done);
        return RepeatStatus.FINISHED;
    }

    /** The counts of the files handled into the step's execution context and contribution. */
    private static void record(StepExecution step, StepContribution contribution, int given, List<IngestResult> done) {
        long ingested = 0;
        long already = 0;
        long rejected = 0;
        long failed = 0;
        long read = 0;
        long accepted = 0;
        long quarantined = 0;
        for (IngestResult r : done) {
            IngestOutcome o = r.outcome();
            if (o == null) {
                failed++;
                continue;
            }
            switch (o.status()) {
                case INGESTED -> ingested++;
                case ALREADY_INGESTED -> already++;
                case REJECTED -> rejected++;
            }
            read += o.rowsRead();
            accepted += o.rowsAccepted();
            quarantined += o.rowsQuarantined();
        }
        ExecutionContext context = step.getExecutionContext();
        context.putInt(MeterDataIngestJob.FILE_COUNT, given);
        context.putLong(MeterDataIngestJob.FILES_INGESTED, ingested);
        context.putLong(MeterDataIngestJob.FILES_ALREADY_INGESTED, already);
        context.putLong(MeterDataIngestJob.FILES_REJECTED, rejected);
        context.putLong(MeterDataIngestJob.FILES_FAILED, failed);
        context.putLong(MeterDataIngestJob.ROWS_READ, read);
        context.putLong(MeterDataIngestJob.ROWS_ACCEPTED, accepted);
        context.putLong(MeterDataIngestJob.ROWS_QUARANTINED, quarantined);
        // Batch's item counts in rows: read = written (accepted) + filtered (quarantined); the contribution has no
        // bulk read increment, so the read count is set on the step execution (the contribution adds none to it)
        step.setReadCount(step.getReadCount() + read);
        contribution.incrementWriteCount(accepted);
        contribution.incrementFilterCount(quarantined);
    }
}
