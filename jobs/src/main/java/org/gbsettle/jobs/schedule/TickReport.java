package org.gbsettle.jobs.schedule;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one scheduler tick did: the day it ticked for and the first day of its look-back, whether it acted (it held the
 * schedule lock) and, for each run due in those days in the order handled, what became of it.
 */
public record TickReport(LocalDate day, LocalDate from, boolean acted, List<Entry> entries) {

    /** What a tick did with a due run. */
    public enum Action {
        /** Launched and COMPLETE. */
        LAUNCHED,
        /** Launched and failed. */
        FAILED,
        /** Inputs incomplete (or its cut-off not yet passed): not run, checked again at the next tick. */
        HELD,
        /** Not launched: a run of its date and type is COMPLETE, running, or failed. */
        SKIPPED
    }

    /**
     * A due run and what the tick did with it, the detail (what is missing, why skipped, the run's result or error)
     * and the run launched or found.
     */
    public record Entry(
            DueRun due,
            Action action,
            String detail,
            @Nullable Long runId) {
        public Entry {
            Objects.requireNonNull(due, "due");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public TickReport {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(from, "from");
        entries = List.copyOf(entries);
    }

    /** The report of a tick that did nothing because another instance holds the schedule lock. */
    public static TickReport lockedOut(LocalDate day, LocalDate from) {
        return new TickReport(day, from, false, List.of());
    }

    /** The entries of one action, in order. */
    public List<Entry> entries(Action action) {
        return entries.stream().filter(e -> e.action() == action).toList();
    }

    /** Whether a run the tick launched failed. */
    public boolean anyFailed() {
        return entries.stream().anyMatch(e -> e.action() == Action.FAILED);
    }

    /** One line: how many launched, failed, held and skipped. */
    public String summary() {
        if (!acted) {
            return "another instance is acting (schedule lock held): nothing done";
        }
        return entries(Action.LAUNCHED).size() + " launched and COMPLETE, "
                + entries(Action.FAILED).size() + " failed, "
                + entries(Action.HELD).size() + " held, "
                + entries(Action.SKIPPED).size() + " skipped";
    }
}
