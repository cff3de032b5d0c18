package org.gbsettle.jobs.queue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.gbsettle.engine.run.RunType;
import org.jspecify.annotations.Nullable;

/**
 * A requested settlement run in the run queue: the request (settlement date, run type, data cut-off, who and why,
 * forced or not), its place in timetable order (the planned day, then the settlement date, then the run type's rank),
 * its {@link QueueState state}, its 1-based position among the queued requests (null once taken), who took it when,
 * the run it made and a one-line detail.
 */
public record QueuedRun(
        long queueId,
        LocalDate settlementDate,
        RunType runType,
        @Nullable Instant dataCutoff,
        String startedBy,
        String reason,
        boolean forced,
        LocalDate plannedDay,
        QueueState state,
        @Nullable Integer position,
        Instant requestedAt,
        @Nullable String takenBy,
        @Nullable Instant takenAt,
        @Nullable Instant endedAt,
        @Nullable Long runId,
        String detail) {

    public QueuedRun {
        Objects.requireNonNull(settlementDate, "settlementDate");
        Objects.requireNonNull(runType, "runType");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(plannedDay, "plannedDay");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(detail, "detail");
    }

    /** One line: id, date, type, state and position or run. */
    public String describe() {
        String where = position != null ? "position " + position : runId != null ? "run " + runId : "no run";
        return "request " + queueId + " (" + settlementDate + " " + runType + ", by " + startedBy + ") " + state + ", "
                + where;
    }
}
