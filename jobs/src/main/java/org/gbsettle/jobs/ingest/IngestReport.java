package org.gbsettle.jobs.ingest;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one meter-data ingest job did: a result per file, in the order given, as far as it got, and the operator's
 * message of what stopped it if it did not complete (the files before it stay registered: one transaction per file).
 *
 * @param results one per file handled, in order
 * @param failure why the job ended before handling every file; null when it completed
 */
public record IngestReport(
        List<IngestResult> results, @Nullable String failure) {

    public IngestReport {
        results = List.copyOf(results);
    }

    /** Whether every file's rows can be used and the job completed. */
    public boolean allUsable() {
        return failure == null && results.stream().allMatch(IngestResult::usable);
    }
}
