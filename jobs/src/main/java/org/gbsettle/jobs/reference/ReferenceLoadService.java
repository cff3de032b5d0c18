package org.gbsettle.jobs.reference;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.gbsettle.engine.reference.ReferenceDataConflictException;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.batch.BatchJobs;
import org.gbsettle.jobs.batch.JobResults;
import org.gbsettle.refdata.ReferenceFileException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Loads reference data by running the {@link ReferenceLoadJob} to its end, so that every load is recorded in the job
 * repository: a completed load returns its summary; a failed one (a bad file, overlapping ranges, a missing folder)
 * throws the operator's message, and nothing is loaded.
 */
@Component
public final class ReferenceLoadService {

    private final JobOperator jobOperator;
    private final Job job;
    private final JobResults results;

    public ReferenceLoadService(JobOperator jobOperator, @Qualifier("referenceLoadJob") Job job, JobResults results) {
        this.jobOperator = jobOperator;
        this.job = job;
        this.results = results;
    }

    /**
     * Loads the files of the sources under a new load version, all or nothing.
     *
     * @param shipped whether the shipped files come first
     * @param sources folders and single files, applied in this order (a later source's file of a kind wins)
     * @param loadedBy who loads it
     * @throws GbSettleException if the load failed, with every problem found; nothing is loaded
     */
    public ReferenceLoadSummary load(boolean shipped, List<Path> sources, String loadedBy) {
        JobExecution execution = BatchJobs.run(jobOperator, job, parameters(shipped, sources, loadedBy));
        ReferenceLoadSummary summary = results.take(execution.getId(), ReferenceLoadSummary.class);
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw BatchJobs.failure(execution);
        }
        return Objects.requireNonNull(summary, "the reference load job completed without a summary");
    }

    /** The job's parameters: identifying the sorted absolute sources, shipped, who and when; the sources in order. */
    static JobParameters parameters(boolean shipped, List<Path> sources, String loadedBy) {
        List<String> absolute = sources.stream()
                .map(p -> p.toAbsolutePath().normalize().toString())
                .sorted()
                .toList();
        return new JobParametersBuilder()
                .addString(ReferenceLoadJob.FILES, BatchJobs.lines(absolute))
                .addString(ReferenceLoadJob.SHIPPED, Boolean.toString(shipped))
                .addString(ReferenceLoadJob.LOADED_BY, loadedBy)
                .addString(ReferenceLoadJob.REQUESTED_AT, BatchJobs.now())
                .addString(
                        ReferenceLoadJob.SOURCES,
                        BatchJobs.lines(sources.stream().map(Path::toString).toList()),
                        false)
                .toJobParameters();
    }

    /**
     * The content of the files, parsed and checked before the database is touched.
     *
     * @throws GbSettleException if a file breaks its format or effective ranges overlap, with every problem listed
     */
    public static ReferenceLoadContent check(List<ReferenceFile> files) {
        return explained(() -> ReferenceLoadContent.check(files));
    }

    /**
     * The result of a check or load, its rejection (bad files, REFDATA_CONFLICT) said as the operator reads it.
     *
     * @throws GbSettleException if a file breaks its format or effective ranges overlap, with every problem listed
     */
    static <T> T explained(Supplier<T> checkOrLoad) {
        try {
            return checkOrLoad.get();
        } catch (ReferenceFileException e) {
            throw new GbSettleException("reference files rejected, nothing loaded: " + e.getMessage(), e);
        } catch (ReferenceDataConflictException e) {
            throw new GbSettleException(
                    "reference data rejected (REFDATA_CONFLICT), nothing loaded: " + e.getMessage(), e);
        }
    }
}
