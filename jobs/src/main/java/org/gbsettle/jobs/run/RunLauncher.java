package org.gbsettle.jobs.run;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.inbound.MessageFlusher;
import org.gbsettle.jobs.io.postgres.JdbcSettlementRunRepository;
import org.gbsettle.jobs.io.postgres.RunLocks;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Starts and restarts settlement runs as an operator, the scheduler or the REST API asks: the one entry point that
 * holds the run lock of the date and run type ({@link RunLocks}) for the whole run, so the same date and type never
 * runs twice at once (a second attempt fails at once naming the run in progress), refuses an ad-hoc run of a date
 * already settled at RF or later unless forced, and reports progress while the run is in flight.
 *
 * <p>{@link #run} and {@link #restart} run to the end on the calling thread; {@link #start} returns the new run's id
 * as soon as it is created and runs it on a thread of its own.
 */
@Component
public final class RunLauncher {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunLauncher.class);

    private final SettlementRunService service;
    private final JdbcSettlementRunRepository runs;
    private final RunLocks locks;
    private final RunShutdown shutdown;
    private final RunProgress progress;
    private final JdbcClient jdbc;
    private final MessageFlusher messages;
    private final PartitionRequests partitionRequests;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gbsettle-run");
        t.setDaemon(true);
        return t;
    });

    public RunLauncher(
            SettlementRunService service,
            JdbcSettlementRunRepository runs,
            RunLocks locks,
            RunShutdown shutdown,
            RunProgress progress,
            JdbcClient jdbc,
            MessageFlusher messages,
            PartitionRequests partitionRequests) {
        this.service = service;
        this.runs = runs;
        this.locks = locks;
        this.shutdown = shutdown;
        this.progress = progress;
        this.jdbc = jdbc;
        this.messages = messages;
        this.partitionRequests = partitionRequests;
    }

    /**
     * Restarts a run whose lock this process holds: first cancels the partition requests an earlier (dead) manager left
     * open to workers, so that no worker goes on writing for it, whichever partitioning mode the restart runs in.
     */
    private RunOutcome restartHolding(long runId, boolean recover) {
        int cancelled = partitionRequests.cancelOpen(runId, 0);
        if (cancelled > 0) {
            LOG.info("Run {}: {} partition request(s) of an earlier job execution cancelled", runId, cancelled);
        }
        return execute(runId, () -> service.restart(runId, recover));
    }

    /**
     * Creates the run's {@code settlement_run} row, after flushing the staged meter-data messages if one received by
     * the run's cut-off (now, if it has none) is waiting: a run reads the files registered when it starts, and the
     * messages acknowledged before its cut-off are part of its data.
     */
    private long create(RunRequest request, boolean force) {
        Instant cutoff = request.dataCutoff();
        messages.flushReceivedBy(cutoff == null ? Instant.now() : cutoff);
        return service.create(request, force);
    }

    /** A run started in the background: its id at once, its outcome (or failure) when it ends. */
    public record Started(long runId, CompletableFuture<RunOutcome> outcome) {
        public Started {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * Creates a run and runs it to the end, holding the run lock of its date and type.
     *
     * @param force run even though the date already has a complete run of rank RF or higher (an operator's explicit
     *     confirmation, recorded; the scheduler uses {@link #runDue} instead)
     * @throws GbSettleException if a run of the date and type is in progress, if the date is final and {@code force}
     *     is not given, if forced without a reason, or if the run fails
     */
    public RunOutcome run(RunRequest request, boolean force) {
        RunLocks.Held lock = lockFor(request, force);
        try (lock) {
            long runId = create(request, force);
            return execute(runId, () -> service.execute(runId));
        }
    }

    /**
     * A run the timetable makes due (the scheduler's): as {@link #run} under the same lock, but not refused when the
     * date already has a complete RF (a DF falls due after it) and not recorded as forced.
     *
     * @throws GbSettleException if a run of the date and type is in progress, or if the run fails
     */
    public RunOutcome runDue(RunRequest request) {
        RunLocks.Held lock = locks.tryLock(request.settlementDate(), request.runType())
                .orElseThrow(() -> inProgress(request.settlementDate(), request.runType()));
        try (lock) {
            long runId = create(request, false);
            return execute(runId, () -> service.execute(runId));
        }
    }

    /**
     * As {@link #run}, but returns once the run is created: the run executes on a background thread holding the
     * lock, its outcome completing the returned future (exceptionally with the {@link GbSettleException} of a
     * failure). Refusals (run in progress, final date without force) are thrown here, before anything is created.
     */
    public Started start(RunRequest request, boolean force) {
        RunLocks.Held lock = lockFor(request, force);
        long runId;
        try {
            runId = create(request, force);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
        try {
            background.execute(() -> {
                try (lock) {
                    outcome.complete(execute(runId, () -> service.execute(runId)));
                } catch (RuntimeException | Error e) {
                    outcome.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        return new Started(runId, outcome);
    }

    /**
     * Creates a run and runs it to the end under a run lock the caller already holds (and keeps: it is not released
     * here), as the run queue does: it takes the lock before it marks its request taken, and releases it after
     * marking the request ended, so a request marked taken whose lock nobody holds was left by a process that died.
     *
     * @param lock the held run lock of the request's date and type
     * @param force as for {@link #run}
     * @param due a run the timetable makes due, as for {@link #runDue}: not refused for a final date, not forced
     * @param created told the new run's id once the run exists, before it executes
     * @throws GbSettleException if the lock is of another date or type, if the date is final and neither {@code
     *     force} nor {@code due} is given, if forced without a reason, or if the run fails
     */
    public RunOutcome runHolding(
            RunLocks.Held lock, RunRequest request, boolean force, boolean due, LongConsumer created) {
        if (!lock.date().equals(request.settlementDate()) || lock.type() != request.runType()) {
            throw new IllegalArgumentException("the run lock of " + lock.date() + " " + lock.type() + " is not that of "
                    + request.settlementDate() + " " + request.runType());
        }
        if (!due && force && request.reason().isBlank()) {
            throw new GbSettleException("--force needs a --reason: say why the date is run again after its final"
                    + " run (it is recorded with the run)");
        }
        if (!due && !force) {
            refuseFinalDate(request);
        }
        long runId = create(request, !due && force);
        created.accept(runId);
        return execute(runId, () -> service.execute(runId));
    }

    /**
     * Restarts a failed (or, with {@code recover}, abandoned) run holding its run lock: see {@link
     * SettlementRunService#restart}.
     *
     * @throws GbSettleException if the run is in progress in a process (its lock held), or cannot be restarted
     */
    public RunOutcome restart(long runId, boolean recover) {
        RunDefinition run = runs.get(runId);
        RunLocks.Held lock = locks.tryLock(run.settlementDate(), run.runType())
                .orElseThrow(() -> inProgress(run.settlementDate(), run.runType()));
        try (lock) {
            return restartHolding(runId, recover);
        }
    }

    /**
     * Restarts a run if no process holds its run lock (its process is gone), else returns empty at once: what
     * {@link RunRecovery} does for each run left running.
     */
    Optional<RunOutcome> restartIfAbandoned(long runId) {
        RunDefinition run = runs.get(runId);
        Optional<RunLocks.Held> lock = locks.tryLock(run.settlementDate(), run.runType());
        if (lock.isEmpty()) {
            return Optional.empty();
        }
        try (RunLocks.Held held = lock.get()) {
            return Optional.of(restartHolding(runId, true));
        }
    }

    /**
     * Does {@code action} holding the run's lock if no process holds it (its process is gone).
     *
     * @return false, doing nothing, if a live process holds the run's lock
     */
    boolean ifAbandoned(long runId, Runnable action) {
        RunDefinition run = runs.get(runId);
        Optional<RunLocks.Held> lock = locks.tryLock(run.settlementDate(), run.runType());
        if (lock.isEmpty()) {
            return false;
        }
        try (RunLocks.Held held = lock.get()) {
            action.run();
            return true;
        }
    }

    private RunOutcome execute(long runId, java.util.function.Supplier<RunOutcome> job) {
        if (shutdown.stopRequested()) {
            throw new GbSettleException("run " + runId + " not started: the application is shutting down");
        }
        RunProgress.Reporter reporter = progress.report(runId);
        shutdown.started(runId);
        MDC.put(RunLogging.RUN_ID, Long.toString(runId));
        try {
            return job.get();
        } finally {
            reporter.close();
            MDC.remove(RunLogging.RUN_ID);
            shutdown.ended(runId);
        }
    }

    private RunLocks.Held lockFor(RunRequest request, boolean force) {
        if (force && request.reason().isBlank()) {
            throw new GbSettleException("--force needs a --reason: say why the date is run again after its final"
                    + " run (it is recorded with the run)");
        }
        RunLocks.Held lock = locks.tryLock(request.settlementDate(), request.runType())
                .orElseThrow(() -> inProgress(request.settlementDate(), request.runType()));
        try {
            if (!force) {
                refuseFinalDate(request);
            }
            return lock;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Refuses a run of a date that has a complete run of rank RF or higher, naming it and how to force.
     *
     * @throws RunRefusedException if the date is final
     */
    public void refuseFinalDate(RunRequest request) {
        record Final(long runId, String type, int number) {}
        Optional<Final> done = jdbc.sql("""
                        SELECT r.run_id, r.run_type, r.run_number
                          FROM settlement_run r JOIN run_type t ON t.run_type = r.run_type
                         WHERE r.settlement_date = :date AND r.status = 'COMPLETE'
                           AND t.run_rank >= (SELECT run_rank FROM run_type WHERE run_type = 'RF')
                         ORDER BY t.run_rank DESC, r.completed_at DESC, r.run_id DESC
                         LIMIT 1
                        """)
                .param("date", request.settlementDate())
                .query((rs, n) -> new Final(rs.getLong(1), rs.getString(2), rs.getInt(3)))
                .optional();
        if (done.isPresent()) {
            Final f = done.get();
            throw new RunRefusedException(
                    "settlement date " + request.settlementDate() + " is final: run " + f.runId() + " (" + f.type()
                            + " " + f.number() + ") is COMPLETE, and a " + request.runType() + " run now would"
                            + " supersede or sit beside it; if it must be run again, repeat with --force and a --reason"
                            + " saying why",
                    f.runId());
        }
    }

    /** The refusal of a run whose date and type are locked by another process, naming the run in progress. */
    public RunRefusedException inProgress(LocalDate date, RunType type) {
        record Running(long runId, int number, String by, java.time.OffsetDateTime created) {}
        @Nullable
        Running running = jdbc.sql("""
                        SELECT run_id, run_number, started_by, created_at FROM settlement_run
                         WHERE settlement_date = :date AND run_type = :type AND status IN ('PENDING', 'RUNNING')
                         ORDER BY run_id DESC LIMIT 1
                        """)
                .param("date", date)
                .param("type", type.name())
                .query((rs, n) -> new Running(
                        rs.getLong(1),
                        rs.getInt(2),
                        Objects.requireNonNull(rs.getString(3)),
                        Objects.requireNonNull(rs.getObject(4, java.time.OffsetDateTime.class))))
                .optional()
                .orElse(null);
        String what = running == null
                ? "another run of " + date + " " + type + " is starting"
                : "run " + running.runId() + " (" + date + " " + type + " " + running.number() + ", started by "
                        + running.by() + " at " + running.created().toInstant() + ") is in progress";
        return new RunRefusedException(
                "a run of " + date + " " + type + " is already in progress: " + what
                        + "; wait for it to end ('status --run ID' shows it) before starting another",
                running == null ? null : running.runId());
    }
}
