package org.gbsettle.jobs.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.gbsettle.engine.calendar.SettlementCalendarEntry;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.engine.time.SettlementDate;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.io.postgres.RunLocks;
import org.gbsettle.jobs.run.RunLauncher;
import org.gbsettle.jobs.run.RunOutcome;
import org.gbsettle.jobs.run.RunRefusedException;
import org.gbsettle.jobs.run.RunRequest;
import org.gbsettle.jobs.run.RunShutdown;
import org.gbsettle.jobs.schedule.RunTimetable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable run queue ({@code run_queue}): requested settlement runs, taken one at a time in timetable order by the
 * queue workers of {@code serve} processes ({@link QueueWorkers}) with {@code FOR UPDATE SKIP LOCKED}, so several
 * processes share the work and a request survives a restart.
 *
 * <p><b>Timetable order</b>: the day the run timetable plans the run of the date and type on ({@link #plannedDay}:
 * WD+n, or the loaded settlement calendar's entry; the day of the request for a run the timetable does not plan, such
 * as DF, D or DR), then the settlement date, then the run type's rank (II, SF, R1, R2, R3, RF, DF; D and DR with DF),
 * then the order of the requests. Within a process requests are taken, locked and their runs created one at a time,
 * so their run ids follow that order.
 *
 * <p><b>Exactly one</b>: at most one request of a date and type is {@code QUEUED} or {@code TAKEN} (a partial unique
 * index); a second is refused naming the first, and so is a request while the run lock of its date and type is held
 * (a run from the command line). The scheduler's due runs pass through the queue too ({@link #runDue}): written
 * {@code TAKEN} while the scheduler runs them, so an operator's request of the same date and type is refused, and a
 * due run whose date and type is queued by an operator is left to that request.
 *
 * <p><b>Liveness</b>: the taker of a request takes the run lock of its date and type ({@link RunLocks}) before it
 * marks the request {@code TAKEN}, and releases it after marking it ended; a {@code TAKEN} request whose lock nobody
 * holds was left by a process that died, and {@link #sweep} puts it back in the queue (no run created yet) or marks it
 * {@code ABANDONED} (its run is restarted by recovery, as every abandoned run).
 */
@Component
public final class RunQueue {

    private static final Logger LOG = LoggerFactory.getLogger(RunQueue.class);

    /** The order the queued requests are taken in: timetable order, then first come first served. */
    static final String ORDER = "planned_day, settlement_date, type_rank, queue_id";

    private static final String SELECT = """
            SELECT q.queue_id, q.settlement_date, q.run_type, q.data_cutoff, q.started_by, q.reason, q.forced,
                   q.planned_day, q.state, q.requested_at, q.taken_by, q.taken_at, q.ended_at, q.run_id, q.detail,
                   CASE WHEN q.state = 'QUEUED' THEN
                       (SELECT count(*) FROM run_queue o
                         WHERE o.state = 'QUEUED'
                           AND (o.planned_day, o.settlement_date, o.type_rank, o.queue_id)
                               <= (q.planned_day, q.settlement_date, q.type_rank, q.queue_id)) END AS position
              FROM run_queue q
            """;

    private static final String FORCE_NEEDS_REASON =
            "--force needs a --reason: say why the date is run again after its final run (it is recorded with the run)";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RunLocks locks;
    private final RunLauncher launcher;
    private final RunTimetable timetable;
    private final RunShutdown shutdown;
    private final ReentrantLock takeInOrder = new ReentrantLock(true);

    public RunQueue(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            RunLocks locks,
            RunLauncher launcher,
            RunTimetable timetable,
            RunShutdown shutdown) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = new TransactionTemplate(transactionManager);
        this.locks = Objects.requireNonNull(locks, "locks");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.timetable = Objects.requireNonNull(timetable, "timetable");
        this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
    }

    /**
     * A due run refused because a request of its date and type is queued or running: the scheduler leaves it to that
     * request.
     */
    public static final class AlreadyQueued extends GbSettleException {
        private static final long serialVersionUID = 1L;

        AlreadyQueued(String message) {
            super(message);
        }
    }

    /**
     * The day the timetable plans the run of a date and type on: the loaded settlement calendar's entry, else the
     * generated one (WD+n of the date's regime), else (a type the timetable does not plan, such as DF, D and DR, or a
     * date outside the shipped calendars) the day it is requested (today in Europe/London), so an ad-hoc run follows
     * the timetabled runs already due.
     */
    public LocalDate plannedDay(LocalDate date, RunType type) {
        LocalDate today = LocalDate.now(SettlementDate.UK);
        SettlementDate d = SettlementDate.of(date);
        Optional<SettlementCalendarEntry> loaded = timetable.loaded().entry(d, type);
        if (loaded.isPresent()) {
            return loaded.get().plannedRunDate();
        }
        try {
            return timetable.rules().plannedRuns(d).stream()
                    .filter(e -> e.runType() == type)
                    .map(SettlementCalendarEntry::plannedRunDate)
                    .findFirst()
                    .orElse(today);
        } catch (IllegalArgumentException e) {
            return today;
        }
    }

    /**
     * Queues an operator's request.
     *
     * @return the queued request, with its position
     * @throws RunRefusedException if a request of the date and type is queued or running, if a run of them is in
     *     progress outside the queue (its run lock held), or if the date is final and {@code force} is not given
     * @throws GbSettleException if forced without a reason
     */
    public QueuedRun enqueue(RunRequest request, boolean force) {
        if (force && request.reason().isBlank()) {
            throw new GbSettleException(FORCE_NEEDS_REASON);
        }
        if (!force) {
            launcher.refuseFinalDate(request);
        }
        // a run of the date and type started outside the queue (the command line) holds its run lock; one that starts
        // after this look is found by the worker, which refuses the request then
        if (locks.isHeld(request.settlementDate(), request.runType())) {
            // held by a queue worker (or the scheduler) running a request of the same date and type: name it
            throw openRequest(request.settlementDate(), request.runType())
                    ? alreadyQueued(request.settlementDate(), request.runType())
                    : launcher.inProgress(request.settlementDate(), request.runType());
        }
        Optional<Long> id = insert(request, force, QueueState.QUEUED, null);
        if (id.isEmpty()) {
            throw alreadyQueued(request.settlementDate(), request.runType());
        }
        LOG.info(
                "Queued request {}: {} {} by {}",
                id.get(),
                request.settlementDate(),
                request.runType(),
                request.startedBy());
        return find(id.get()).orElseThrow();
    }

    /** The request {@code queueId}, in any state. */
    public Optional<QueuedRun> find(long queueId) {
        return jdbc.sql(SELECT + " WHERE q.queue_id = :id")
                .param("id", queueId)
                .query(RunQueue::row)
                .optional();
    }

    /** The requests running (taken, oldest first) then queued (in the order they will be taken). */
    public List<QueuedRun> active() {
        return jdbc.sql(SELECT + " WHERE q.state IN ('TAKEN', 'QUEUED') ORDER BY q.state = 'QUEUED', q.taken_at, "
                        + prefixed("q."))
                .query(RunQueue::row)
                .list();
    }

    /**
     * Takes the first queued request (timetable order) and runs it to the end on the calling thread.
     *
     * @param worker who takes it (recorded in {@code taken_by})
     * @return whether a request was taken (false: none queued, or the application is stopping)
     */
    public boolean runNext(String worker) {
        if (shutdown.stopRequested()) {
            return false;
        }
        record Taken(QueuedRun request, RunLocks.@Nullable Held lock) {}
        takeInOrder.lock();
        Optional<Taken> next;
        RunLocks.@Nullable Held[] locked = {null};
        try {
            next = transactions.execute(status -> {
                Optional<QueuedRun> head = jdbc.sql(SELECT + " WHERE q.state = 'QUEUED' ORDER BY " + prefixed("q.")
                                + " LIMIT 1 FOR UPDATE OF q SKIP LOCKED")
                        .query(RunQueue::row)
                        .optional();
                if (head.isEmpty()) {
                    return Optional.<Taken>empty();
                }
                QueuedRun q = head.get();
                Optional<RunLocks.Held> lock = locks.tryLock(q.settlementDate(), q.runType());
                if (lock.isEmpty()) {
                    String why = String.valueOf(
                            launcher.inProgress(q.settlementDate(), q.runType()).getMessage());
                    end(q.queueId(), QueueState.REFUSED, why, null);
                    LOG.warn("Queued request {} refused: {}", q.queueId(), why);
                    return Optional.of(new Taken(q, null));
                }
                locked[0] = lock.get();
                jdbc.sql("""
                                UPDATE run_queue SET state = 'TAKEN', taken_by = :worker, taken_at = now(),
                                           detail = 'running' WHERE queue_id = :id
                                    """).param("worker", worker).param("id", q.queueId()).update();
                return Optional.of(new Taken(q, lock.get()));
            });
        } catch (RuntimeException e) {
            RunLocks.Held lock = locked[0];
            if (lock != null) {
                lock.close();
            }
            takeInOrder.unlock();
            throw e;
        }
        if (next == null || next.isEmpty()) {
            takeInOrder.unlock();
            return false;
        }
        Taken taken = next.get();
        RunLocks.@Nullable Held lock = taken.lock();
        if (lock == null) {
            takeInOrder.unlock();
            return true;
        }
        try (lock) {
            run(taken.request(), lock, false);
        } finally {
            if (takeInOrder.isHeldByCurrentThread()) {
                takeInOrder.unlock();
            }
        }
        return true;
    }

    /**
     * Runs a due run of the timetable (the scheduler's) through the queue: takes its run lock, writes it {@code TAKEN}
     * by {@code request.startedBy()} and runs it to the end on the calling thread, as {@link RunLauncher#runDue}.
     *
     * @throws AlreadyQueued if a request of the date and type is queued or running (it will make the run)
     * @throws RunRefusedException if a run of the date and type is in progress outside the queue
     * @throws GbSettleException if the run fails
     */
    public RunOutcome runDue(RunRequest request) {
        Optional<RunLocks.Held> held = locks.tryLock(request.settlementDate(), request.runType());
        if (held.isEmpty()) {
            // the lock's holder may be a queue worker running an operator's request of the same date and type
            if (openRequest(request.settlementDate(), request.runType())) {
                RunRefusedException other = alreadyQueued(request.settlementDate(), request.runType());
                throw new AlreadyQueued(String.valueOf(other.getMessage()));
            }
            throw launcher.inProgress(request.settlementDate(), request.runType());
        }
        try (RunLocks.Held lock = held.get()) {
            Optional<Long> id = insert(request, false, QueueState.TAKEN, request.startedBy());
            if (id.isEmpty()) {
                RunRefusedException other = alreadyQueued(request.settlementDate(), request.runType());
                throw new AlreadyQueued(String.valueOf(other.getMessage()));
            }
            QueuedRun q = find(id.get()).orElseThrow();
            return Objects.requireNonNull(run(q, lock, true));
        }
    }

    /**
     * Puts back the requests left {@code TAKEN} by a process that died (their run lock held by nobody): back to
     * {@code QUEUED} if their run was not created yet, else {@code ABANDONED} with their run, which recovery restarts
     * ({@code serve} at start, or {@code recover}).
     *
     * @return how many were put back or marked abandoned
     */
    public int sweep() {
        Integer swept = transactions.execute(status -> {
            List<QueuedRun> taken = jdbc.sql(SELECT + " WHERE q.state = 'TAKEN' FOR UPDATE OF q SKIP LOCKED")
                    .query(RunQueue::row)
                    .list();
            int n = 0;
            for (QueuedRun q : taken) {
                if (locks.isHeld(q.settlementDate(), q.runType())) {
                    continue;
                }
                Long runId = q.runId();
                if (runId == null) {
                    runId = jdbc.sql("""
                                    SELECT min(run_id) FROM settlement_run
                                     WHERE settlement_date = :date AND run_type = :type AND created_at >= :taken
                                    """)
                            .param("date", q.settlementDate())
                            .param("type", q.runType().name())
                            .param("taken", Timestamp.from(Objects.requireNonNull(q.takenAt())))
                            .query(Long.class)
                            .optional()
                            .orElse(null);
                }
                if (runId == null) {
                    jdbc.sql("""
                                    UPDATE run_queue SET state = 'QUEUED', taken_by = NULL, taken_at = NULL,
                                           detail = :detail WHERE queue_id = :id
                                    """)
                            .param("detail", "queued again: " + q.takenBy() + " stopped before creating its run")
                            .param("id", q.queueId())
                            .update();
                    LOG.warn(
                            "Queued request {}: {} stopped before creating its run; queued again",
                            q.queueId(),
                            q.takenBy());
                } else {
                    end(
                            q.queueId(),
                            QueueState.ABANDONED,
                            q.takenBy() + " stopped while running run " + runId
                                    + "; recovery restarts it (serve at start, or 'recover')",
                            runId);
                    LOG.warn("Queued request {}: {} stopped while running run {}", q.queueId(), q.takenBy(), runId);
                }
                n++;
            }
            return n;
        });
        return swept == null ? 0 : swept;
    }

    /**
     * Runs a taken request under its lock and records how it ended: a due run of the timetable (the scheduler's)
     * rethrows a failure, an operator's request is only recorded.
     */
    private @Nullable RunOutcome run(QueuedRun q, RunLocks.Held lock, boolean due) {
        RunRequest request =
                new RunRequest(q.settlementDate(), q.runType(), null, q.dataCutoff(), q.startedBy(), q.reason());
        long[] created = {0};
        try {
            RunOutcome outcome = launcher.runHolding(lock, request, q.forced(), due, runId -> {
                created[0] = runId;
                jdbc.sql("UPDATE run_queue SET run_id = :run WHERE queue_id = :id")
                        .param("run", runId)
                        .param("id", q.queueId())
                        .update();
                if (takeInOrder.isHeldByCurrentThread()) {
                    takeInOrder.unlock();
                }
            });
            end(
                    q.queueId(),
                    QueueState.DONE,
                    "run " + outcome.runId() + " (" + q.runType() + " " + outcome.runNumber() + ") COMPLETE",
                    outcome.runId());
            return outcome;
        } catch (RuntimeException e) {
            boolean refused = e instanceof RunRefusedException && created[0] == 0;
            end(
                    q.queueId(),
                    refused ? QueueState.REFUSED : QueueState.FAILED,
                    String.valueOf(e.getMessage()),
                    created[0] == 0 ? null : created[0]);
            LOG.warn(
                    "Queued request {} ({} {}) {}: {}",
                    q.queueId(),
                    q.settlementDate(),
                    q.runType(),
                    refused ? "refused" : "failed",
                    e.getMessage());
            if (due) {
                throw e;
            }
            return null;
        }
    }

    private Optional<Long> insert(RunRequest request, boolean force, QueueState state, @Nullable String takenBy) {
        Instant cutoff = request.dataCutoff();
        return jdbc.sql("""
                        INSERT INTO run_queue (settlement_date, run_type, data_cutoff, started_by, reason, forced,
                                               planned_day, type_rank, state, taken_by, taken_at, detail)
                        VALUES (:date, :type, :cutoff, :by, :reason, :forced, :day, :rank, :state, :takenBy,
                                CASE WHEN :taken THEN now() END, :detail)
                        ON CONFLICT (settlement_date, run_type) WHERE state IN ('QUEUED', 'TAKEN') DO NOTHING
                        RETURNING queue_id
                        """)
                .param("date", request.settlementDate())
                .param("type", request.runType().name())
                .param("cutoff", cutoff == null ? null : Timestamp.from(cutoff))
                .param("by", request.startedBy())
                .param("reason", request.reason())
                .param("forced", force)
                .param("day", plannedDay(request.settlementDate(), request.runType()))
                .param("rank", request.runType().rank())
                .param("state", state.name())
                .param("takenBy", takenBy)
                .param("taken", state == QueueState.TAKEN)
                .param("detail", state == QueueState.TAKEN ? "running" : "queued")
                .query(Long.class)
                .optional();
    }

    private void end(long queueId, QueueState state, String detail, @Nullable Long runId) {
        jdbc.sql("""
                        UPDATE run_queue SET state = :state, detail = :detail, ended_at = now(),
                               run_id = COALESCE(:run, run_id)
                         WHERE queue_id = :id
                        """)
                .param("state", state.name())
                .param("detail", detail)
                .param("run", runId)
                .param("id", queueId)
                .update();
    }

    /** The refusal of a request whose date and type has a request queued or running, naming it. */
    /** Whether a request of the date and type is queued or running. */
    private boolean openRequest(LocalDate date, RunType type) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM run_queue WHERE settlement_date = :date AND run_type = :type"
                        + " AND state IN ('QUEUED', 'TAKEN'))")
                .param("date", date)
                .param("type", type.name())
                .query(Boolean.class)
                .single();
    }

    private RunRefusedException alreadyQueued(LocalDate date, RunType type) {
        Optional<QueuedRun> other = jdbc.sql(SELECT
                        + " WHERE q.settlement_date = :date AND q.run_type = :type AND q.state IN ('QUEUED', 'TAKEN')")
                .params(Map.of("date", date, "type", type.name()))
                .query(RunQueue::row)
                .optional();
        if (other.isEmpty()) {
            // it ended between the insert and this look: the caller may simply try again
            return new RunRefusedException(
                    "a request of " + date + " " + type + " was queued or running a moment ago; try again", null);
        }
        QueuedRun o = other.get();
        String what = o.state() == QueueState.QUEUED
                ? "queued at position " + o.position() + " since " + o.requestedAt()
                : "running" + (o.runId() == null ? "" : " as run " + o.runId()) + " since " + o.takenAt() + " ("
                        + o.takenBy() + ")";
        return new RunRefusedException(
                "a run of " + date + " " + type + " is already requested: request " + o.queueId() + " by "
                        + o.startedBy() + " is " + what + "; exactly one runs at a time ('GET /queue' lists them)",
                o.runId());
    }

    private static String prefixed(String alias) {
        return String.join(
                ", ",
                java.util.Arrays.stream(ORDER.split(", ")).map(c -> alias + c).toList());
    }

    private static QueuedRun row(ResultSet rs, int n) throws SQLException {
        long position = rs.getLong("position");
        Integer pos = rs.wasNull() ? null : (int) position;
        long runId = rs.getLong("run_id");
        Long run = rs.wasNull() ? null : runId;
        return new QueuedRun(
                rs.getLong("queue_id"),
                Objects.requireNonNull(rs.getObject("settlement_date", LocalDate.class)),
                RunType.parse(Objects.requireNonNull(rs.getString("run_type"))),
                instant(rs, "data_cutoff"),
                Objects.requireNonNull(rs.getString("started_by")),
                Objects.requireNonNull(rs.getString("reason")),
                rs.getBoolean("forced"),
                Objects.requireNonNull(rs.getObject("planned_day", LocalDate.class)),
                QueueState.valueOf(rs.getString("state")),
                pos,
                Objects.requireNonNull(instant(rs, "requested_at")),
                rs.getString("taken_by"),
                instant(rs, "taken_at"),
                instant(rs, "ended_at"),
                run,
                Objects.requireNonNull(rs.getString("detail")));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
