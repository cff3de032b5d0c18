package org.gbsettle.jobs.ingest;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What became of one file given to the ingest: its {@link IngestOutcome} (ingested, already ingested or rejected),
 * or the error that kept it from being registered at all (it does not exist or cannot be read).
 *
 * @param file the file's absolute path
 * @param outcome the outcome, null when the file was not registered
 * @param error the operator's message of why it was not registered, null when it was
 */
public record IngestResult(
        Path file,
        @Nullable IngestOutcome outcome,
        @Nullable String error) {

    public IngestResult {
        Objects.requireNonNull(file, "file");
        if ((outcome == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of outcome and error for " + file);
        }
    }

    /** A file registered now or before. */
    public static IngestResult of(IngestOutcome outcome) {
        return new IngestResult(outcome.file(), outcome, null);
    }

    /** A file that could not be registered. */
    public static IngestResult failed(Path file, String error) {
        return new IngestResult(file, null, error);
    }

    /** Whether the file's rows can be used by a run (see {@link IngestOutcome#usable()}). */
    public boolean usable() {
        return outcome != null && outcome.usable();
    }
}
