package org.gbsettle.jobs.web;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.gbsettle.engine.run.RunType;
import org.gbsettle.jobs.GbSettleException;
import org.gbsettle.jobs.io.postgres.JdbcSettlementRunRepository;
import org.gbsettle.jobs.run.RunOutcome;
import org.gbsettle.jobs.run.RunRequest;
import org.gbsettle.jobs.run.SettlementRunService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The {@link RunStarter} of this build: {@link SettlementRunService#run} on a pool of at most
 * {@code gbsettle.web.max-concurrent-runs} threads (no queue: a request beyond them gets 503), with the run numbered
 * up front (the next of its date and type) so that the run it created can be found and returned as soon as its row
 * exists, while its job runs on.
 *
 * <p>Until the run guard of the run lifecycle (an advisory lock per date and type) takes its place, conflicts are
 * checked here, in the run table, before the run is created: a run of the date and type {@code PENDING} or
 * {@code RUNNING}, or, without {@code force}, a complete run of the date of rank RF or above (RF, DF, D, DR). The
 * check and the creation are not atomic: two requests at the same instant can both pass, and the second's run number
 * then exists already (a 409 too).
 */
@Component
@ConditionalOnWebApplication
final class ExecutorRunStarter implements RunStarter, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorRunStarter.class);

    /** How long a request waits for its run's row before giving up. */
    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(60);

    private static final long POLL_MILLIS = 20;

    private final SettlementRunService service;
    private final JdbcSettlementRunRepository runs;
    private final JdbcClient jdbc;
    private final ThreadPoolTaskExecutor executor;
    private final int maxRuns;

    ExecutorRunStarter(
            SettlementRunService service,
            JdbcSettlementRunRepository runs,
            JdbcClient jdbc,
            @Value("${gbsettle.web.max-concurrent-runs:2}") int maxRuns) {
        if (maxRuns < 1) {
            throw new IllegalArgumentException("gbsettle.web.max-concurrent-runs is " + maxRuns + ", not 1 or more");
        }
        this.service = service;
        this.runs = runs;
        this.jdbc = jdbc;
        this.maxRuns = maxRuns;
        this.executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(maxRuns);
        executor.setMaxPoolSize(maxRuns);
        executor.setQueueCapacity(0);
        executor.setThreadNamePrefix("gbsettle-http-run-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(60);
        executor.initialize();
    }

    @Override
    public long start(RunRequest request, boolean force) {
        checkConflicts(request, force);
        RunRequest numbered = new RunRequest(
                request.settlementDate(),
                request.runType(),
                runs.nextRunNumber(request.settlementDate(), request.runType()),
                request.dataCutoff(),
                request.startedBy(),
                request.reason());
        CompletableFuture<RunOutcome> job;
        try {
            job = CompletableFuture.supplyAsync(() -> service.run(numbered), executor);
        } catch (RejectedExecutionException e) {
            throw new ResponseStatusException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    maxRuns + " run(s) started over HTTP are in progress, the most at once"
                            + " (gbsettle.web.max-concurrent-runs): try again later",
                    e);
        }
        job.whenComplete((outcome, failure) -> {
            if (failure != null) {
                LOG.warn(
                        "Run of {} {} started over HTTP by {} ended without completing: {}",
                        numbered.settlementDate(),
                        numbered.runType(),
                        numbered.startedBy(),
                        unwrap(failure).getMessage());
            }
        });
        return awaitCreated(numbered, job);
    }

    private void checkConflicts(RunRequest request, boolean force) {
        record Found(long runId, String type, int number, String status) {}
        Optional<Found> inProgress = jdbc.sql("""
                        SELECT run_id, run_type, run_number, status FROM settlement_run
                         WHERE settlement_date = :date AND run_type = :type AND status IN ('PENDING', 'RUNNING')
                         ORDER BY run_id LIMIT 1
                        """)
                .param("date", request.settlementDate())
                .param("type", request.runType().name())
                .query((rs, n) -> new Found(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4)))
                .optional();
        if (inProgress.isPresent()) {
            Found f = inProgress.get();
            throw new RunConflictException(
                    "run " + f.runId() + " (" + request.settlementDate() + " " + f.type() + " " + f.number() + ") is "
                            + f.status() + ": one run of a settlement date and run type at a time; wait for it to"
                            + " end (GET /runs/" + f.runId() + "), or if the process running it is gone, restart it"
                            + " with 'restart --run " + f.runId() + " --recover'",
                    f.runId());
        }
        if (force) {
            return;
        }
        Optional<Found> fin = jdbc.sql("""
                        SELECT r.run_id, r.run_type, r.run_number, r.status
                          FROM settlement_run r JOIN run_type t ON t.run_type = r.run_type
                         WHERE r.settlement_date = :date AND r.status = 'COMPLETE' AND t.run_rank >= :rank
                         ORDER BY t.run_rank DESC, r.run_number DESC, r.run_id DESC LIMIT 1
                        """)
                .param("date", request.settlementDate())
                .param("rank", RunType.RF.rank() + 1)
                .query((rs, n) -> new Found(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4)))
                .optional();
        if (fin.isPresent()) {
            Found f = fin.get();
            throw new RunConflictException(
                    request.settlementDate() + " is already at " + f.type() + " (run " + f.runId() + ", " + f.type()
                            + " " + f.number() + "): running it again needs the confirmation \"force\": true",
                    f.runId());
        }
    }

    /** The id of the run once its row exists; a failure before that as the request's error. */
    private long awaitCreated(RunRequest r, CompletableFuture<RunOutcome> job) {
        long deadline = System.nanoTime() + CREATE_TIMEOUT.toNanos();
        while (true) {
            boolean ended = job.isDone();
            Optional<Long> id = jdbc.sql("SELECT run_id FROM settlement_run WHERE settlement_date = :date"
                            + " AND run_type = :type AND run_number = :number")
                    .param("date", r.settlementDate())
                    .param("type", r.runType().name())
                    .param("number", r.runNumber())
                    .query(Long.class)
                    .optional();
            if (id.isPresent()) {
                return id.get();
            }
            if (ended) {
                Throwable failure;
                try {
                    job.join();
                    failure = new IllegalStateException("the run ended but has no row");
                } catch (CompletionException | CancellationException e) {
                    failure = unwrap(e);
                }
                if (failure instanceof GbSettleException && failure.getCause() instanceof DuplicateKeyException) {
                    throw new RunConflictException(
                            "another run of " + r.settlementDate() + " " + r.runType() + " was created at the same"
                                    + " time: one run of a settlement date and run type at a time",
                            null);
                }
                throw new IllegalStateException("the run could not be created: " + failure.getMessage(), failure);
            }
            if (System.nanoTime() > deadline) {
                throw new ResponseStatusException(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "the run of " + r.settlementDate() + " " + r.runType() + " was not created within "
                                + CREATE_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the run to be created", e);
            }
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cause = t.getCause();
        return t instanceof CompletionException && cause != null ? cause : t;
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
