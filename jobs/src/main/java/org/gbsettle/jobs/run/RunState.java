package org.gbsettle.jobs.run;

/**
 * The lifecycle state of a settlement run, derived (never stored) from its {@code settlement_run} status, the run lock
 * its process holds while it runs, and the authoritative runs of its date:
 *
 * <ul>
 *   <li>{@link #RUNNING}: created or calculating, in a process that holds the run lock of its date and type;
 *   <li>{@link #ABANDONED}: recorded as running (its job execution too, perhaps) but no process holds its lock: the
 *       process died (killed, machine lost); {@code recover} (or {@code serve} at start) restarts it;
 *   <li>{@link #FAILED}: stopped by an error or a shutdown; {@code restart} recomputes its unfinished partitions;
 *   <li>{@link #COMPLETED}: complete and the authoritative run of its date for at least one GSP group;
 *   <li>{@link #SUPERSEDED}: complete but authoritative for none of its groups: a complete run of higher rank, or of
 *       the same rank and a higher number, exists for the date.
 * </ul>
 *
 * <p>The scheduler's states of runs not yet created (scheduled, held) are not runs' states: they belong to the
 * timetable.
 */
public enum RunState {
    /** Created or calculating in a live process. */
    RUNNING,
    /** Recorded as running, but its process is gone. */
    ABANDONED,
    /** Stopped by an error or a shutdown; restartable. */
    FAILED,
    /** Complete and authoritative for at least one GSP group of its date. */
    COMPLETED,
    /** Complete, but later runs are authoritative for all its groups. */
    SUPERSEDED;

    /**
     * The state of a run from its status, whether its run lock is held now and how many GSP groups it is the
     * authoritative run for.
     */
    /**
     * The state named by {@code text} (any case, surrounding spaces ignored).
     *
     * @throws IllegalArgumentException naming the states, if it names none
     */
    public static RunState parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "not one of "
                            + java.util.Arrays.stream(values())
                                    .map(Enum::name)
                                    .collect(java.util.stream.Collectors.joining(", ")),
                    e);
        }
    }

    public static RunState of(RunStatus status, boolean lockHeld, int groupsAuthoritative) {
        return switch (status) {
            case PENDING, RUNNING -> lockHeld ? RUNNING : ABANDONED;
            case FAILED -> FAILED;
            case COMPLETE -> groupsAuthoritative > 0 ? COMPLETED : SUPERSEDED;
        };
    }
}
