package org.gbsettle.jobs.run;

/**
 * The SLF4J MDC keys a settlement run's log lines carry: {@value #RUN_ID} (the settlement run id) while a run's job
 * executes, and {@value #GSP_GROUP} while a partition calculates a GSP group. The console pattern prints them, the
 * structured (JSON) console format carries them as fields.
 */
public final class RunLogging {

    /** MDC key of the settlement run id. */
    public static final String RUN_ID = "run_id";

    /** MDC key of the GSP group being calculated. */
    public static final String GSP_GROUP = "gsp_group";

    private RunLogging() {}
}
