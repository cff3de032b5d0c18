package org.gbsettle.jobs.events;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kind of a run event, as its CloudEvents {@code type} attribute names it ({@code org.gbsettle.run.<kind>.v1}),
 * with the JSON Schema of its data ({@code schemas/events/<kind>.v1.json} on the class path, and in the repository
 * under {@code jobs/src/main/resources}).
 */
public enum RunEventType {
    /** A run was created (its row and pinned inputs committed); it is about to calculate. */
    STARTED("started"),
    /** The scheduler held a timetabled run: its inputs are incomplete or its cut-off has not passed. */
    HELD("held"),
    /** A run completed: its outputs are published, with the output fingerprint. */
    COMPLETED("completed"),
    /** A complete run lost its authority for its last GSP group to a run that completed after it. */
    SUPERSEDED("superseded"),
    /** A run failed (or its attempt was stopped); it may be restarted. */
    FAILED("failed"),
    /** The supplier volumes of a completed run can be queried: its suppliers and GSP groups, and how. */
    SUPPLIER_VOLUMES_AVAILABLE("supplier-volumes-available");

    private final String kind;

    RunEventType(String kind) {
        this.kind = kind;
    }

    /** The CloudEvents type, e.g. {@code org.gbsettle.run.completed.v1}. */
    public String type() {
        return "org.gbsettle.run." + kind + ".v1";
    }

    /** The class-path resource of the JSON Schema of the event's data. */
    public String schemaResource() {
        return "schemas/events/" + kind + ".v1.json";
    }

    /**
     * The kind whose CloudEvents type, or short name ({@code completed}, {@code supplier-volumes-available}), is
     * {@code text}.
     *
     * @throws IllegalArgumentException naming the types, if it names none
     */
    public static RunEventType parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (RunEventType e : values()) {
            if (e.type().equals(t) || e.kind.equals(t)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a run event type: one of "
                + Arrays.stream(values()).map(RunEventType::type).collect(Collectors.joining(", ")));
    }
}
