package org.gbsettle.jobs.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The state of a settlement run as the HTTP API shows it: the run table's status ({@code PENDING}, {@code RUNNING},
 * {@code FAILED}, {@code COMPLETE}), with {@code SUPERSEDED} for a complete run that is no longer the authoritative
 * run of its settlement date for any GSP group (a later run of higher rank or number completed).
 */
public enum RunState {
    /** Created, its job not yet started. */
    PENDING,
    /** Its job is running. */
    RUNNING,
    /** Stopped by an error; a restart recomputes the unfinished partitions. */
    FAILED,
    /** Complete and the authoritative run of its date for at least one GSP group. */
    COMPLETE,
    /** Complete, and another complete run is authoritative for every GSP group of its date. */
    SUPERSEDED;

    /**
     * The state named {@code text} (any case).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static RunState parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "not one of " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")), e);
        }
    }
}
