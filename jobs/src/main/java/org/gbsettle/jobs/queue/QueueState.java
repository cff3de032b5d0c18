package org.gbsettle.jobs.queue;

/** Where a request of the run queue stands: waiting, being run, or ended one of four ways. */
public enum QueueState {
    /** Waiting for a queue worker. */
    QUEUED,
    /** Taken by a worker (or the scheduler) and running; its run lock is held while it runs. */
    TAKEN,
    /** Its run completed. */
    DONE,
    /** Its run failed (restart it by its run id), or could not be created. */
    FAILED,
    /** Not run: a run of its date and type was in progress elsewhere, or its date became final; the detail says. */
    REFUSED,
    /** The process running it died mid-run: its run, if created, is restarted by recovery. */
    ABANDONED
}
