package org.gbsettle.jobs.reference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gbsettle.jobs.batch.BatchJobs;
import org.gbsettle.jobs.batch.JobResults;
import org.gbsettle.jobs.io.postgres.JdbcReferenceLoadRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code load} step of the {@link ReferenceLoadJob}: gathers the files of the sources in order, parses and checks
 * them (every problem listed) and writes them under a new load version in one transaction, registrations and profile
 * coefficients checked and copied a chunk at a time. A bad file fails the step and leaves nothing written. The {@link ReferenceLoadSummary} goes to {@link JobResults}; its load version,
 * file count and rows per table to the step's execution context, and the rows in all to its write count.
 */
final class ReferenceLoadTasklet implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceLoadTasklet.class);

    private final JdbcReferenceLoadRepository loads;
    private final JobResults results;

    ReferenceLoadTasklet(JdbcReferenceLoadRepository loads, JobResults results) {
        this.loads = loads;
        this.results = results;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        JobParameters parameters = step.getJobParameters();
        boolean shipped = Boolean.parseBoolean(parameters.getString(ReferenceLoadJob.SHIPPED));
        List<Path> sources = BatchJobs.splitLines(Objects.requireNonNull(
                        parameters.getString(ReferenceLoadJob.SOURCES), ReferenceLoadJob.SOURCES))
                .stream()
                .map(Path::of)
                .toList();
        String by =
                Objects.requireNonNull(parameters.getString(ReferenceLoadJob.LOADED_BY), ReferenceLoadJob.LOADED_BY);

        List<ReferenceFile> files = ReferenceFiles.gather(shipped, sources);
        List<String> described = new ArrayList<>();
        if (shipped) {
            described.add(ReferenceFiles.SHIPPED);
        }
        sources.forEach(s -> described.add(s.toString()));
        String description = String.join(" + ", described);
        ReferenceLoadSummary summary =
                ReferenceLoadService.explained(() -> loads.write(ReferenceLoadContent.parse(files), by, description));
        LOG.info(
                "Reference load {}: {} file(s) from {}, by {}",
                summary.loadVersion(),
                summary.files(),
                description,
                by);

        ExecutionContext context = step.getExecutionContext();
        context.putLong(ReferenceLoadJob.LOAD_VERSION, summary.loadVersion());
        context.putInt(ReferenceLoadJob.FILE_COUNT, summary.files());
        long rows = 0;
        for (Map.Entry<String, Long> e : summary.rowsByTable().entrySet()) {
            context.putLong(ReferenceLoadJob.ROWS_PREFIX + e.getKey(), e.getValue());
            rows += e.getValue();
        }
        contribution.incrementWriteCount(rows);
        results.put(step.getJobExecutionId(), summary);
        return RepeatStatus.FINISHED;
    }
}
