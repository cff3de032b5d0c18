package org.gbsettle.jobs.schedule;

/**
 * The nightly scheduler's state of a timetabled run ({@code scheduled_run.state}): {@code SCHEDULED} (seen due, not
 * yet checked), {@code HELD} (its inputs are incomplete; checked again at the next tick), {@code LAUNCHED} (its run
 * started), {@code DONE} (a run of its date and type is COMPLETE) or {@code FAILED} (the run launched for it failed;
 * the scheduler does not launch it again).
 */
public enum ScheduleState {
    /** Seen due, not yet checked. */
    SCHEDULED,
    /** Inputs incomplete: not run, checked again at the next tick. */
    HELD,
    /** Its run was started. */
    LAUNCHED,
    /** A run of its settlement date and run type is COMPLETE. */
    DONE,
    /** The run launched for it failed: restart it ({@code restart --run ID}); not launched again. */
    FAILED
}
