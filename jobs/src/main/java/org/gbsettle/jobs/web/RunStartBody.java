package org.gbsettle.jobs.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.run.RunRequest;
import org.jspecify.annotations.Nullable;

/**
 * The JSON body of {@code POST /runs}, an operator's request to start a settlement run, as received (every field may
 * be missing): {@code date} (settlement date, ISO), {@code type} (run type code), {@code cutoff} (optional data
 * cut-off, an ISO-8601 instant; default: now), {@code reason} (why), {@code by} (optional: who, which must be the
 * authenticated user when given: the run is recorded as started by that user) and {@code force} (optional, the
 * confirmation that a date already at RF or DF is to be run again; default false).
 */
public record RunStartBody(
        @Nullable String date,
        @Nullable String type,
        @Nullable String cutoff,
        @Nullable String reason,
        @Nullable String by,
        @Nullable Boolean force) {

    /**
     * The run request this body asks for, started by the authenticated user.
     *
     * @param user the authenticated user's name, recorded as who started the run
     * @throws InvalidRequestException naming every field that is missing or not valid, {@code by} among them when it
     *     names someone else than {@code user}
     */
    public RunRequest request(String user) {
        List<InvalidParam> invalid = new ArrayList<>();
        LocalDate d = null;
        if (date == null || date.isBlank()) {
            invalid.add(new InvalidParam("date", date, "required: the settlement date (YYYY-MM-DD, e.g. 2026-01-15)"));
        } else {
            try {
                d = LocalDate.parse(date.strip());
            } catch (DateTimeParseException e) {
                invalid.add(new InvalidParam("date", date, "not an ISO date (YYYY-MM-DD, e.g. 2026-01-15)"));
            }
        }
        RunType t = null;
        if (type == null || type.isBlank()) {
            invalid.add(new InvalidParam("type", type, "required: the run type (II, SF, R1, R2, R3, RF, DF, D, DR)"));
        } else {
            try {
                t = RunType.parse(type);
            } catch (IllegalArgumentException e) {
                invalid.add(new InvalidParam("type", type, "not a run type: one of II, SF, R1, R2, R3, RF, DF, D, DR"));
            }
        }
        Instant c = null;
        if (cutoff != null) {
            try {
                c = Instant.parse(cutoff.strip());
            } catch (DateTimeParseException e) {
                invalid.add(new InvalidParam(
                        "cutoff", cutoff, "not an ISO-8601 instant in UTC (e.g. 2026-02-06T00:00:00Z)"));
            }
        }
        if (reason == null || reason.isBlank()) {
            invalid.add(new InvalidParam("reason", reason, "required: why the run is started"));
        }
        if (by != null && !by.strip().equals(user)) {
            invalid.add(new InvalidParam(
                    "by", by, "not the authenticated user (" + user + "): leave it out, the run is started by you"));
        }
        if (d == null || t == null || reason == null || !invalid.isEmpty()) {
            throw new InvalidRequestException(invalid);
        }
        return new RunRequest(d, t, null, c, user, reason.strip());
    }

    /** Whether the request confirms running a date already at RF or DF again. */
    public boolean forced() {
        return Boolean.TRUE.equals(force);
    }
}
