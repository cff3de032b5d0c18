package org.gbsettle.jobs.run;

/**
 * The state of a settlement run or of one of its GSP group partitions: {@code PENDING} (created, not started),
 * {@code RUNNING}, {@code FAILED} (may be restarted) or {@code COMPLETE} (outputs written and the completion marker
 * set last; only complete runs can be authoritative).
 */
public enum RunStatus {
    /** Created, not yet started. */
    PENDING,
    /** Being calculated. */
    RUNNING,
    /** Stopped by an error; a restart recomputes the unfinished partitions. */
    FAILED,
    /** Every partition written and the completion marker set. */
    COMPLETE
}
