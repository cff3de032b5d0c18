package org.gbsettle.jobs;

import org.jspecify.annotations.Nullable;

/**
 * A failure whose message is written for the operator: it says what went wrong and what to do, and the command line
 * prints it as it is (exit code 1) instead of the technical chain of causes.
 */
public class GbSettleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GbSettleException(String message) {
        super(message);
    }

    public GbSettleException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
