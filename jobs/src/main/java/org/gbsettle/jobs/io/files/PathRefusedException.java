package org.gbsettle.jobs.io.files;

import java.util.Objects;

/**
 * A file path refused by {@link PathConfinement}: the path as given and the rule it breaks, worded for the person who
 * gave it.
 */
public final class PathRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String reason;

    /** A refusal of {@code path} for {@code reason}. */
    public PathRefusedException(String path, String reason) {
        super("Path '" + path + "' refused: " + reason);
        this.path = Objects.requireNonNull(path, "path");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The path as given. */
    public String path() {
        return path;
    }

    /** The rule the path breaks. */
    public String reason() {
        return reason;
    }
}
