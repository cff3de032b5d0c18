-- Remote partitioning (issue 8): the queue through which a manager (run, serve, recover with
-- gbsettle.partitioning.mode=remote) hands the partitions of a settlement run's calculate step to worker JVMs
-- (gbsettle worker). One row per partition step execution sent: a worker takes a QUEUED row with
-- SELECT ... FOR UPDATE SKIP LOCKED, marks it TAKEN with a token of its own, runs the Spring Batch step execution and
-- keeps heartbeat_at fresh while it does. The manager learns completion from the job repository; a TAKEN row whose
-- heartbeat is older than gbsettle.partitioning.worker-timeout is ABANDONED by the manager (the worker is presumed
-- dead) and the partition is sent again as a new step execution. A partition's outputs are written only while its row
-- is TAKEN with the writer's token (checked under the row's lock in the write transaction), so a worker that was
-- presumed dead but finishes late cannot overwrite or double the outputs of the newer attempt.

CREATE TABLE partition_request (
    request_id        BIGSERIAL    PRIMARY KEY,
    run_id            BIGINT       NOT NULL REFERENCES settlement_run (run_id) ON DELETE CASCADE,
    job_execution_id  BIGINT       NOT NULL,
    step_execution_id BIGINT       NOT NULL UNIQUE,
    step_name         VARCHAR(100) NOT NULL,
    status            VARCHAR(10)  NOT NULL DEFAULT 'QUEUED'
        CHECK (status IN ('QUEUED', 'TAKEN', 'DONE', 'RELEASED', 'ABANDONED', 'CANCELLED')),
    token             UUID,
    worker            VARCHAR(200),
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    taken_at          TIMESTAMPTZ,
    heartbeat_at      TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ
);

CREATE INDEX partition_request_queued ON partition_request (request_id) WHERE status = 'QUEUED';
CREATE INDEX partition_request_run ON partition_request (run_id);

COMMENT ON TABLE partition_request IS
    'Partitions of settlement runs sent to worker JVMs (gbsettle.partitioning.mode=remote), one per step execution.';
COMMENT ON COLUMN partition_request.status IS
    'QUEUED (waiting for a worker), TAKEN (a worker runs it), DONE (the worker finished the step execution, whatever'
    ' its outcome), RELEASED (the worker stopped before finishing: sent again), ABANDONED (the worker''s heartbeat'
    ' went stale: sent again), CANCELLED (its job execution is no longer running).';
COMMENT ON COLUMN partition_request.token IS
    'Set by the worker that took the request; the partition''s outputs are written only while it still matches.';
COMMENT ON COLUMN partition_request.worker IS 'The worker that took it: host name, process id and thread.';
COMMENT ON COLUMN partition_request.heartbeat_at IS
    'Refreshed by the worker while it runs the partition (gbsettle.partitioning.heartbeat-interval).';
