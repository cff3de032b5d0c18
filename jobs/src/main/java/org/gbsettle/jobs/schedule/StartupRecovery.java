package org.gbsettle.jobs.schedule;

/**
 * What the long-lived {@code serve} process does once at start, before its schedule starts: for example, marking the
 * job executions a killed process left running as failed and restarting their runs. {@code serve} calls every bean
 * of this type, in {@link org.springframework.core.annotation.Order} order; {@link AbandonedRunRecovery} restarts the runs a killed process left.
 */
public interface StartupRecovery {

    /** Recovers what a previous process left unfinished; an exception stops {@code serve} from starting. */
    void recover();
}
