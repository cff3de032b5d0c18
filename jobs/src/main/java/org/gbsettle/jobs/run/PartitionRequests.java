package org.gbsettle.jobs.run;

import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.gbsettle.jobs.GbSettleException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The queue of partitions sent to worker JVMs ({@code partition_request}, migration V0020): the manager's side
 * ({@link #send}, {@link #abandonStale}, {@link #statuses}, {@link #cancelOpen}) and the worker's ({@link #take},
 * {@link #heartbeat}, {@link #finish}), and the check that a partition's writer still holds its request ({@link
 * #checkHeld}).
 *
 * <p>Every state change is one statement (or one short transaction) on the row, so the row's lock orders a worker's
 * write of its outputs against the manager's decision that the worker is dead.
 */
@Component
public final class PartitionRequests {

    /** The step execution context key of the request a worker runs the step execution for. */
    static final String REQUEST_ID = "remote.requestId";

    /** The step execution context key of the worker's token for that request. */
    static final String TOKEN = "remote.token";

    private final JdbcClient jdbc;

    public PartitionRequests(JdbcClient jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /**
     * A request a worker took.
     *
     * @param token the worker's token, written into the step execution context under {@link #TOKEN}
     */
    record Taken(long requestId, long runId, long jobExecutionId, long stepExecutionId, UUID token) {}

    /** Queues a partition step execution of a run for the workers. */
    void send(long runId, StepExecution step) {
        jdbc.sql("""
                        INSERT INTO partition_request (run_id, job_execution_id, step_execution_id, step_name)
                        VALUES (:run, :job, :step, :name)
                        """)
                .param("run", runId)
                .param("job", step.getJobExecutionId())
                .param("step", step.getId())
                .param("name", step.getStepName())
                .update();
    }

    /**
     * Cancels the open (queued or taken) requests of a run sent by job executions other than {@code jobExecutionId}:
     * those of an earlier, abandoned execution of the run, which recovery has restarted.
     *
     * @return how many were cancelled
     */
    int cancelOpen(long runId, long jobExecutionId) {
        return jdbc.sql("""
                        UPDATE partition_request SET status = 'CANCELLED', finished_at = now()
                         WHERE run_id = :run AND job_execution_id <> :job AND status IN ('QUEUED', 'TAKEN')
                        """).param("run", runId).param("job", jobExecutionId).update();
    }

    /**
     * Among the given step executions' requests, those taken whose heartbeat is older than {@code timeoutMillis} (by
     * the database's clock), marked {@code ABANDONED}; their step execution ids.
     */
    List<Long> abandonStale(Collection<Long> stepExecutionIds, long timeoutMillis) {
        if (stepExecutionIds.isEmpty()) {
            return List.of();
        }
        // a request whose row is locked is being written by its worker (checkHeld): not stale, skipped
        return jdbc.sql("""
                        UPDATE partition_request SET status = 'ABANDONED', finished_at = now()
                         WHERE request_id IN (
                               SELECT request_id FROM partition_request
                                WHERE step_execution_id = ANY(:ids) AND status = 'TAKEN'
                                  AND heartbeat_at < clock_timestamp() - make_interval(secs => :timeout / 1000.0)
                                  FOR UPDATE SKIP LOCKED)
                        RETURNING step_execution_id
                        """)
                .param("ids", stepExecutionIds.toArray(Long[]::new))
                .param("timeout", timeoutMillis)
                .query(Long.class)
                .list();
    }

    /** The statuses of the given step executions' requests, by step execution id. */
    Map<Long, String> statuses(Collection<Long> stepExecutionIds) {
        Map<Long, String> out = new HashMap<>();
        if (stepExecutionIds.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT step_execution_id, status FROM partition_request WHERE step_execution_id = ANY(:ids)")
                .param("ids", stepExecutionIds.toArray(Long[]::new))
                .query((ResultSet rs) -> {
                    out.put(rs.getLong(1), rs.getString(2));
                });
        return out;
    }

    /** Cancels those of the given step executions' requests still queued; their step execution ids. */
    List<Long> cancelQueued(Collection<Long> stepExecutionIds) {
        if (stepExecutionIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        UPDATE partition_request SET status = 'CANCELLED', finished_at = now()
                         WHERE step_execution_id = ANY(:ids) AND status = 'QUEUED'
                        RETURNING step_execution_id
                        """)
                .param("ids", stepExecutionIds.toArray(Long[]::new))
                .query(Long.class)
                .list();
    }

    /** How many of the given step executions' requests are still queued (no worker took them). */
    int queued(Collection<Long> stepExecutionIds) {
        if (stepExecutionIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        SELECT count(*) FROM partition_request
                         WHERE step_execution_id = ANY(:ids) AND status = 'QUEUED'
                        """)
                .param("ids", stepExecutionIds.toArray(Long[]::new))
                .query(Integer.class)
                .single();
    }

    /**
     * Whether a run may still send partitions: it is {@code RUNNING}, or one of its requests is queued. A run's steps
     * {@code sample}, {@code calculate} and {@code combine} queue their partitions one step after the other, with
     * moments between in which nothing is queued.
     */
    boolean runInProgress(long runId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM settlement_run WHERE run_id = :run AND status = 'RUNNING')
                            OR EXISTS (SELECT 1 FROM partition_request WHERE run_id = :run AND status = 'QUEUED')
                        """).param("run", runId).query(Boolean.class).single();
    }

    /**
     * Takes the oldest queued request, if any, skipping those another worker is taking: marks it {@code TAKEN} by
     * {@code worker} with a new token and a fresh heartbeat.
     */
    Optional<Taken> take(String worker) {
        UUID token = UUID.randomUUID();
        return jdbc.sql("""
                        UPDATE partition_request SET status = 'TAKEN', token = :token, worker = :worker,
                               taken_at = now(), heartbeat_at = now()
                         WHERE request_id = (SELECT request_id FROM partition_request WHERE status = 'QUEUED'
                                              ORDER BY request_id LIMIT 1 FOR UPDATE SKIP LOCKED)
                        RETURNING request_id, run_id, job_execution_id, step_execution_id
                        """)
                .param("token", token)
                .param("worker", worker)
                .query((rs, n) -> new Taken(
                        rs.getLong("request_id"),
                        rs.getLong("run_id"),
                        rs.getLong("job_execution_id"),
                        rs.getLong("step_execution_id"),
                        token))
                .optional();
    }

    /** Refreshes the heartbeat of the requests still held with these tokens. */
    void heartbeat(Collection<UUID> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        // a row locked by its own output write (checkHeld) is skipped, not waited for: the write refreshes it
        jdbc.sql("""
                        UPDATE partition_request SET heartbeat_at = clock_timestamp()
                         WHERE request_id IN (SELECT request_id FROM partition_request
                                               WHERE token = ANY(:tokens) AND status = 'TAKEN'
                                                 FOR UPDATE SKIP LOCKED)
                        """).param("tokens", tokens.toArray(UUID[]::new)).update();
    }

    /**
     * Ends a taken request: {@code DONE}, {@code RELEASED} or {@code CANCELLED}, if the worker still holds it.
     *
     * @return whether it still held it
     */
    boolean finish(Taken taken, String status) {
        return jdbc.sql("""
                        UPDATE partition_request SET status = :status, finished_at = now()
                         WHERE request_id = :id AND token = :token AND status = 'TAKEN'
                        """)
                        .param("status", status)
                        .param("id", taken.requestId())
                        .param("token", taken.token())
                        .update()
                == 1;
    }

    /**
     * In a transaction: fails unless the partition step execution is run locally (no request in its context, or the
     * request of an earlier step execution, its context carried over by a restart) or its
     * request is still held with its token, and then holds the request's row lock (so the manager cannot give the
     * partition to another worker) until the transaction ends; refreshes the heartbeat.
     *
     * @throws SupersededException when the request was abandoned (or cancelled) and given to another attempt
     */
    void checkHeld(StepExecution step) {
        ExecutionContext context = step.getExecutionContext();
        if (!context.containsKey(REQUEST_ID)) {
            return;
        }
        long id = context.getLong(REQUEST_ID);
        String token = context.getString(TOKEN);
        Long requestStep = jdbc.sql("SELECT step_execution_id FROM partition_request WHERE request_id = :id")
                .param("id", id)
                .query(Long.class)
                .optional()
                .orElse(null);
        if (requestStep == null || !requestStep.equals(step.getId())) {
            // keys copied from an earlier attempt's context by a restart (Spring Batch carries a failed partition's
            // context over): this step execution was sent to no worker, it runs locally
            return;
        }
        int held = jdbc.sql("""
                        UPDATE partition_request SET heartbeat_at = clock_timestamp()
                         WHERE request_id = :id AND token = CAST(:token AS UUID) AND status = 'TAKEN'
                        """).param("id", id).param("token", token).update();
        if (held != 1) {
            throw new SupersededException("partition request " + id + " of step execution " + step.getId()
                    + " is no longer held by this worker (its heartbeat went stale and the partition was sent again,"
                    + " or its run was restarted): its outputs are not written");
        }
    }

    /**
     * A partition whose request this worker no longer holds: another attempt owns the partition, so this one writes
     * nothing, not even its failure.
     */
    static final class SupersededException extends GbSettleException {
        private static final long serialVersionUID = 1L;

        SupersededException(String message) {
            super(message);
        }
    }

    /** This process as {@code partition_request.worker} and {@code run_group_slice.calculated_by} name it: host/pid. */
    static String processName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = "unknown-host";
            }
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}
