package org.gbsettle.jobs.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.gbsettle.engine.calendar.SettlementCalendarEntry;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.events.RunEvents;
import org.gbsettle.jobs.io.postgres.JdbcScheduledRunRepository;
import org.gbsettle.jobs.io.postgres.JdbcScheduledRunRepository.ExistingRun;
import org.gbsettle.jobs.queue.RunQueue;
import org.gbsettle.jobs.run.RunHousekeeping;
import org.gbsettle.jobs.run.RunInputCheck;
import org.gbsettle.jobs.run.RunOutcome;
import org.gbsettle.jobs.run.RunRequest;
import org.gbsettle.jobs.schedule.TickReport.Action;
import org.gbsettle.jobs.schedule.TickReport.Entry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One scheduler tick: the timetabled runs due on a day, and on the days of the look-back before it (so a missed night
 * catches up), launched one at a time in timetable order (earlier days first) through the run queue ({@link RunQueue#runDue}, the
 * run lock of the date and type held as for every run)
 * with the timetable's data cut-off, {@code --by scheduler} and the reason {@code timetable <type> for <date> due
 * <day>}.
 *
 * <p>Per due run: if a run of its date and type is queued by an operator (or running from the queue), it is left to
 * that request. If a run of its date and type is COMPLETE it is done; if one is running (or created and not
 * started), or failed, it is left alone (a failed run is restarted by an operator, not launched again). Otherwise its
 * inputs are checked ({@link RunInputCheck}: a meter-data file for the date received by the cut-off, and what the
 * run's preparation checks, the take of every GSP group with registrations on the date among it); a run whose inputs
 * are incomplete, or whose cut-off has not yet passed, is held with the reason and checked again at the next tick,
 * never run. The state of each is recorded in {@code scheduled_run}; a run newly held, or held for another reason than
 * at the last tick, has a held event written in the same transaction ({@link RunEvents#held}).
 *
 * <p>Only one instance acts: a tick first takes the {@link ScheduleLock}; a tick that does not get it logs that another
 * instance is acting and does nothing.
 */
@Component
public final class NightlyRuns {

    /** Who the scheduler's runs are started by ({@code settlement_run.started_by}). */
    public static final String SCHEDULER = "scheduler";

    private static final Logger LOG = LoggerFactory.getLogger(NightlyRuns.class);

    private final RunTimetable timetable;
    private final ScheduleLock lock;
    private final JdbcScheduledRunRepository schedule;
    private final RunInputCheck inputs;
    private final RunQueue runs;
    private final RunHousekeeping housekeeping;
    private final RunEvents events;
    private final TransactionTemplate transactions;
    private final boolean housekeep;
    private final int lookBackDays;
    private final ZoneId zone;
    private final Clock clock;

    /**
     * @param lookBackDays how many days before the tick's day are looked at too ({@code gbsettle.schedule.look-back-days},
     *     0 or more)
     * @param zone the zone whose calendar day is "today" ({@code gbsettle.schedule.zone})
     */
    public NightlyRuns(
            RunTimetable timetable,
            ScheduleLock lock,
            JdbcScheduledRunRepository schedule,
            RunInputCheck inputs,
            RunQueue runs,
            RunHousekeeping housekeeping,
            RunEvents events,
            PlatformTransactionManager transactionManager,
            @Value("${gbsettle.schedule.look-back-days:7}") int lookBackDays,
            @Value("${gbsettle.schedule.zone:Europe/London}") String zone,
            @Value("${gbsettle.schedule.housekeeping:true}") boolean housekeep) {
        this.timetable = Objects.requireNonNull(timetable, "timetable");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.housekeeping = Objects.requireNonNull(housekeeping, "housekeeping");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = new TransactionTemplate(transactionManager);
        this.housekeep = housekeep;
        if (lookBackDays < 0) {
            throw new GbSettleException("gbsettle.schedule.look-back-days must be 0 or more, not " + lookBackDays);
        }
        this.lookBackDays = lookBackDays;
        this.zone = ZoneId.of(zone);
        this.clock = Clock.system(this.zone);
    }

    /** Today in the schedule's zone. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The days a tick for {@code day} looks at: {@code day} minus the look-back, to {@code day}. */
    public LocalDate lookBackFrom(LocalDate day) {
        return day.minusDays(lookBackDays);
    }

    /** A tick for today. */
    public TickReport tick() {
        return tick(today());
    }

    /**
     * A tick for {@code day}: if this instance gets the schedule lock, the runs due from {@code day} minus the
     * look-back to {@code day} handled in order; else nothing.
     *
     * @throws GbSettleException if the timetable cannot say what is due (a day outside the shipped calendars) or the
     *     database cannot be reached; a run that fails is reported, not thrown
     */
    public TickReport tick(LocalDate day) {
        LocalDate from = lookBackFrom(day);
        Optional<ScheduleLock.Held> held = lock.tryLock();
        if (held.isEmpty()) {
            LOG.info(
                    "Schedule tick for {}: another instance is acting (advisory lock {} held); nothing done",
                    day,
                    ScheduleLock.KEY);
            return TickReport.lockedOut(day, from);
        }
        try (ScheduleLock.Held h = held.get()) {
            LOG.info("Schedule tick for {}: runs due {} to {}", day, from, day);
            List<Entry> entries = new ArrayList<>();
            for (DueRun due : due(from, day)) {
                Entry e = handle(due, day);
                LOG.info(
                        "Schedule tick for {}: {} {} {} due {}: {}",
                        day,
                        e.action(),
                        due.entry().settlementDate(),
                        due.entry().runType(),
                        due.entry().plannedRunDate(),
                        e.detail());
                entries.add(e);
            }
            if (housekeep) {
                housekeep(day);
            }
            TickReport report = new TickReport(day, from, true, entries);
            LOG.info("Schedule tick for {}: {}", day, report.summary());
            return report;
        }
    }

    /**
     * Housekeeping after the tick's runs ({@code gbsettle.schedule.housekeeping}, on by default): the Spring Batch
     * metadata and never-authoritative outputs past their retention deleted, as {@code housekeep} does. A failure is
     * logged, not thrown: it must not fail the night's runs.
     */
    private void housekeep(LocalDate day) {
        try {
            RunHousekeeping.Report r = housekeeping.run(false);
            LOG.info(
                    "Schedule tick for {}: housekeeping deleted {} job instance(s) of batch metadata and the outputs"
                            + " of {} never-authoritative run(s) ({} rows)",
                    day,
                    r.jobInstances(),
                    r.runs().size(),
                    r.outputRows());
        } catch (RuntimeException e) {
            LOG.warn("Schedule tick for {}: housekeeping failed: {}", day, describe(e));
        }
    }

    /** The runs due from {@code from} to {@code to}: day by day, each day's in timetable order, each run once. */
    private List<DueRun> due(LocalDate from, LocalDate to) {
        List<DueRun> due = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (DueRun r : timetable.dueOn(d)) {
                if (seen.add(r.entry().settlementDate() + " " + r.entry().runType())) {
                    due.add(r);
                }
            }
        }
        return due;
    }

    private Entry handle(DueRun due, LocalDate day) {
        SettlementCalendarEntry entry = due.entry();
        LocalDate date = entry.settlementDate().date();
        RunType type = entry.runType();
        Instant cutoff = entry.dataCutoff();

        Optional<ExistingRun> existing = schedule.existingRun(date, type);
        if (existing.isPresent()) {
            ExistingRun run = existing.get();
            String what = "run " + run.runId() + " (" + type + " " + run.runNumber() + ", started by " + run.startedBy()
                    + ") is " + run.status();
            switch (run.status()) {
                case COMPLETE -> {
                    record(entry, ScheduleState.DONE, what, run.runId(), false);
                    return new Entry(due, Action.SKIPPED, what, run.runId());
                }
                case FAILED -> {
                    String detail = what + ": not launched again; restart it (restart --run " + run.runId() + ")";
                    record(entry, ScheduleState.FAILED, detail, run.runId(), false);
                    return new Entry(due, Action.SKIPPED, detail, run.runId());
                }
                default -> {
                    ScheduleState state =
                            schedule.find(date, type).map(ScheduledRun::state).orElse(ScheduleState.SCHEDULED);
                    record(entry, state, what, null, false);
                    return new Entry(due, Action.SKIPPED, what, run.runId());
                }
            }
        }

        List<String> missing;
        try {
            if (cutoff.isAfter(clock.instant())) {
                missing = List.of("its data cut-off " + cutoff + " has not passed yet");
            } else {
                missing = inputs.missing(date, type, cutoff);
            }
        } catch (RuntimeException e) {
            missing = List.of("checking its inputs failed: " + describe(e));
        }
        if (!missing.isEmpty()) {
            String reason = String.join("; ", missing);
            transactions.executeWithoutResult(tx -> {
                Optional<ScheduledRun> before = schedule.find(date, type);
                record(entry, ScheduleState.HELD, reason, null, true);
                if (before.isEmpty()
                        || before.get().state() != ScheduleState.HELD
                        || !before.get().reason().equals(reason)) {
                    events.held(date, type, entry.plannedRunDate(), cutoff, reason);
                }
            });
            return new Entry(due, Action.HELD, reason, null);
        }

        record(entry, ScheduleState.LAUNCHED, "launched", null, true);
        String reason = "timetable " + type + " for " + date + " due " + entry.plannedRunDate();
        try {
            // the run lock of the date and type, as for an operator's run; a timetabled run is due by definition, so
            // a date already final does not need an operator's --force
            RunOutcome outcome = runs.runDue(new RunRequest(date, type, null, cutoff, SCHEDULER, reason));
            String detail = "run " + outcome.runId() + " (" + type + " " + outcome.runNumber() + ") COMPLETE";
            record(entry, ScheduleState.DONE, detail, outcome.runId(), false);
            return new Entry(due, Action.LAUNCHED, detail, outcome.runId());
        } catch (RunQueue.AlreadyQueued e) {
            // an operator's request of the date and type is queued or running: it makes the run (exactly one)
            String detail = String.valueOf(e.getMessage());
            record(entry, ScheduleState.SCHEDULED, detail, null, false);
            return new Entry(due, Action.SKIPPED, detail, null);
        } catch (RuntimeException e) {
            Long runId = schedule.latestRunStartedBy(date, type, SCHEDULER).orElse(null);
            String detail = describe(e);
            record(entry, ScheduleState.FAILED, detail, runId, false);
            LOG.warn("Schedule tick for {}: {} {} failed: {}", day, date, type, detail);
            return new Entry(due, Action.FAILED, detail, runId);
        }
    }

    private void record(
            SettlementCalendarEntry entry, ScheduleState state, String reason, @Nullable Long runId, boolean checked) {
        schedule.record(
                entry.settlementDate().date(),
                entry.runType(),
                entry.plannedRunDate(),
                entry.dataCutoff(),
                state,
                reason,
                runId,
                checked);
    }

    /**
     * What went wrong, in one line: the message of the first {@link GbSettleException} in the chain of causes (written
     * for the operator), else the deepest cause's.
     */
    static String describe(Throwable t) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable deepest = t;
        for (Throwable c = t; c != null && seen.put(c, Boolean.TRUE) == null; c = c.getCause()) {
            if (c instanceof GbSettleException) {
                return String.valueOf(c.getMessage());
            }
            deepest = c;
        }
        return deepest.toString();
    }
}
