package org.gbsettle.jobs.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.run.RunState;
import org.jspecify.annotations.Nullable;

/**
 * Which runs {@code GET /runs} lists: of one settlement date, run type and state (each null for any), at most
 * {@code limit} (1 to {@value #MAX_LIMIT}) newest first.
 */
public record RunFilter(
        @Nullable LocalDate date,
        @Nullable RunType type,
        @Nullable RunState state,
        int limit) {

    /** The default number of runs listed. */
    public static final int DEFAULT_LIMIT = 50;

    /** The most runs one request lists. */
    public static final int MAX_LIMIT = 1000;

    public RunFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("Limit " + limit + " is not between 1 and " + MAX_LIMIT);
        }
    }

    /**
     * The filter of the query parameters {@code date} (ISO date), {@code type} (run type code), {@code state} and
     * {@code limit}, each null when not given.
     *
     * @throws InvalidRequestException naming every parameter that is not valid
     */
    public static RunFilter parse(
            @Nullable String date, @Nullable String type, @Nullable String state, @Nullable String limit) {
        List<InvalidParam> invalid = new ArrayList<>();
        LocalDate d = null;
        if (date != null) {
            try {
                d = LocalDate.parse(date.strip());
            } catch (DateTimeParseException e) {
                invalid.add(new InvalidParam("date", date, "not an ISO date (YYYY-MM-DD, e.g. 2026-01-15)"));
            }
        }
        RunType t = null;
        if (type != null) {
            try {
                t = RunType.parse(type);
            } catch (IllegalArgumentException e) {
                invalid.add(new InvalidParam("type", type, "not a run type: one of II, SF, R1, R2, R3, RF, DF, D, DR"));
            }
        }
        RunState s = null;
        if (state != null) {
            try {
                s = RunState.parse(state);
            } catch (IllegalArgumentException e) {
                invalid.add(new InvalidParam("state", state, "not a run state: " + e.getMessage()));
            }
        }
        int n = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1 || n > MAX_LIMIT) {
                invalid.add(new InvalidParam("limit", limit, "not a whole number between 1 and " + MAX_LIMIT));
                n = DEFAULT_LIMIT;
            }
        }
        if (!invalid.isEmpty()) {
            throw new InvalidRequestException(invalid);
        }
        return new RunFilter(d, t, s, n);
    }
}
